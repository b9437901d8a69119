# SPDX-License-Identifier: EUPL-1.2
"""The next step on a case for its reader, and the case-wide actions' own pages that the steps link to."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.cases import services
from weerbaar.cases.constants import CaseStatus
from weerbaar.cases.models import Case
from weerbaar.cases.next_steps import case_next_steps
from weerbaar.cases.tests.factories import make_case, make_member_actor, make_owner_actor
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db


def _url(name: str, case: Case) -> str:
    return reverse(name, kwargs={"uuid": case.uuid})


def test_the_director_is_asked_for_the_assessment_and_the_next_step() -> None:
    owner = make_owner_actor()
    case = make_case(owner)

    urls = [step.url for step in case_next_steps(actor=owner, case=case)]
    assert urls == [_url("cases:assessment", case), _url("cases:transition", case)]

    services.case_assessment_record(actor=owner, case=case, text="Proportioneel.", expected_version=case.version)
    case = Case.objects.get(pk=case.pk)
    assert [step.url for step in case_next_steps(actor=owner, case=case)] == [_url("cases:transition", case)]


def test_a_member_sees_its_own_due_steps_first_and_nothing_of_the_directors_work() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    member = make_member_actor(case, owner=owner)
    assert case_next_steps(actor=member, case=case) == []

    services.intervention_add(
        actor=owner, case=case, type="bibob", owner=owner.organisation, started_on=timezone.localdate()
    )
    case = Case.objects.get(pk=case.pk)
    steps = case_next_steps(actor=owner, case=case, today=timezone.localdate() + timedelta(days=400))
    dated = [step for step in steps if step.due is not None]
    assert dated and all(step.overdue for step in dated)
    assert steps[: len(dated)] == dated  # deadlines first
    # Each leads straight to the page that marks that step done.
    intervention = case.interventions.get()
    kwargs = {"uuid": case.uuid, "intervention_uuid": intervention.uuid}
    due = intervention.steps.exclude(due_on=None)
    assert sorted(step.url for step in dated) == sorted(
        reverse("cases:step_done", kwargs={**kwargs, "code": step.code}) for step in due
    )
    # The member's organisation does not carry out the intervention: none of its steps are the member's.
    assert case_next_steps(actor=member, case=case, today=timezone.localdate() + timedelta(days=400)) == []


def test_a_closed_case_has_no_next_step() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.AFGESLOTEN)
    assert case_next_steps(actor=owner, case=Case.objects.get(pk=case.pk)) == []


@pytest.fixture
def world(make_org: Any, make_user: Any) -> dict[str, Any]:
    gemeente = make_org("Gemeente Volgende Stap", OrganisationType.GEMEENTE)
    politie = make_org("Politie Volgende Stap", OrganisationType.POLITIE)
    regisseur = make_user(organisation=gemeente, role=Role.CASUSREGISSEUR, username="regisseur.stap")
    agent = make_user(organisation=politie, role=Role.PARTNERVERTEGENWOORDIGER, username="agent.stap")
    case = make_case(actor_for(user=regisseur))
    services.membership_add(actor=actor_for(user=regisseur), case=case, organisation=politie)
    return {"case": Case.objects.get(pk=case.pk), "owner": verified_client(regisseur), "police": verified_client(agent)}


def test_case_wide_actions_open_their_own_page_and_show_it_again_with_the_error(world: dict[str, Any]) -> None:
    case, client = world["case"], world["owner"]

    body = client.get(_url("cases:detail", case)).content.decode()
    assert 'data-testid="next-steps"' in body
    assert 'name="text"' not in body  # the assessment form is on its own page
    assert f'href="{_url("cases:assessment", case)}"' in body

    page = client.get(_url("cases:assessment", case))
    assert page.status_code == 200
    assert 'name="text"' in page.content.decode()

    refused = client.post(_url("cases:assessment", case), {"version": case.version, "text": ""})
    assert refused.status_code == 200
    assert refused.templates[0].name == "cases/action.html"
    assert 'name="text"' in refused.content.decode()


def test_an_action_page_is_hidden_from_a_member_who_may_not_act(world: dict[str, Any]) -> None:
    assert world["police"].get(_url("cases:assessment", world["case"])).status_code in (403, 404)
