# SPDX-License-Identifier: EUPL-1.2
"""Permission codes are declared by their apps, and the declarations and rules stay in step."""

from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from weerbaar.core import permissions, policy
from weerbaar.core.permissions import (
    Area,
    PermissionSpec,
    codes_for_private,
    codes_in_area,
    codes_requiring_screening,
    declare,
    permission_spec,
    permission_specs,
    permitted_codes,
)


def _spec(code: str, **overrides: Any) -> PermissionSpec:
    fields: dict[str, Any] = {
        "code": code,
        "area": Area.A,
        "private_allowed": True,
        "screening_required": True,
        "description": "Test code.",
    } | overrides
    return PermissionSpec(**fields)


def test_every_rule_has_a_declaration_and_every_declaration_a_rule() -> None:
    assert policy.registered_codes() == permissions.declared_codes()
    policy.check_declarations()


def test_start_up_refuses_a_rule_without_declaration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(policy._RULES, "made.up", policy.any_object)

    with pytest.raises(ImproperlyConfigured, match=r"'made.up' has a rule but is not declared"):
        apps.get_app_config("core").ready()


def test_start_up_refuses_a_declaration_without_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(permissions._SPECS, "made.up", _spec("made.up"))

    with pytest.raises(ImproperlyConfigured, match=r"'made.up' is declared but has no rule"):
        apps.get_app_config("core").ready()


def test_declaring_a_code_again_differently_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(permissions._SPECS, "made.up", _spec("made.up"))

    assert declare("made.up", area=Area.A, private_allowed=True, screening_required=True, description="Test code.")
    with pytest.raises(ValueError, match="already declared differently"):
        declare("made.up", area=Area.A, private_allowed=False, screening_required=True, description="Test code.")


def test_an_undeclared_code_is_refused_loudly() -> None:
    with pytest.raises(LookupError, match="not declared"):
        permission_spec("made.up")
    with pytest.raises(LookupError):
        permitted_codes({"made.up"}, private=False, screened=True)


def test_the_apps_declare_their_codes() -> None:
    by_app: dict[str, set[str]] = {}
    for spec in permission_specs():
        by_app.setdefault(spec.code.split(".")[0], set()).add(spec.area)
    assert by_app == {
        "accounts": {Area.PLATFORM},
        "audit": {Area.PLATFORM},
        "geo": {Area.PLATFORM},
        "organisations": {Area.PLATFORM},
        "retention": {Area.PLATFORM},
        "signals": {Area.B},
        "cases": {Area.B},
        "support": {Area.A},
        "correlation": {Area.B},
        "threats": {Area.C},
        "partnerships": {Area.A},
        "knowledge": {Area.D},
        "integrity": {Area.D},
        "surveys": {Area.D},
        "training": {Area.D},
        "resilience": {Area.D},
        # Joint actions build on signals, cases and correlation.
        "actions": {Area.B},
        # Figures across areas, each counted through its own area's scope (weerbaar.core.figures).
        "insights": {Area.PLATFORM},
    }
    assert [spec.code for spec in permission_specs()] == sorted(permissions.declared_codes())
    assert all(spec.description for spec in permission_specs())


def test_area_b_needs_screening_and_is_never_for_private_partners_except_reporting_in() -> None:
    area_b = codes_in_area(Area.B)
    reporting_in = {"signals.report", "signals.view_own"}

    assert codes_requiring_screening() == area_b - reporting_in
    assert codes_for_private() & area_b == reporting_in


def test_area_c_is_never_for_private_partners_and_needs_no_screening() -> None:
    area_c = codes_in_area(Area.C)

    assert area_c == {"threats.report", "threats.view", "threats.coordinate", "threats.insight"}
    assert not area_c & codes_for_private()
    assert not area_c & codes_requiring_screening()


def test_platform_codes_are_for_everyone() -> None:
    platform = codes_in_area(Area.PLATFORM)
    # The retention overview lists objects of areas B and C, which are never for private partners; so do the
    # situational picture's figures (aggregates of signals, cases and threats) and its reports.
    closed_to_private = {
        "retention.view",
        "insights.view",
        "insights.organisation",
        "insights.report_make",
        "insights.report_council",
    }

    assert platform - closed_to_private <= codes_for_private()
    assert not closed_to_private & codes_for_private()
    assert not platform & codes_requiring_screening()


@pytest.mark.parametrize(
    ("private_allowed", "screening_required", "private", "screened", "permitted"),
    [
        # A code for private partners that needs screening (an area partnership's member): screened only.
        (True, True, True, True, True),
        (True, True, True, False, False),
        (True, True, False, True, True),
        (True, True, False, False, False),
        # Not for private partners, no screening (area C).
        (False, False, True, True, False),
        (False, False, False, False, True),
        # Open to everyone.
        (True, False, True, False, True),
        # Screened staff of public organisations only (area B).
        (False, True, True, True, False),
        (False, True, False, False, False),
        (False, True, False, True, True),
    ],
)
def test_both_conditions_apply_independently(
    monkeypatch: pytest.MonkeyPatch,
    private_allowed: bool,
    screening_required: bool,
    private: bool,
    screened: bool,
    permitted: bool,
) -> None:
    spec = _spec("made.up", private_allowed=private_allowed, screening_required=screening_required)
    monkeypatch.setitem(permissions._SPECS, "made.up", spec)

    assert spec.permitted(private=private, screened=screened) is permitted
    assert permitted_codes({"made.up"}, private=private, screened=screened) == (
        {"made.up"} if permitted else frozenset()
    )
