# SPDX-License-Identifier: EUPL-1.2
"""The next step on a signal for its reader, and the actions' own pages that the step links to."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.constants import Phenomenon, Status
from weerbaar.signals.models import Signal
from weerbaar.signals.next_steps import signal_next_steps
from weerbaar.signals.services import drug_waste_details_set, signal_transition
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def tilburg(geography: None, make_org: Any) -> Any:
    return make_org("Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))


@pytest.fixture
def intake_user(tilburg: Any, make_user: Any) -> Any:
    return make_user(organisation=tilburg, role=Role.MELDPUNT)


@pytest.fixture
def weigher(tilburg: Any, make_user: Any) -> Any:
    return make_user(organisation=tilburg, role=Role.SCHAKELTEAM)


def _transition_url(signal: Signal) -> str:
    return reverse("signals:transition", kwargs={"uuid": signal.uuid})


def test_a_new_signal_asks_the_intake_team_to_qualify_it_by_its_deadline(intake_user: Any, weigher: Any) -> None:
    signal = make_signal(phenomenon=Phenomenon.HENNEPTEELT)
    due = timezone.localtime(signal.acknowledge_due).date()

    [step] = signal_next_steps(actor=actor_for(user=intake_user), signal=signal, today=due)
    assert step.url == _transition_url(signal)
    assert step.due == due and not step.overdue
    assert str(due.day) in step.text

    late = signal_next_steps(actor=actor_for(user=intake_user), signal=signal, today=due + timedelta(days=1))
    assert late[0].overdue

    # The weighing team cannot qualify: it sees that it waits, without a link.
    [waiting] = signal_next_steps(actor=actor_for(user=weigher), signal=signal, today=due)
    assert waiting.url == ""


def test_a_qualified_signal_asks_the_weighing_team_to_weigh_it(intake_user: Any, weigher: Any) -> None:
    signal = signal_transition(
        actor=actor_for(user=intake_user),
        signal=make_signal(phenomenon=Phenomenon.HENNEPTEELT),
        to_status=Status.GEKWALIFICEERD,
    )

    [step] = signal_next_steps(actor=actor_for(user=weigher), signal=signal)
    assert step.url == reverse("signals:weigh", kwargs={"uuid": signal.uuid})
    assert step.due == timezone.localtime(signal.weigh_due).date()
    [waiting] = signal_next_steps(actor=actor_for(user=intake_user), signal=signal)
    assert waiting.url == ""


def test_drug_waste_asks_for_its_claim_details_until_they_are_complete(intake_user: Any) -> None:
    actor = actor_for(user=intake_user)
    signal = make_signal(phenomenon=Phenomenon.DRUGSAFVALDUMPING)
    drug_waste_url = reverse("signals:drug_waste", kwargs={"uuid": signal.uuid})
    assert drug_waste_url in [step.url for step in signal_next_steps(actor=actor, signal=signal)]

    drug_waste_details_set(
        actor=actor,
        signal=signal,
        data={
            "dumping_type": "vaten",
            "volume_litres": None,
            "landowner_type": "",
            "police_reference": "PL2000-2026123456",
            "cleanup_contractor": "",
            "cleanup_costs": "1250.00",
        },
        expected_version=signal.version,
    )
    signal.refresh_from_db()
    assert drug_waste_url not in [step.url for step in signal_next_steps(actor=actor, signal=signal)]


def test_the_signal_page_shows_the_next_step_and_links_to_the_action_pages(intake_user: Any, client_for: Any) -> None:
    signal = make_signal(phenomenon=Phenomenon.HENNEPTEELT)
    body = client_for(intake_user).get(reverse("signals:detail", kwargs={"uuid": signal.uuid})).content.decode()

    assert 'data-testid="next-steps"' in body
    assert f'href="{_transition_url(signal)}"' in body
    assert 'name="to_status"' not in body  # the form is on its own page


def test_an_action_page_shows_its_form_and_shows_it_again_with_the_error(intake_user: Any, client_for: Any) -> None:
    client = client_for(intake_user)
    signal = make_signal(phenomenon=Phenomenon.HENNEPTEELT)

    page = client.get(_transition_url(signal))
    assert page.status_code == 200
    assert 'name="to_status"' in page.content.decode()

    refused = client.post(_transition_url(signal), {"version": signal.version, "to_status": "bestaat_niet"})
    assert refused.status_code == 200
    assert refused.templates[0].name == "signals/intake/action.html"
    assert 'name="to_status"' in refused.content.decode()


def test_an_action_page_is_hidden_from_who_may_not_act(weigher: Any, client_for: Any) -> None:
    signal = make_signal(phenomenon=Phenomenon.HENNEPTEELT)
    assert client_for(weigher).get(_transition_url(signal)).status_code in (403, 404)
