# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.partnerships.tests.factories import Area, facilitator_actor, make_area, member_actor
from weerbaar.surveys import services
from weerbaar.surveys.constants import Purpose, QuestionKind, Status
from weerbaar.surveys.models import Response, ResponseLink, Survey, SurveyStatusChange
from weerbaar.surveys.standard import STANDARD_QUESTIONS
from weerbaar.surveys.tests.factories import first_answers, make_survey, move, open_survey

pytestmark = pytest.mark.usefixtures("geography")


@pytest.fixture
def area() -> Area:
    return make_area()


def test_a_new_survey_is_a_draft_copy_of_the_standard_questionnaire(area: Area) -> None:
    survey = make_survey(area.partnership)
    questions = list(survey.questions.prefetch_related("options"))
    assert survey.status == Status.CONCEPT
    assert [q.text for q in questions] == [str(s.text) for s in STANDARD_QUESTIONS]
    assert [q.is_group for q in questions].count(True) == 1
    group = next(q for q in questions if q.is_group)
    assert [o.label for o in group.options.all()] == ["Resident", "Farmer or grower", "Other entrepreneur", "Other"]
    assert {q.kind for q in questions} == set(QuestionKind.values)
    assert SurveyStatusChange.objects.filter(survey=survey, to_status=Status.CONCEPT).count() == 1
    assert AuditEvent.objects.filter(object_uuid=survey.uuid, action="create").exists()


def test_only_those_who_run_the_partnership_make_a_survey(area: Area) -> None:
    farmer = next(iter(area.private_reps.values()))
    organisation = next(iter(area.private_orgs.values()))
    with pytest.raises(PermissionDenied):
        services.survey_create_from_standard(
            actor=member_actor(farmer, organisation), partnership=area.partnership, title="X", purpose=Purpose.NULMETING
        )
    survey = make_survey(area.partnership)
    with pytest.raises(PermissionDenied):
        services.links_generate(actor=member_actor(area.police_officer, area.police), survey=survey, count=3)


def test_questions_change_only_while_draft_and_keep_their_shape(area: Area) -> None:
    survey = make_survey(area.partnership)
    manager = facilitator_actor(area.partnership)
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    with pytest.raises(ValidationError, match="exactly 5 options"):
        services.question_update(
            actor=manager, question=scale, expected_version=survey.version, text="Hoe veilig?", options=["a", "b"]
        )
    single = survey.questions.filter(kind=QuestionKind.SINGLE, is_group=False).first()
    assert single is not None
    with pytest.raises(ValidationError, match="differ"):
        services.question_update(
            actor=manager, question=single, expected_version=survey.version, text="Melden?", options=["Ja", "ja"]
        )
    services.question_update(
        actor=manager, question=single, expected_version=survey.version, text="Melden?", options=["Ja", "Nee", "Soms"]
    )
    single.refresh_from_db()
    assert single.text == "Melden?"
    assert [o.label for o in single.options.all()] == ["Ja", "Nee", "Soms"]
    with pytest.raises(StaleVersionError):
        services.question_update(actor=manager, question=single, expected_version=1, text="X", options=["a", "b", "c"])
    group = survey.questions.get(is_group=True)
    survey.refresh_from_db()
    with pytest.raises(ValidationError, match="respondent-group question stays"):
        services.question_delete(actor=manager, question=group, expected_version=survey.version)
    added = services.question_add(
        actor=manager,
        survey=survey,
        expected_version=survey.version,
        kind=QuestionKind.YES_NO,
        text="Kent u de vertrouwenspersoon?",
        options=["Ja", "Nee"],
    )
    survey.refresh_from_db()
    services.question_delete(actor=manager, question=added, expected_version=survey.version)
    survey = move(survey, Status.OPEN)
    with pytest.raises(ValidationError, match="only while the survey is a draft"):
        services.question_update(
            actor=manager, question=single, expected_version=survey.version, text="Later", options=["a", "b", "c"]
        )


