# SPDX-License-Identifier: EUPL-1.2
"""Batch resolution (stable ids, judgements win, exclusions apply) and screening (scope, purpose, brake)."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from linkage import keys
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.correlation.constants import SubjectKind, Verdict
from weerbaar.correlation.models import Entity, Link, Subject, SubjectKey
from weerbaar.correlation.resolver import candidates_for, resolver_config
from weerbaar.correlation.services import (
    ScreeningLimitError,
    exclusion_add,
    judgement_record,
    resolution_run,
    screening_run,
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


def _entities() -> dict[int, int | None]:
    return dict(Subject.objects.values_list("pk", "entity_id"))


def test_batch_keeps_canonical_ids_and_estimates_a_model(world: World) -> None:
    signal_with([{"kind": SubjectKind.PERSOON, **PERSON}, {"kind": SubjectKind.VOERTUIG, "plate": "AB-123-C"}])
    case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    case_subject(world.director, world.case, SubjectKind.PERSOON, HOUSEHOLD_MEMBER)
    case_subject(world.director, world.case, SubjectKind.VOERTUIG, {"plate": "ab123c"})
    before = _entities()
    uuids = dict(Entity.objects.values_list("pk", "uuid"))
    run = resolution_run()
    assert _entities() == before  # the same clusters, under the same canonical ids
    assert dict(Entity.objects.filter(pk__in=before.values()).values_list("pk", "uuid")) == {
        pk: uuids[pk] for pk in set(before.values())
    }
    assert run.finished_at is not None and run.stats["subjects"] == 5 and run.stats["links"] >= 2
    assert set(run.model) == {"prior", "mu"}
    # From now on the online resolver scores with the run's model.
    assert resolver_config().model.prior == pytest.approx(run.model["prior"])
    assert AuditEvent.objects.filter(object_type="correlation.resolutionrun", action=AuditAction.CREATE).exists()


def test_batch_never_joins_across_not_same(world: World) -> None:
    signal = signal_with([{"kind": SubjectKind.PERSOON, **PERSON}])
    in_signal = Subject.objects.get(signal=signal)
    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    judgement_record(
        actor=world.analyst, subject_a=in_signal, subject_b=in_case, verdict=Verdict.NIET_ZELFDE, reason="BSN"
    )
    resolution_run()
    in_signal.refresh_from_db()
    in_case.refresh_from_db()
    assert in_signal.entity_id != in_case.entity_id
    assert Link.objects.filter(subject_a=in_signal, subject_b=in_case).exists()  # the model's view is kept


def test_batch_applies_a_new_exclusion_to_existing_links(world: World) -> None:
    address = {"street": "Stationsplein", "house_number": "1", "postcode": "5011 AA", "city": "Tilburg"}
    signal_with([{"kind": SubjectKind.ADRES, **address}])
    in_case = case_subject(world.director, world.case, SubjectKind.ADRES, address)
    assert Link.objects.filter(subject_b=in_case).exists()
    exclusion_add(actor=world.analyst, kind=SubjectKind.ADRES, values=address, label="Station", reason="Postadres")
    resolution_run()
    assert not Link.objects.filter(subject_b=in_case).exists()
    assert Subject.objects.filter(entity_id=Subject.objects.get(pk=in_case.pk).entity_id).count() == 1


def test_batch_files_subjects_again_and_those_that_came_without_keys(world: World) -> None:
    signal = signal_with([{"kind": SubjectKind.TELEFOON, "phone": "06 12345678"}])
    subject = Subject.objects.get(signal=signal)
    keys_before = set(SubjectKey.objects.filter(subject=subject).values_list("key", flat=True))
    SubjectKey.objects.filter(subject=subject).delete()  # as after the migration from signals
    Subject.objects.filter(pk=subject.pk).update(n_value="")  # and without its comparison form
    case_subject(world.director, world.case, SubjectKind.TELEFOON, {"phone": "+31 6 12345678"})
    run = resolution_run()
    assert run.stats["keyed"] == Subject.objects.count() == 2
    assert set(SubjectKey.objects.filter(subject=subject).values_list("key", flat=True)) == keys_before
    assert Subject.objects.get(pk=subject.pk).n_value == "+31612345678"
    assert Subject.objects.filter(entity_id=Subject.objects.get(pk=subject.pk).entity_id).count() == 2


def test_screening_is_scoped_explained_audited_and_braked(world: World, settings: Any) -> None:
    signal_with([{"kind": SubjectKind.PERSOON, **PERSON}])
    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    case_subject(world.director, world.case, SubjectKind.PERSOON, HOUSEHOLD_MEMBER)  # shares no key: not found
    query = {"given_names": "Jan", "surname": "Berg", "birth_date": "1980-03-07"}
    # The director sees the case's mention, explained, and gets a hit on Tilburg's signal.
    result = screening_run(actor=world.director, kind=SubjectKind.PERSOON, values=query, purpose="Bibob")
    assert [f.subject for f in result.found] == [in_case]
    assert sum(c.weight for c in result.found[0].explanation) == pytest.approx(result.found[0].score, abs=1e-2)
    assert [h.organisation_name for h in result.hits] == ["Gemeente Tilburg"]
    assert result.hits[0].label == "" and result.hits[0].url == ""
    event = AuditEvent.objects.get(action=AuditAction.SEARCH, object_type="correlation.screening")
    assert event.purpose == "Bibob" and "Berg" not in str(event.details)
    # The analyst sees both sides: the signal's person first, fully explained.
    both = screening_run(actor=world.analyst, kind=SubjectKind.PERSOON, values=query, purpose="Bibob")
    assert both.found[0].subject.signal_id is not None and both.hits == []
    with pytest.raises(ValidationError):
        screening_run(actor=world.analyst, kind=SubjectKind.PERSOON, values=query, purpose=" ")
    with pytest.raises(PermissionDenied):  # an intake officer does not screen
        screening_run(actor=world.intake, kind=SubjectKind.PERSOON, values=query, purpose="x")
    settings.CORRELATION_SCREENINGS_PER_HOUR = 1  # the director screened once this hour
    with pytest.raises(ScreeningLimitError):
        screening_run(actor=world.director, kind=SubjectKind.PERSOON, values=query, purpose="Bibob")


def test_screening_sees_new_subjects_and_forgets_deleted_ones(world: World) -> None:
    query = {"given_names": "Jan", "surname": "Berg", "birth_date": "1980-03-07"}
    assert screening_run(actor=world.analyst, kind=SubjectKind.PERSOON, values=query, purpose="x").found == []
    added = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    found = screening_run(actor=world.analyst, kind=SubjectKind.PERSOON, values=query, purpose="x").found
    assert [f.subject for f in found] == [added]
    added.case_item.delete()  # e.g. destroyed at closure: the subject goes with its item
    assert screening_run(actor=world.analyst, kind=SubjectKind.PERSOON, values=query, purpose="x").found == []


def test_screening_finds_a_person_through_their_entity(world: World, settings: Any) -> None:
    """Without a birth date a query shares only name and old address with the person; the person's record
    at a newer address (with the full given name) shares no key with it and comes in through its entity."""
    old = {**PERSON, "postcode": "4811 AA", "house_number": "12", "city": "Breda"}
    new = {
        "given_names": "Johannes",
        "surname": "Berg",
        "birth_date": "1980-03-07",
        "postcode": "5038 CD",
        "city": "Tilburg",
    }
    signal = signal_with([{"kind": SubjectKind.PERSOON, **old}])
    first = Subject.objects.get(signal=signal)
    moved = case_subject(world.director, world.case, SubjectKind.PERSOON, new)
    first.refresh_from_db()
    assert first.entity_id == moved.entity_id
    query = {
        "given_names": "Jan",
        "surname_prefix": "van der",
        "surname": "Berg",
        "postcode": "4811AA",
        "house_number": "12",
    }
    form = keys.comparison_form(SubjectKind.PERSOON, query)
    assert [c.subject_id for c in candidates_for(SubjectKind.PERSOON, form, resolver_config())] == [first.pk]
    found = screening_run(actor=world.analyst, kind=SubjectKind.PERSOON, values=query, purpose="x").found
    assert [f.subject for f in found] == [first, moved]
    assert found[0].score > found[1].score  # each keeps its own score
    # Someone who sees neither: the case holding the moved record is no hit, its own score being low.
    settings.CORRELATION_MATCH_THRESHOLD = (found[0].score + found[1].score) / 2
    hidden = screening_run(actor=world.outsider, kind=SubjectKind.PERSOON, values=query, purpose="x")
    assert hidden.found == []
    assert [hit.kind for hit in hidden.hits] == ["melding"]


def test_screening_reads_swapped_names(world: World) -> None:
    added = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON)
    query = {"given_names": "Berg", "surname": "Jan", "postcode": "4811AA"}
    found = screening_run(actor=world.analyst, kind=SubjectKind.PERSOON, values=query, purpose="x").found
    assert [f.subject for f in found] == [added]


def test_screening_of_companies_and_addresses(world: World) -> None:
    company = {"company_name": "Transport Vlug B.V.", "kvk_number": "12345678"}
    case_subject(world.director, world.case, SubjectKind.BEDRIJF, company)
    result = screening_run(
        actor=world.director, kind=SubjectKind.BEDRIJF, values={"kvk_number": "12345678"}, purpose="Bibob"
    )
    assert [f.subject.company_name for f in result.found] == ["Transport Vlug B.V."]
    assert {c.feature for c in result.found[0].explanation} == {"kvk", "prior"}
    by_name = screening_run(
        actor=world.director, kind=SubjectKind.BEDRIJF, values={"company_name": "Transport Vlug BV"}, purpose="x"
    )
    # The same trade name without a KvK number: shown (it is visible), but only a possible match (12 - 14 bits).
    assert by_name.found[0].score == pytest.approx(-2.0)
    assert {c.feature for c in by_name.found[0].explanation} == {"name", "prior"}
    with pytest.raises(ValidationError):
        screening_run(actor=world.director, kind=SubjectKind.VOERTUIG, values={"plate": "AB123C"}, purpose="x")


def _next_subject_id(value: int) -> None:
    """Let the next subject get ``value`` as its id (to put two matching persons on either side of 9 → 10)."""
    from django.db import connection

    table = Subject._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)", [table, value])
        else:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [value - 1, table])


def test_batch_links_keep_the_smaller_id_first_when_ids_differ_in_length(world: World) -> None:
    # The engine compares ids as text, where "100" sorts before "7"; the stored link must still be (7, 100).
    assert not Subject.objects.exists()
    _next_subject_id(7)
    signal_with([{"kind": SubjectKind.PERSOON, **PERSON}])
    first = Subject.objects.get()
    _next_subject_id(100)
    case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    second = Subject.objects.exclude(pk=first.pk).get()
    assert str(second.pk) < str(first.pk) and second.pk > first.pk
    resolution_run()
    link = Link.objects.get()
    assert (link.subject_a_id, link.subject_b_id) == (first.pk, second.pk)


def test_a_vehicle_seen_more_often_than_the_key_limit_is_still_found_and_joined(world: World, settings: Any) -> None:
    settings.CORRELATION_MAX_KEY_FREQUENCY = 3
    plate = {"kind": SubjectKind.VOERTUIG, "plate": "AB-123-C"}
    sightings = [Subject.objects.get(signal=signal_with([plate])) for _ in range(6)]
    assert {s.entity_id for s in sightings} == {sightings[0].entity_id}  # one vehicle, past the limit too
    newest = sightings[-1]
    linked = Link.objects.filter(subject_b_id=newest.pk).values_list("subject_a_id", flat=True)
    assert 0 < len(linked) <= 5
    company = {"kind": SubjectKind.BEDRIJF, "company_name": "Transport Vlug B.V.", "kvk_number": "12345678"}
    companies = {Subject.objects.get(signal=signal_with([company])).pk for _ in range(5)}
    found = screening_run(actor=world.analyst, kind=SubjectKind.BEDRIJF, values={"kvk_number": "12345678"}, purpose="x")
    assert max(companies) in {f.subject.pk for f in found.found} <= companies  # a hit, the newest first
    # A person's key held by that many is still too common to mean anything.
    people = [Subject.objects.get(signal=signal_with([{"kind": SubjectKind.PERSOON, **PERSON}])) for _ in range(5)]
    assert people[-1].entity_id != people[0].entity_id


def test_an_identifier_brings_the_most_recent_holders_of_each_entity(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weerbaar.correlation import resolver

    monkeypatch.setattr(resolver, "IDENTIFIER_HOLDERS_PER_ENTITY", 2)
    plate = {"kind": SubjectKind.VOERTUIG, "plate": "AB-123-C"}
    sightings = [Subject.objects.get(signal=signal_with([plate])) for _ in range(4)]
    assert {s.entity_id for s in sightings} == {sightings[0].entity_id}
    assert Link.objects.filter(subject_b=sightings[-1]).count() == 2  # linked to the two before it, not all
    # Someone judged the first two sightings different vehicles (a cloned plate): two entities now.
    judgement_record(
        actor=world.analyst, subject_a=sightings[0], subject_b=sightings[1], verdict=Verdict.NIET_ZELFDE, reason="x"
    )
    by_entity: dict[int, list[int]] = {}
    for pk, entity in Subject.objects.filter(pk__in=[s.pk for s in sightings]).values_list("pk", "entity_id"):
        by_entity.setdefault(entity, []).append(pk)
    assert len(by_entity) == 2
    form = keys.comparison_form(SubjectKind.VOERTUIG, {"plate": "AB-123-C"})
    found = candidates_for(SubjectKind.VOERTUIG, form, resolver_config())
    assert sorted(c.subject_id for c in found) == sorted(pk for pks in by_entity.values() for pk in sorted(pks)[-2:])


def test_identifier_holders_are_read_from_the_most_recent_holders_of_each_key(world: World) -> None:
    """Of the ``limit`` most recent holders of each key, the ``per_entity`` most recent of each entity, at most
    ``limit`` in all, the newest first: compared with the same rule worked out here from all the keys."""
    from weerbaar.correlation.resolver import candidate_key_hashes, identifier_holders

    plates = ["AB-123-C", "XZ-987-B"]
    made = {
        plate: [
            Subject.objects.get(signal=signal_with([{"kind": SubjectKind.VOERTUIG, "plate": plate}])) for _ in range(6)
        ]
        for plate in plates
    }
    # Split the first plate's sightings over three vehicles (a cloned plate, judged so), oldest first.
    first = made[plates[0]]
    for group in (first[:2], first[2:3], first[3:]):
        entity = Entity.objects.create(kind=SubjectKind.VOERTUIG)
        Subject.objects.filter(pk__in=[s.pk for s in group]).update(entity=entity)
    config = resolver_config()
    hashes = [
        h
        for plate in plates
        for h in candidate_key_hashes(
            SubjectKind.VOERTUIG, keys.comparison_form(SubjectKind.VOERTUIG, {"plate": plate}), config
        )
    ]
    entity_of = dict(Subject.objects.values_list("pk", "entity_id"))
    for limit, per_entity in [(3, 1), (3, 2), (4, 2), (10, 2), (20, 5)]:
        recent = {
            pk
            for h in hashes
            for pk in sorted(SubjectKey.objects.filter(key=h).values_list("subject_id", flat=True), reverse=True)[
                :limit
            ]
        }
        by_entity: dict[int | None, list[int]] = {}
        for pk in sorted(recent, reverse=True):
            by_entity.setdefault(entity_of[pk], []).append(pk)
        expected = sorted((pk for pks in by_entity.values() for pk in pks[:per_entity]), reverse=True)[:limit]
        rows = identifier_holders(SubjectKind.VOERTUIG, hashes, ("id", "entity_id"), per_entity=per_entity, limit=limit)
        assert [r["id"] for r in rows] == expected
        assert all(entity_of[r["id"]] == r["entity_id"] for r in rows)
    # With a window of three, only the newest vehicle under the first plate is read (its three most recent
    # sightings, two of them kept): what a new sighting is compared with does not grow with how often a
    # plate was seen.
    rows = identifier_holders(SubjectKind.VOERTUIG, hashes[:1], ("id",), per_entity=2, limit=3)
    assert [r["id"] for r in rows] == [first[5].pk, first[4].pk]


def test_a_batch_run_keeps_a_much_seen_vehicle_together(world: World, settings: Any) -> None:
    settings.CORRELATION_MAX_KEY_FREQUENCY = 3
    plate = {"kind": SubjectKind.VOERTUIG, "plate": "AB-123-C"}
    sightings = [Subject.objects.get(signal=signal_with([plate])).pk for _ in range(6)]
    resolution_run()
    entities = set(Subject.objects.filter(pk__in=sightings).values_list("entity_id", flat=True))
    assert len(entities) == 1
