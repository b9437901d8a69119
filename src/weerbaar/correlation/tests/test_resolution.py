# SPDX-License-Identifier: EUPL-1.2
"""Online resolution through the services: links, entities, judgements, exclusions, hit/no-hit."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.correlation.constants import SubjectKind, Verdict
from weerbaar.correlation.models import Entity, Judgement, Link, Subject
from weerbaar.correlation.selectors import correlations_for, hit_token, subject_get, subjects_visible
from weerbaar.correlation.services import (
    correlations_show,
    exclusion_add,
    hit_access_request,
    judgement_record,
)
from weerbaar.correlation.tests.factories import (
    HOUSEHOLD_MEMBER,
    PERSON,
    PERSON_VARIANT,
    World,
    case_subject,
    make_world,
    signal_with,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(geography: None) -> World:
    return make_world()


def _person(values: dict[str, Any]) -> dict[str, Any]:
    return {"kind": SubjectKind.PERSOON, **values}


def test_the_same_person_in_a_signal_and_a_case_is_linked_at_once(world: World) -> None:
    signal = signal_with([_person(PERSON)])
    in_signal = Subject.objects.get(signal=signal)
    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    assert in_case.entity_id == in_signal.entity_id
    link = Link.objects.get()
    assert {link.subject_a_id, link.subject_b_id} == {in_signal.pk, in_case.pk}
    assert link.score > 0
    assert set(link.explanation) == {"prior", "given", "surname", "birth_date", "address"}
    assert round(sum(link.explanation.values()), 4) == pytest.approx(link.score, abs=1e-3)


def test_a_household_member_is_not_the_same_person(world: World) -> None:
    signal_with([_person(PERSON)])
    other = case_subject(world.director, world.case, SubjectKind.PERSOON, HOUSEHOLD_MEMBER)
    assert Entity.objects.count() == 2
    assert other.entity_id != Subject.objects.exclude(pk=other.pk).get().entity_id


def test_a_non_member_learns_only_that_there_is_a_hit(world: World) -> None:
    signal = signal_with([_person(PERSON)])
    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    own = list(subjects_visible(actor=world.intake).filter(signal=signal))
    report = correlations_for(actor=world.intake, subjects=own)
    (row,) = report.rows
    assert row.same == []
    (hit,) = row.hits
    assert hit.context.kind == "casus"
    assert hit.context.organisation_name == "Gemeente Breda"
    # No number, title, page or UUID of the case, and nothing of the subject's values.
    assert (hit.context.label, hit.context.url, hit.context.uuid) == ("", "", None)
    assert "Loods" not in repr(hit) and "Berg" not in repr(hit.context)
    assert str(in_case.uuid) not in repr(hit)  # not even the hidden subject's identifier
    assert subject_get(actor=world.intake, uuid=in_case.uuid) is None


def test_who_sees_both_sides_sees_the_link_and_its_explanation(world: World) -> None:
    signal = signal_with([_person(PERSON)])
    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    own = list(subjects_visible(actor=world.analyst).filter(signal=signal))
    report = correlations_for(actor=world.analyst, subjects=own)
    (row,) = report.rows
    assert row.hits == []
    (same,) = row.same
    assert same.subject == in_case
    assert same.context.label.startswith(world.case.number)
    assert same.score is not None and same.score > 0
    assert {c.feature for c in same.explanation} >= {"given", "surname", "birth_date", "prior"}


def test_showing_hits_is_audited_and_braked(world: World, settings: Any) -> None:
    signal = signal_with([_person(PERSON)])
    case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    own = list(subjects_visible(actor=world.intake).filter(signal=signal))
    settings.CORRELATION_HIT_DISCLOSURES_PER_HOUR = 2
    for _ in range(2):
        shown = correlations_show(actor=world.intake, subjects=own, where="test")
        assert len(shown.report.rows[0].hits) == 1 and not shown.withheld
    assert AuditEvent.objects.filter(action=AuditAction.DISCLOSE, object_type="correlation.hit").count() == 2
    shown = correlations_show(actor=world.intake, subjects=own, where="test")
    assert shown.report.rows[0].hits == [] and shown.withheld


def test_not_same_splits_and_is_never_bridged(world: World) -> None:
    signal = signal_with([_person(PERSON)])
    in_signal = Subject.objects.get(signal=signal)
    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    judgement_record(
        actor=world.analyst,
        subject_a=in_signal,
        subject_b=in_case,
        verdict=Verdict.NIET_ZELFDE,
        reason="Andere BSN volgens het BRP.",
    )
    in_signal.refresh_from_db()
    in_case.refresh_from_db()
    assert in_signal.entity_id != in_case.entity_id
    # The oldest subject keeps the entity (stable canonical id).
    assert in_signal.entity_id < in_case.entity_id or Subject.objects.filter(entity_id=in_signal.entity_id).count()
    # A third mention matching both joins one of them, never both.
    third = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON)
    assert third.entity_id in (in_signal.entity_id, in_case.entity_id)
    assert Subject.objects.filter(entity_id=third.entity_id).count() == 2
    # Joining the two by "same" is refused while the "not same" stands.
    with pytest.raises(ValidationError):
        judgement_record(
            actor=world.analyst,
            subject_a=in_signal if third.entity_id != in_signal.entity_id else in_case,
            subject_b=third,
            verdict=Verdict.ZELFDE,
            reason="Zelfde persoon volgens de KvK.",
        )


def test_same_joins_what_the_model_kept_apart(world: World) -> None:
    signal = signal_with([_person({"given_names": "Mo", "surname": "Bakker"})])
    in_signal = Subject.objects.get(signal=signal)
    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, {"given_names": "M.", "surname": "Bakker"})
    assert in_signal.entity_id != in_case.entity_id
    judgement = judgement_record(
        actor=world.analyst, subject_a=in_case, subject_b=in_signal, verdict=Verdict.ZELFDE, reason="Pasfoto."
    )
    assert (judgement.subject_a_id, judgement.subject_b_id) == (in_signal.pk, in_case.pk)
    assert judgement.author == world.analyst.user
    in_case.refresh_from_db()
    in_signal.refresh_from_db()
    assert in_case.entity_id == in_signal.entity_id
    unsure = judgement_record(
        actor=world.analyst, subject_a=in_case, subject_b=in_signal, verdict=Verdict.ONZEKER, reason="Twijfel."
    )
    assert Judgement.objects.count() == 2 and unsure.verdict == Verdict.ONZEKER


def test_judging_needs_sight_of_both_subjects(world: World) -> None:
    signal = signal_with([_person(PERSON)])
    in_signal = Subject.objects.get(signal=signal)
    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    with pytest.raises(PermissionDenied):  # the director cannot see Tilburg's signal
        judgement_record(
            actor=world.director, subject_a=in_signal, subject_b=in_case, verdict=Verdict.ZELFDE, reason="x"
        )
    assert Judgement.objects.count() == 0


def test_identifiers_link_exactly(world: World) -> None:
    signal = signal_with([{"kind": SubjectKind.VOERTUIG, "plate": "AB-123-C"}])
    in_case = case_subject(world.director, world.case, SubjectKind.VOERTUIG, {"plate": "ab123c"})
    other = case_subject(world.director, world.case, SubjectKind.VOERTUIG, {"plate": "AB-124-C"})
    assert in_case.entity_id == Subject.objects.get(signal=signal).entity_id
    assert other.entity_id != in_case.entity_id
    link = Link.objects.get(subject_b=in_case)
    assert link.explanation == {"prior": -10.0, "identifier": 30.0}


def test_an_excluded_address_links_nobody(world: World) -> None:
    exclusion_add(
        actor=world.analyst,
        kind=SubjectKind.ADRES,
        values={"postcode": "5038 TC", "house_number": "130"},
        label="Stadhuis Tilburg",
        reason="Postadres van de gemeente.",
    )
    town_hall = {"street": "Stadhuisplein", "house_number": "130", "postcode": "5038 TC", "city": "Tilburg"}
    signal_with([{"kind": SubjectKind.ADRES, **town_hall}])
    in_case = case_subject(world.director, world.case, SubjectKind.ADRES, town_hall)
    # Only the street-and-city key is left, and it is not used either: the address is excluded.
    assert not Link.objects.filter(subject_b=in_case).exists()
    assert Subject.objects.filter(entity_id=in_case.entity_id).count() == 1


def test_the_frequency_cut_off_stops_an_address_linking_people(world: World, settings: Any) -> None:
    settings.CORRELATION_MAX_ADDRESS_FREQUENCY = 2
    address = {"street": "Kantorenweg", "house_number": "1", "postcode": "5041 AB", "city": "Tilburg"}
    people = []
    for name in ("Aap", "Noot", "Mies"):
        signal = signal_with([_person({"given_names": name, "surname": "Visser", **address})])
        people.append(Subject.objects.get(signal=signal))
    # Two people sharing the address are a possible match through it (a link in the review band) ...
    second = Link.objects.get(subject_b=people[1])
    assert second.explanation["address"] > 10
    # ... but once more people share it than the cut-off allows, it neither blocks nor scores.
    assert not Link.objects.filter(subject_b=people[2]).exists()


def test_access_can_be_asked_only_from_a_real_hit(world: World) -> None:
    from weerbaar.cases.models import AccessRequest
    from weerbaar.cases.tests.factories import make_case, make_owner_actor

    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    unrelated = case_subject(world.director, world.case, SubjectKind.VOERTUIG, {"plate": "99-XX-99"})
    eindhoven = make_owner_actor()
    own_case = make_case(eindhoven, title="Eigen casus")
    mine = case_subject(eindhoven, own_case, SubjectKind.PERSOON, PERSON)
    assert mine.entity_id == in_case.entity_id
    (hit,) = correlations_for(actor=eindhoven, subjects=[mine]).rows[0].hits
    forged = hit_token(eindhoven, mine, unrelated)  # a token for a subject that is no hit of this one
    with pytest.raises(PermissionDenied):
        hit_access_request(actor=eindhoven, via=mine, token=forged, reason="Nieuwsgierig")
    with pytest.raises(PermissionDenied):  # not from someone else's subject, nor with someone else's token
        hit_access_request(actor=world.outsider, via=mine, token=hit.token, reason="Nieuwsgierig")
    assert not AccessRequest.objects.exists()
    hit_access_request(actor=eindhoven, via=mine, token=hit.token, reason="Zelfde persoon in onze casus")
    request = AccessRequest.objects.get()
    assert request.case == world.case and request.organisation == eindhoven.organisation
    assert AuditEvent.objects.filter(object_type="correlation.accessrequest", object_uuid=in_case.uuid).exists()


def test_a_match_in_an_entity_merged_meanwhile_joins_the_entity_it_was_merged_into() -> None:
    from weerbaar.correlation.resolver import _live_entities

    first, second, third = (Entity.objects.create(kind=SubjectKind.PERSOON) for _ in range(3))
    # Merged by a registration that committed after this one read its candidates, then merged again.
    Entity.objects.filter(pk=second.pk).update(merged_into=third)
    Entity.objects.filter(pk=third.pk).update(merged_into=first)
    assert _live_entities([second.pk, third.pk]) == [first.pk]
    assert _live_entities([third.pk, second.pk, first.pk]) == [first.pk]
