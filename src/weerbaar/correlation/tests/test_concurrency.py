# SPDX-License-Identifier: EUPL-1.2
"""Registrations at the same moment, in real transactions on PostgreSQL: the blocking-key locks.

Each test holds both registrations at a barrier right after they have read their candidates. Registrations
that could match must not both get there (the second waits for the first's key lock, so the barrier
times out and the first goes on alone); registrations without a key in common must (they run side by side).
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from weerbaar.cases.constants import ItemKind
from weerbaar.cases.services import item_add
from weerbaar.core.constants import LegalRegime
from weerbaar.correlation import resolver
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Entity, Subject
from weerbaar.correlation.services import subject_register
from weerbaar.correlation.tests.factories import PERSON, World, make_world

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("transactional_db_with_audit"),
]


def _hold_after_candidates(monkeypatch: pytest.MonkeyPatch, barrier: threading.Barrier) -> list[bool]:
    """Make every resolution wait at ``barrier`` once it has its candidates; returns who passed it together."""
    original = resolver.candidates_for
    met: list[bool] = []

    def candidates_for(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        try:
            barrier.wait()
            met.append(True)
        except threading.BrokenBarrierError:
            met.append(False)
        return found

    monkeypatch.setattr(resolver, "candidates_for", candidates_for)
    return met


def _both(first: Callable[[], None], second: Callable[[], None]) -> None:
    errors: list[BaseException] = []

    def run(target: Callable[[], None]) -> None:
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(t,)) for t in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors


@pytest.fixture
def world(geography: None) -> World:
    return make_world()


def _registration(world: World, kind: str, values: dict[str, Any]) -> Callable[[], None]:
    """Registering a subject on a case item of its own (made now): only the correlation's locks are shared."""
    item = item_add(
        actor=world.director,
        case=world.case,
        kind=ItemKind.BETROKKENE,
        title="Betrokkene",
        body="",
        regime=LegalRegime.AVG,
    )

    def register() -> None:
        subject_register(
            actor=world.director, kind=kind, values=values, case_item=item, supplied_by=world.director.organisation
        )

    return register


def test_two_registrations_of_the_same_person_at_once_end_in_one_entity(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    met = _hold_after_candidates(monkeypatch, threading.Barrier(2, timeout=1))

    _both(_registration(world, SubjectKind.PERSOON, PERSON), _registration(world, SubjectKind.PERSOON, PERSON))
    assert met.count(True) == 0  # the second waited for the first's key lock
    subjects = list(Subject.objects.filter(kind=SubjectKind.PERSOON))
    assert len(subjects) == 2
    assert subjects[0].entity_id == subjects[1].entity_id
    assert Entity.objects.filter(kind=SubjectKind.PERSOON, merged_into__isnull=True).count() == 1


def test_registrations_without_a_key_in_common_run_side_by_side(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    met = _hold_after_candidates(monkeypatch, threading.Barrier(2, timeout=30))
    _both(
        _registration(world, SubjectKind.VOERTUIG, {"plate": "AB-123-C"}),
        _registration(world, SubjectKind.VOERTUIG, {"plate": "XY-987-Z"}),
    )
    assert met == [True, True]
    assert Subject.objects.filter(kind=SubjectKind.VOERTUIG).values("entity_id").distinct().count() == 2
