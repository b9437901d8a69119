# SPDX-License-Identifier: EUPL-1.2
"""The integrity coordinator's open reports in "My work": by reference and kind, never by reporter or account;
a report not yet taken up counts on the menu item; a closed one leaves the list."""

from typing import Any

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.inbox.registry import Section
from weerbaar.inbox.selectors import inbox_counts, inbox_pending_count
from weerbaar.integrity import services
from weerbaar.integrity.constants import Status
from weerbaar.integrity.tests.factories import SECRET, actor, make_report

pytestmark = pytest.mark.django_db


def test_open_reports_are_the_coordinators_work(tilburg: Any, make_user: Any) -> None:
    reporter = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    waiting = make_report(reporter)
    talking = make_report(reporter)
    closed = make_report(reporter)
    coordinator = make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR)
    services.report_transition(
        actor=actor(coordinator), report=talking, to_status=Status.IN_GESPREK, expected_version=None
    )
    services.report_transition(
        actor=actor(coordinator), report=closed, to_status=Status.GESLOTEN, expected_version=None
    )

    page = verified_client(coordinator).get(reverse("inbox:index")).content.decode()
    assert waiting.reference in page and talking.reference in page
    assert closed.reference not in page
    assert reverse("integrity:detail", kwargs={"uuid": waiting.uuid}) in page
    assert SECRET not in page and reporter.last_name not in page
    assert inbox_counts(actor=actor(coordinator))[Section.DECISIONS] == 2
    # Only the report nobody has taken up yet needs action now.
    assert inbox_pending_count(actor=actor(coordinator)) == 1


@pytest.mark.parametrize("role", [Role.LEIDINGGEVENDE, Role.MEDEWERKER, Role.RAADSLID])
def test_nobody_else_has_it_in_my_work(tilburg: Any, make_user: Any, role: str) -> None:
    reporter = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    make_report(reporter)
    other = make_user(organisation=tilburg, role=role)
    assert inbox_counts(actor=actor(other)).get(Section.DECISIONS, 0) == 0
    assert inbox_counts(actor=actor(reporter)).get(Section.DECISIONS, 0) == 0
