# SPDX-License-Identifier: EUPL-1.2
"""The retention registry: every app's policy registered once, run the same way, reported per policy."""

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q, QuerySet

from weerbaar.core.retention import (
    DestructionRequest,
    RetentionPolicy,
    add_years,
    retention_policies,
    retention_policy,
    retention_policy_run,
    retention_run,
)
from weerbaar.organisations.models import Organisation

pytestmark = pytest.mark.django_db

#: Area A's policies (``partnerships/retention.py``).
PARTNERSHIPS = ("partnership_alerts", "partnership_directory", "partnership_documents")


def test_every_app_with_personal_data_registers_a_documented_policy() -> None:
    policies = {policy.name: policy for policy in retention_policies()}
    assert set(policies) == {
        "signals",
        "threats",
        "cases",
        "support-reports",
        "support-referrals",
        "integrity-reports",
        "actions",
        *PARTNERSHIPS,
    }
    for policy in policies.values():
        assert policy.category and policy.period and policy.legal_basis
    assert (policies["signals"].warning_days, policies["threats"].warning_days) == (30, 30)
    assert policies["cases"].warning_days == 0
    text = (settings.BASE_DIR / "docs" / "retention.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in text for name in policies)


def test_a_policy_that_warns_must_say_whom_how_and_where_it_notes_it() -> None:
    with pytest.raises(ValueError, match="recipients"):
        RetentionPolicy(
            name="x",
            category="x",
            period="x",
            legal_basis="x",
            expired=lambda day: Organisation.objects.none(),
            destroy=lambda obj, day: None,
            warning_days=10,
        )


def test_the_runner_destroys_expired_objects_and_counts_holds(make_org: Any) -> None:
    keep, hold, expire = make_org("Blijft"), make_org("Vastgehouden"), make_org("Weg")
    destroyed: list[tuple[str, date]] = []

    def expired(day: date) -> QuerySet[Organisation]:
        return Organisation.objects.filter(name__in=["Vastgehouden", "Weg"] if day >= date(2030, 1, 1) else [])

    def destroy(organisation: Organisation, day: date, request: DestructionRequest | None = None) -> None:
        destroyed.append((organisation.name, day))

    policy = RetentionPolicy(
        name="test",
        category="test",
        period="test",
        legal_basis="test",
        expired=expired,
        destroy=destroy,
        legal_hold=Q(pk=hold.pk),
    )
    assert retention_policy_run(policy, today=date(2029, 12, 31)).deleted == 0
    report = retention_policy_run(policy, today=date(2030, 1, 1))
    assert (report.policy, report.warned, report.held, report.deleted) == ("test", 0, 1, 1)
    assert destroyed == [(expire.name, date(2030, 1, 1))]
    assert keep.name not in {name for name, _ in destroyed}


def test_unknown_policies_are_refused() -> None:
    with pytest.raises(KeyError):
        retention_policy("nope")
    with pytest.raises(KeyError):
        retention_run(names=["nope"])
    with pytest.raises(CommandError):
        call_command("retention_run", "--policy", "nope", stdout=StringIO())


def test_one_command_and_the_old_name_run_every_policy() -> None:
    for command in ("retention_run", "signals_retention"):
        out = StringIO()
        call_command(command, stdout=out)
        assert out.getvalue().splitlines() == [
            f"{name}: warned 0, on legal hold 0, destroyed 0"
            for name in (
                "signals",
                "threats",
                "cases",
                *PARTNERSHIPS,
                "support-reports",
                "support-referrals",
                "integrity-reports",
                "actions",
            )
        ]
    out = StringIO()
    call_command("retention_run", "--policy", "cases", "--date", "2030-01-01", stdout=out)
    assert out.getvalue().splitlines() == ["cases: warned 0, on legal hold 0, destroyed 0"]


def test_the_task_reports_per_policy() -> None:
    from weerbaar.core.tasks import retention_daily

    result = retention_daily.call()
    assert set(result) == {
        "signals",
        "threats",
        "cases",
        "support-reports",
        "support-referrals",
        "integrity-reports",
        "actions",
        *PARTNERSHIPS,
    }
    assert result["threats"] == {"warned": 0, "held": 0, "deleted": 0}


def test_add_years_keeps_the_calendar_day_and_moves_29_february_to_the_28th() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), -4) == date(2020, 2, 29)
    assert add_years(date(2026, 3, 1), -5) == date(2021, 3, 1)
