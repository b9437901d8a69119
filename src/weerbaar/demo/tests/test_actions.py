# SPDX-License-Identifier: EUPL-1.2
"""The demo joint actions: an action day in a rural area and an integrated inspection of a business park,
with partners, locations (risk and random), findings from three partners and follow-ups."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.actions import selectors
from weerbaar.actions.constants import LocationReason, OperationKind, OperationStatus
from weerbaar.actions.draw import draw
from weerbaar.actions.models import Finding, Operation
from weerbaar.demo.actions import actions_demo_load
from weerbaar.demo.services import demo_load

pytestmark = pytest.mark.django_db


def test_demo_has_an_action_day_and_a_business_park_inspection() -> None:
    demo_load()
    before = (Operation.objects.count(), Finding.objects.count())
    actions_demo_load()  # idempotent: loading again adds nothing
    assert (Operation.objects.count(), Finding.objects.count()) == before
    day = Operation.objects.get(kind=OperationKind.ACTIEDAG)
    park = Operation.objects.get(kind=OperationKind.INTEGRALE_CONTROLE)
    assert day.status == OperationStatus.DEBRIEFED and park.status == OperationStatus.IN_PROGRESS
    for operation in (day, park):
        selection = operation.selections.get()
        drawn = list(operation.locations.filter(reason=LocationReason.RANDOM).order_by("position"))
        assert [loc.address for loc in drawn] == draw(selection.pool, selection.random_share, selection.seed)
    assert park.locations.exclude(reason=LocationReason.RANDOM).exists()  # risk premises from Tilburg's signals
    organisations = set(Finding.objects.filter(operation=park).values_list("organisation__name", flat=True))
    assert {"Gemeente Tilburg", "Politie eenheid Zeeland-West-Brabant", "Belastingdienst regio Zuid"} <= organisations
    assert Finding.objects.filter(follow_ups__isnull=False).count() == 2
    # The police liaison sees the business park, its own findings only.
    police = User.objects.get(username="liaison.politie")
    actor = actor_for(user=police)
    own = selectors.finding_list(actor=actor, operation=park)
    assert {f.organisation.name for f in own} == {"Politie eenheid Zeeland-West-Brabant"}
    client = verified_client(police)
    assert client.get(reverse("actions:checklist", kwargs={"uuid": park.uuid})).status_code == 200
    regisseur = verified_client(User.objects.get(username="regisseur.tilburg"))
    assert regisseur.get(reverse("actions:debrief", kwargs={"uuid": park.uuid})).status_code == 200
