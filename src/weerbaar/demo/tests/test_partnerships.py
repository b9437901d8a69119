# SPDX-License-Identifier: EUPL-1.2
"""The demo partnership, as the README walks it: ready for the audit, partners of every kind, the ceiling
at work (the estate agent sees figures only), and the partner's start page."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.demo.services import demo_load
from weerbaar.partnerships import selectors
from weerbaar.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_the_demo_partnership_is_ready_and_shows_each_partner_what_it_may_see() -> None:
    demo_load()
    demo_load()  # idempotent
    partnership = Partnership.objects.get(name="Buitengebied De Meierij")
    assert sorted(partnership.municipalities.values_list("code", flat=True)) == ["GM0757", "GM0824", "GM0845", "GM1948"]
    readiness = selectors.partnership_readiness(partnership=partnership)
    assert readiness.ready and readiness.not_signed_by == ["Makelaardij Het Groene Woud (fictief)"]
    assert partnership.alerts.count() == 2 and partnership.participants.count() == 12

    farmer = User.objects.get(username="partner.zlto")
    start = verified_client(farmer).get(reverse("core:start")).content.decode()
    assert 'data-testid="start-partnerships"' in start and 'data-testid="start-alerts"' in start
    cards = selectors.directory_list(actor=actor_for(user=farmer), partnership=partnership)
    contacts = {card.organisation: card.contact for card in cards}
    assert contacts["Politie eenheid Oost-Brabant"] is not None and contacts["WBE De Meierij"] is None

    agent = actor_for(user=User.objects.get(username="makelaar.demo"))
    assert selectors.partnership_get(actor=agent, uuid=partnership.uuid) is not None
    assert not selectors.alert_list(actor=agent).exists()
