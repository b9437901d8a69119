# SPDX-License-Identifier: EUPL-1.2
"""An organisation's staff survey (area D): made from the standard staff questionnaire by the integrity
coordinator, answered through anonymous links, and shown — to the coordinator and the council member of the
same organisation only — as aggregates of groups of at least 10."""

import re
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.geo.models import Municipality
from weerbaar.geo.services import geography_load
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.services import organisation_create
from weerbaar.surveys import services
from weerbaar.surveys.constants import Purpose, Status
from weerbaar.surveys.models import Survey
from weerbaar.surveys.selectors import survey_results
from weerbaar.surveys.tests.factories import bulk_responses
from weerbaar.surveys.tests.test_results import check, figures

STAFF = 10


def _staff_survey(organisation: Organisation, coordinator: Any) -> Survey:
    return services.staff_survey_create(actor=actor_for(user=coordinator), organisation=organisation, title="Personeel")


def _move(survey: Survey, coordinator: Any, to_status: str) -> Survey:
    return services.survey_transition(
        actor=actor_for(user=coordinator), survey=survey, expected_version=None, to_status=to_status
    )


@pytest.mark.django_db
def test_a_staff_survey_is_the_standard_staff_questionnaire_with_threshold_10(tilburg: Any, make_user: Any) -> None:
    coordinator = make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR)

    survey = _staff_survey(tilburg, coordinator)

    assert survey.organisation == tilburg and survey.partnership is None
    assert survey.purpose == Purpose.PERSONEEL and survey.threshold == STAFF
    assert survey.questions.filter(is_group=True).count() == 1
    assert survey.questions.count() == 7


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.RAADSLID, Role.LEIDINGGEVENDE, Role.VEILIGHEIDSCOORDINATOR, Role.MEDEWERKER])
def test_only_the_integrity_coordinator_makes_one(tilburg: Any, make_user: Any, role: str) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _staff_survey(tilburg, make_user(organisation=tilburg, role=role))


@pytest.mark.django_db
def test_below_10_responses_there_are_no_results(tilburg: Any, make_user: Any) -> None:
    coordinator = make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR)
    survey = _move(_staff_survey(tilburg, coordinator), coordinator, Status.OPEN)
    bulk_responses(survey, [[0, 0, 0, 0, 0, [0], 0]] * 9)
    survey = _move(survey, coordinator, Status.GESLOTEN)

    results = survey_results(survey)

    assert not results.available and not results.questions
    assert results.responses == "< 10"


@pytest.mark.django_db
def test_the_pages_of_a_staff_survey(tilburg: Any, amsterdam: Any, make_user: Any) -> None:
    coordinator = make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR)
    client = verified_client(coordinator)
    response = client.post(reverse("surveys:staff_create"), {"title": "Personeelsenquête 2026"})
    survey = Survey.objects.get(organisation=tilburg)
    assert response["Location"] == reverse("surveys:staff_detail", kwargs={"uuid": survey.uuid})
    url = reverse("surveys:staff_transition", kwargs={"uuid": survey.uuid, "to_status": Status.OPEN})
    assert client.post(url, {"version": survey.version}).status_code == 302
    download = client.post(reverse("surveys:staff_links", kwargs={"uuid": survey.uuid}), {"count": 12, "format": "txt"})
    assert download.status_code == 200 and download.content.decode().count("/enquete/") == 12
    survey.refresh_from_db()
    bulk_responses(survey, [[i % 2, 0, 1, 2, 3, [0, 1], 0] for i in range(24)])
    url = reverse("surveys:staff_transition", kwargs={"uuid": survey.uuid, "to_status": Status.GESLOTEN})
    assert client.post(url, {"version": survey.version}).status_code == 302

    council = verified_client(make_user(organisation=tilburg, role=Role.RAADSLID))
    assert survey.title in council.get(reverse("surveys:staff_list")).content.decode()
    results = council.get(reverse("surveys:staff_results", kwargs={"uuid": survey.uuid}))
    assert results.status_code == 200 and "24" in results.content.decode()
    assert council.get(reverse("surveys:staff_detail", kwargs={"uuid": survey.uuid})).status_code == 403

    manager = verified_client(make_user(organisation=tilburg, role=Role.LEIDINGGEVENDE))
    assert manager.get(reverse("surveys:staff_list")).status_code == 403
    assert manager.get(reverse("surveys:staff_results", kwargs={"uuid": survey.uuid})).status_code == 403
    elsewhere = verified_client(make_user(organisation=amsterdam, role=Role.INTEGRITEITSCOORDINATOR))
    assert elsewhere.get(reverse("surveys:staff_results", kwargs={"uuid": survey.uuid})).status_code == 404
    assert survey.title not in elsewhere.get(reverse("surveys:staff_list")).content.decode()
    # A staff survey is not a partnership's: those pages and routes do not know it.
    assert client.get(reverse("surveys:results", kwargs={"uuid": survey.uuid})).status_code in (403, 404)


