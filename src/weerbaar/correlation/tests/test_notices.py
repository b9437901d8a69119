# SPDX-License-Identifier: EUPL-1.2
"""The note that a new correlation exists: one per recipient and new subject, naming only their own contexts."""

import pytest
from django.utils import translation

from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Subject
from weerbaar.correlation.services.subjects import NOTICE_LABELS, contexts_notify, notice_body
from weerbaar.correlation.tests.factories import PERSON, PERSON_VARIANT, World, case_subject, make_world, signal_with
from weerbaar.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

PLATE = {"kind": SubjectKind.VOERTUIG, "plate": "AB-123-C"}


@pytest.fixture
def world(geography: None) -> World:
    return make_world()


def _notes_of(subject: Subject) -> list[OutboxMessage]:
    """The notes ``contexts_notify`` queues for ``subject`` (the signals' own intake mails left aside)."""
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    queued = contexts_notify(subject_uuid=str(subject.uuid))
    notes = list(OutboxMessage.objects.exclude(pk__in=before).order_by("recipient"))
    assert queued == len(notes)
    return notes


def test_a_case_naming_a_person_of_a_signal_tells_the_signals_intake_team_not_the_case_itself(world: World) -> None:
    signal = signal_with([{"kind": SubjectKind.PERSOON, **PERSON}])
    in_case = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    notes = _notes_of(in_case)
    assert [n.recipient for n in notes] == [world.intake.user.email]
    assert signal.number in notes[0].body
    assert world.case.number not in notes[0].body
    assert PERSON["surname"] not in notes[0].body  # never content


def test_a_signal_naming_a_person_of_a_case_tells_the_case_director(world: World) -> None:
    case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON)
    signal = signal_with([{"kind": SubjectKind.PERSOON, **PERSON_VARIANT}])
    notes = _notes_of(Subject.objects.get(signal=signal))
    assert [n.recipient for n in notes] == [world.director.user.email]
    assert world.case.number in notes[0].body
    assert signal.number not in notes[0].body


def test_a_vehicle_seen_in_many_signals_costs_each_intake_team_one_note_per_new_sighting(world: World) -> None:
    earlier = [signal_with([PLATE]) for _ in range(NOTICE_LABELS + 2)]
    newest = signal_with([PLATE])
    notes = _notes_of(Subject.objects.get(signal=newest))
    assert [n.recipient for n in notes] == [world.intake.user.email]
    named = [s.number for s in earlier if s.number in notes[0].body]
    assert len(named) == NOTICE_LABELS
    assert newest.number not in notes[0].body
    with translation.override("en"):
        assert "and 2 more" in notice_body({f"signal {s.number}" for s in earlier})


def test_a_note_lists_its_contexts_in_order_and_counts_the_rest() -> None:
    with translation.override("en"):
        assert notice_body({"signal B", "case A"}) == (
            "A subject of case A, signal B also appears in a record that was just added to Weerbaar. "
            "Log in to Weerbaar to see the correlation."
        )
        many = {f"signal M{n:02}" for n in range(NOTICE_LABELS + 1)}
        body = notice_body(many)
        assert "M09 and 1 more also appears" in body
        assert "M10" not in body


def test_a_subject_without_a_correlation_tells_nobody(world: World) -> None:
    signal = signal_with([PLATE])
    assert _notes_of(Subject.objects.get(signal=signal)) == []
    case_subject(world.director, world.case, SubjectKind.VOERTUIG, {"plate": "99-XX-99"})
    assert _notes_of(Subject.objects.get(case_item__case=world.case)) == []
