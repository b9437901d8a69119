# SPDX-License-Identifier: EUPL-1.2
"""The joint actions' figure in the situational picture: counted for the owner organisation only."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client

pytestmark = pytest.mark.django_db


def test_findings_are_counted_for_the_owner_organisation_only(tilburg: object, make_user: object) -> None:
    from weerbaar.accounts.constants import Role
    from weerbaar.actions.services import finding_record
    from weerbaar.actions.tests.factories import (
        first_location,
        make_operation,
        make_partner_actor,
        make_planner,
        make_running,
    )
    from weerbaar.insights.services import aggregates_refresh

    planner = make_planner(tilburg)  # type: ignore[arg-type]
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    for n in range(6):
        finding_record(
            actor=police,
            operation=operation,
            location=first_location(operation),
            domain="politie",
            checked="Aanwezige personen",
            compliant=True,
            idempotency_key=f"f-{n}",
        )
    aggregates_refresh(full=True)
    manager = make_user(organisation=tilburg, role=Role.PROGRAMMAMANAGER)  # type: ignore[operator]
    url = reverse("insights_api:inzichten-detail", kwargs={"figuur": "actie-bevindingen-per-rechtsdomein"})
    figure = verified_client(manager).get(url).json()
    assert figure["totalen"][-1] == "6"
    # The police's own programme manager reads none of them: the counts are the owner's.
    other = make_user(organisation=police.organisation, role=Role.PROGRAMMAMANAGER)  # type: ignore[operator]
    assert verified_client(other).get(url).json()["totalen"][-1] in ("0", "—")