class StaffResultsAreProtected(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        geography_load()
        cls.organisation = organisation_create(
            actor=None,
            name="Gemeente Proef",
            type=OrganisationType.GEMEENTE,
            municipality=Municipality.objects.get(code="GM0855"),
        )
        from weerbaar.accounts import services as account_services

        cls.coordinator, _password = account_services.user_create(
            actor=None,
            username="integriteit.proef",
            first_name="I",
            last_name="C",
            email="ic@example.invalid",
            home_organisation=cls.organisation,
            role=Role.INTEGRITEITSCOORDINATOR,
            password="correct-horse-battery-staple-42",
        )
        survey = _staff_survey(cls.organisation, cls.coordinator)
        # The group question, "intimidated?" (yes/no) and "which do you know?" (multiple): small for brute force.
        survey.questions.exclude(position__in=(1, 2, 6)).delete()
        cls.survey = _move(_move(survey, cls.coordinator, Status.OPEN), cls.coordinator, Status.GESLOTEN)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(groups=st.lists(st.integers(0, 3), min_size=0, max_size=45), data=st.data())
    def test_no_group_below_10_and_no_hidden_count_can_be_worked_out(
        self, groups: list[int], data: st.DataObject
    ) -> None:
        choices = []
        for group in groups:
            yes_no = data.draw(st.integers(0, 1))
            known = data.draw(st.lists(st.integers(0, 3), min_size=1, max_size=2, unique=True))
            choices.append([group, yes_no, known])
        bulk_responses(self.survey, choices)
        results = survey_results(Survey.objects.get(pk=self.survey.pk))
        if len(groups) < STAFF:
            assert not results.available and not results.questions
            return
        assert results.available
        for question in results.questions:
            for text in figures(question):
                assert not re.fullmatch(r"[1-9]", text), (question.text, text)
            check(question, threshold=STAFF)


@pytest.mark.django_db
def test_the_api_gives_a_staff_surveys_results_to_the_council_only_as_aggregates(
    tilburg: Any, amsterdam: Any, make_user: Any
) -> None:
    from django.test import Client

    from weerbaar.api.services import api_token_issue

    coordinator = make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR)
    survey = _move(_staff_survey(tilburg, coordinator), coordinator, Status.OPEN)
    bulk_responses(survey, [[i % 2, 0, 1, 2, 3, [0], 0] for i in range(9)] + [[0, 1, 1, 2, 3, [0], 0]] * 13)
    survey = _move(survey, coordinator, Status.GESLOTEN)

    def get(user: Any, url: str) -> Any:
        _token, raw = api_token_issue(user=user)
        return Client().get(url, headers={"Authorization": f"Bearer {raw}"})

    council = make_user(organisation=tilburg, role=Role.RAADSLID)
    listed = get(council, "/api/v1/personeelsenquetes")
    assert listed.status_code == 200 and listed.json()["results"][0]["reacties"] == "22"
    url = f"/api/v1/personeelsenquetes/{survey.uuid}/resultaten"
    body = get(council, url).json()
    assert body["beschikbaar"] is True
    texts = [r["totaal"] for q in body["vragen"] for r in q["antwoorden"]]
    assert texts and not any(re.fullmatch(r"[1-9]", t) for t in texts)
    assert get(make_user(organisation=tilburg, role=Role.LEIDINGGEVENDE), url).status_code == 404
    assert get(make_user(organisation=amsterdam, role=Role.RAADSLID), url).status_code == 404


@pytest.mark.django_db
def test_the_response_page_of_a_staff_survey_says_whose_it_is_and_the_threshold(tilburg: Any, make_user: Any) -> None:
    from django.test import Client

    coordinator = make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR)
    survey = _move(_staff_survey(tilburg, coordinator), coordinator, Status.OPEN)
    [token] = services.links_generate(actor=actor_for(user=coordinator), survey=survey, count=1)

    page = Client().get(reverse("surveys:respond", kwargs={"token": token}), HTTP_ACCEPT_LANGUAGE="nl")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Gemeente Tilburg onder de eigen medewerkers" in text and "ten minste 10" in text
