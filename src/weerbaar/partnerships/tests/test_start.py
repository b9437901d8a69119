# SPDX-License-Identifier: EUPL-1.2
"""The partner's start page: its queries do not grow with the signals in the area or the participants,
and the cached trend shows a new signal at once."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships import services
from weerbaar.partnerships.tests.factories import INSIDE, Area, join, make_area, make_organisation, make_person
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.usefixtures("geography")

POINT = (Decimal(str(INSIDE[0])), Decimal(str(INSIDE[1])))


def _queries(client: Client, url: str) -> int:
    client.get(url)  # the trend's cache filled, as on any page shown twice
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200 and b'data-testid="start-partnerships"' in response.content
    return len(captured.captured_queries)


def test_the_start_page_queries_do_not_grow_with_signals_or_participants() -> None:
    area: Area = make_area()
    farmer = area.private_reps[OrganisationType.AGRARISCH]
    client = verified_client(farmer)
    url = reverse("core:start")
    officer = actor_for(user=area.police_officer, organisation_uuid=area.police.uuid)
    services.alert_send(actor=officer, partnership=area.partnership, theme="drugsafval", text="Vaten gevonden.")
    make_signal(point=POINT)
    few = _queries(client, url)
    for n in range(12):
        make_signal(point=POINT, phenomenon="hennepteelt" if n % 2 else "drugsafvaldumping")
    for _n in range(5):
        organisation = make_organisation(OrganisationType.JACHT)
        join(
            area.partnership, organisation, representatives=(make_person(organisation, Role.PARTNERVERTEGENWOORDIGER),)
        )
        services.alert_send(
            actor=officer, partnership=area.partnership, theme="diefstal", text="Inbraak in een schuur."
        )
    assert _queries(client, url) == few


def test_a_new_signal_shows_in_the_trend_at_once() -> None:
    area = make_area()
    client = verified_client(area.private_reps[OrganisationType.AGRARISCH])
    url = reverse("core:start")
    for _n in range(6):
        make_signal(point=POINT)
    assert ">6<" in client.get(url).content.decode().split('data-testid="start-trend"')[1]
    make_signal(point=POINT)
    assert ">7<" in client.get(url).content.decode().split('data-testid="start-trend"')[1]