def test_status_goes_draft_open_closed_only(area: Area) -> None:
    survey = make_survey(area.partnership)
    with pytest.raises(ValidationError):
        move(survey, Status.GESLOTEN)
    survey = move(survey, Status.OPEN)
    survey = move(survey, Status.GESLOTEN)
    with pytest.raises(ValidationError):
        move(survey, Status.OPEN)
    assert list(survey.status_changes.values_list("to_status", flat=True)) == ["concept", "open", "gesloten"]


def test_links_are_random_single_use_and_stored_only_as_hashes(area: Area) -> None:
    survey = open_survey(area.partnership)
    tokens = services.links_generate(actor=facilitator_actor(area.partnership), survey=survey, count=5)
    assert len(set(tokens)) == 5
    assert all(len(t) >= 32 for t in tokens)  # 24 random bytes, base64: 192 bits
    stored = set(ResponseLink.objects.filter(survey=survey).values_list("token_hash", flat=True))
    assert stored == {services.token_hash(t) for t in tokens}
    assert not stored & set(tokens)
    with pytest.raises(ValidationError):
        services.links_generate(actor=facilitator_actor(area.partnership), survey=survey, count=0)


def test_a_response_keeps_only_survey_and_date_and_uses_up_its_link(area: Area) -> None:
    survey = open_survey(area.partnership)
    [token] = services.links_generate(actor=facilitator_actor(area.partnership), survey=survey, count=1)
    events = AuditEvent.objects.count()
    services.response_submit(token=token, answers=first_answers(survey))
    response = Response.objects.get(survey=survey)
    assert {f.name for f in Response._meta.concrete_fields} == {"id", "survey", "submitted_on"}
    assert response.answers.count() == survey.questions.count()
    assert ResponseLink.objects.get(survey=survey).used
    assert AuditEvent.objects.count() == events  # no moment, no identifier of a response anywhere
    with pytest.raises(services.LinkUnusable):
        services.response_submit(token=token, answers=first_answers(survey))
    with pytest.raises(services.LinkUnusable):
        services.response_submit(token="onbekend", answers=first_answers(survey))


def test_an_incomplete_or_invalid_response_is_refused_and_the_link_stays_usable(area: Area) -> None:
    survey = open_survey(area.partnership)
    [token] = services.links_generate(actor=facilitator_actor(area.partnership), survey=survey, count=1)
    answers = first_answers(survey)
    missing = dict(list(answers.items())[1:])
    with pytest.raises(ValidationError):
        services.response_submit(token=token, answers=missing)
    single = survey.questions.get(kind=QuestionKind.SCALE)
    two = {**answers, single.pk: [o.pk for o in single.options.all()[:2]]}
    with pytest.raises(ValidationError):
        services.response_submit(token=token, answers=two)
    foreign = {**answers, single.pk: [survey.questions.get(is_group=True).options.all()[0].pk]}
    with pytest.raises(ValidationError):
        services.response_submit(token=token, answers=foreign)
    assert not ResponseLink.objects.get(survey=survey).used
    assert services.link_survey(token=token) == survey


def test_links_of_a_draft_or_closed_survey_cannot_be_used(area: Area) -> None:
    survey = make_survey(area.partnership)
    [token] = services.links_generate(actor=facilitator_actor(area.partnership), survey=survey, count=1)
    assert services.link_survey(token=token) is None
    with pytest.raises(services.LinkUnusable):
        services.response_submit(token=token, answers=first_answers(survey))
    survey = move(move(survey, Status.OPEN), Status.GESLOTEN)
    assert services.link_survey(token=token) is None
    with pytest.raises(ValidationError):
        services.links_generate(actor=facilitator_actor(area.partnership), survey=survey, count=1)
    assert Survey.objects.get(pk=survey.pk).responses.count() == 0


def test_a_member_outside_the_partnership_cannot_run_its_survey(area: Area) -> None:
    other = make_area()
    survey = make_survey(area.partnership)
    with pytest.raises(PermissionDenied):
        services.survey_transition(
            actor=actor_for(user=other.facilitator), survey=survey, expected_version=None, to_status=Status.OPEN
        )
