# SPDX-License-Identifier: EUPL-1.2
"""The screening index: ranking, partial and noisy queries, removal and updates, and exact agreement with
the engine's `compare` + `Model` (Hypothesis over generated records). Synthetic data only."""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkage.engine import LinkConfig, PersonRecord
from linkage.engine.blocking import block_keys
from linkage.engine.records import Normalised, normalise_record
from linkage.engine.scoring import DEFAULT_MODEL, DEFAULT_PRIOR, Model, compare
from linkage.screening import Candidate, ScreeningIndex
from linkage.screening import index as screening

MODEL = Model(mu=DEFAULT_MODEL, prior=DEFAULT_PRIOR)
FAST = settings(max_examples=150, deadline=None)


def person(
    given: str | None = None,
    prefix: str | None = None,
    surname: str | None = None,
    birth: str | None = None,
    street: str | None = None,
    number: str | None = None,
    postcode: str | None = None,
    city: str | None = None,
) -> Normalised:
    return normalise_record(PersonRecord("q", given, prefix, surname, birth, street, number, postcode, city))


JAN = ("Jan", "van der", "Meer", "1980-03-07", "Kerkstraat", "12", "1234 AB", "Utrecht")
PEOPLE: dict[int, tuple[str, ...]] = {
    1: JAN,
    2: ("Anna", "van der", "Meer", "1982-11-21", "Kerkstraat", "12", "1234 AB", "Utrecht"),  # same household
    3: ("Fatima", "", "El Amrani", "1975-11-30", "Dorpsweg", "3", "9711 HV", "Groningen"),
    4: ("Pieter", "de", "Vries", "1962-01-15", "Markt", "1", "5611 AA", "Eindhoven"),
    5: ("Johannes", "", "Bakker", "1990-06-02", "Laan", "8", "3011 AA", "Rotterdam"),
    6: ("Jan", "", "Meerman", "1980-05-07", "Stationsweg", "40", "2312 AV", "Leiden"),
    7: ("Jan", "van der", "Meer", "1955-09-30", "Molenweg", "2", "7411 AB", "Deventer"),  # a namesake
}
DECOY_GIVEN = ["Piet", "Klaas", "Sanne", "Emma", "Daan", "Noah", "Lotte", "Sem", "Julia", "Mila", "Bram", "Eva"]
DECOY_SURNAMES = ["Jansen", "de Jong", "Visser", "Smit", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker"]


def _decoys(count: int = 300, seed: int = 3) -> dict[int, Normalised]:
    rng = random.Random(seed)  # noqa: S311 - synthetic test data
    out = {}
    for subject in range(100, 100 + count):
        birth = f"{rng.randrange(1940, 2005)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        pc = f"{rng.randrange(1000, 9999)} {rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}"
        address = (rng.choice(["Kerkstraat", "Dorpsweg", "Markt", "Laan"]), str(rng.randrange(1, 90)), pc, "Utrecht")
        out[subject] = person(rng.choice(DECOY_GIVEN), "", rng.choice(DECOY_SURNAMES), birth, *address)
    return out


@pytest.fixture(scope="module")
def stored() -> dict[int, Normalised]:
    return {subject: person(*fields) for subject, fields in PEOPLE.items()} | _decoys()


@pytest.fixture
def index(stored: dict[int, Normalised]) -> ScreeningIndex:
    built = ScreeningIndex()
    built.add_many(stored.items())
    return built


def ids(found: Sequence[Candidate]) -> list[int]:
    return [c.subject_id for c in found]


# -- ranking -----------------------------------------------------------------------------------------------


def test_exact_query_ranks_the_subject_first(index: ScreeningIndex) -> None:
    found = index.query(person(*JAN))
    assert found[0].subject_id == 1
    assert found[0].levels == (3, 3, 3, 3)
    assert found[0].score == MODEL.score((3, 3, 3, 3))
    # The household member and the namesake come after, in score order.
    assert {2, 7} <= set(ids(found))
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


@pytest.mark.parametrize(
    "query",
    [
        person("Jaan", "van der", "Meer", "1980-03-07"),  # typo in the given name
        person("Jan", "", "vd Meer", "07-03-1980", "Kerkstraat", "12", "1234AB", "Utrecht"),
        person("Jan", "", "V.d. Meer", "1980-07-03"),  # day and month swapped
        person("Jan", "", "Vandermeer", "1980-03-07"),  # glued prefix
        person("J.", "", "van der Meer", "1980-03-07"),  # initial only
        person("Jan", "van der", "Meeer", "1980-03-08"),  # typos in surname and date
    ],
)
def test_fuzzy_queries_and_prefix_variants_rank_the_subject_first(index: ScreeningIndex, query: Normalised) -> None:
    assert index.query(query)[0].subject_id == 1


def test_swapped_names_are_found(index: ScreeningIndex) -> None:
    with_date = index.query(person("Meer", "", "Jan", "1980-03-07"))
    assert with_date[0].subject_id == 1
    assert with_date[0].levels == (3, 3, 3, -1)
    # Without date or address only the names are shared: the swapped lookup of the name keys finds them.
    names_only = index.query(person("Amrani", "", "Fatima"))
    assert names_only[0].subject_id == 3


@pytest.mark.parametrize(
    ("query", "subject"),
    [
        (person("Fatima", "", "El Amrani", "30-11-1975"), 3),  # name and birth date
        (person("Pieter", "de", "Vries", None, "Markt", "1", "5611 AA", "Eindhoven"), 4),  # name and address
        (person("Johannes", "", "Bakker", None, "Kerkplein", "9", "9999 ZZ", "Assen"), 5),  # moved, no date
        (person("Johannes", "", "Bakker"), 5),  # the name alone
    ],
)
def test_partial_queries_find_the_person(index: ScreeningIndex, query: Normalised, subject: int) -> None:
    assert index.query(query)[0].subject_id == subject


def test_a_query_without_usable_fields_finds_nothing(index: ScreeningIndex) -> None:
    assert index.query(person(None, None, None, None, None, None, None, "Utrecht")) == []


def test_ties_are_ordered_by_subject_id() -> None:
    index = ScreeningIndex()
    twin = person(*JAN)
    index.add_many([(30, twin), (4, twin), (17, twin)])
    found = index.query(twin)
    assert ids(found) == [4, 17, 30]
    assert len({c.score for c in found}) == 1


def test_limit_and_min_score() -> None:
    index = ScreeningIndex()
    # Namesakes share the name keys with the query; their birth dates and addresses set them apart.
    dates = ["1980-03-07", "1980-03-08", "1980-07-03", "1981-03-07", "1955-01-01", None, "1980-12-24"]
    index.add_many((i, person("Jan", "van der", "Meer", date, *JAN[4:])) for i, date in enumerate(dates))
    index.add_many((i + 10, person("Jan", "van der", "Meer", date)) for i, date in enumerate(dates))
    query = person(*JAN)
    everything = index.query(query, limit=1000)
    assert len(everything) == 2 * len(dates)
    assert ids(index.query(query, limit=2)) == ids(everything)[:2]
    floor = everything[2].score
    above = index.query(query, limit=1000, min_score=floor)
    assert above == [c for c in everything if c.score >= floor]
    assert index.query(query, limit=0) == []
    assert index.query(query, min_score=1000.0) == []


# -- writing -----------------------------------------------------------------------------------------------


def test_removed_subjects_are_never_returned(index: ScreeningIndex) -> None:
    before = len(index)
    index.remove(1)
    index.remove(1)  # twice, and an unknown id: nothing happens
    index.remove(999_999)
    assert len(index) == before - 1
    assert 1 not in ids(index.query(person(*JAN), limit=1000))
    # Not after many more additions either (they merge the recent keys into the sorted arrays).
    for subject in range(10_000, 10_000 + 2 * screening._MERGE_AT // 5):
        index.add(subject, person("Klaas", "", "Jansen", "1970-01-01"))
    assert 1 not in ids(index.query(person(*JAN), limit=1000))
    assert {2, 7} <= set(ids(index.query(person(*JAN))))  # the others still are


def test_add_after_bulk_build_is_searchable_and_replaces(index: ScreeningIndex) -> None:
    newcomer = person("Sevda", "", "Yilmaz", "1988-04-12", "Havenstraat", "5", "3024 AB", "Rotterdam")
    size = len(index)
    index.add(500, newcomer)
    assert len(index) == size + 1
    assert index.query(newcomer)[0].subject_id == 500
    # Adding a subject again replaces its record: found by the new one, compared as the new one.
    moved = person("Sevda", "", "Yilmaz", "1988-04-12", "Dorpsstraat", "1", "7001 AA", "Doetinchem")
    index.add(500, moved)
    assert len(index) == size + 1
    old = [c for c in index.query(newcomer, limit=1000) if c.subject_id == 500]
    assert [c.levels for c in old] == [compare(newcomer, moved)]
    # add_many also replaces, and the last record of an id in one batch wins.
    index.add_many([(500, newcomer), (500, moved)])
    assert len(index) == size + 1
    assert index.query(moved)[0].levels == (3, 3, 3, 3)


def test_bcd_round_trip() -> None:
    for iso in ("1980-03-07", "2006-12-31", "1900-01-01", ""):
        assert screening._iso(screening._bcd(iso)) == iso
    with pytest.raises(ValueError, match="normalised"):
        screening._bcd("7-3-1980")


# -- agreement with the engine -----------------------------------------------------------------------------

TIGHT = LinkConfig(
    max_address_frequency=3,
    max_birth_date_frequency=4,
    excluded_addresses=frozenset({("2511 BT", "1")}),
)
GIVEN = ["Jan", "Jaan", "Jna", "J.", "Anna", "Ann", "Mohamed", "Mohammed", "Meer", "Vries", "", "Jan Willem"]
SURNAMES = [
    ("van der", "Meer"),
    ("", "Vandermeer"),
    ("", "Meer"),
    ("", "Meere"),
    ("de", "Vries"),
    ("", "Vriens"),
    ("", "Jan"),
    ("", "Jaan"),
    ("", "Bakker"),
    ("", "Bakkers"),
    ("", ""),
]
DATES = ["1980-03-07", "1980-07-03", "1980-03-08", "1981-03-07", "1908-03-07", "1980-12-07", "1975-11-30", ""]
ADDRESSES = [
    ("Kerkstraat", "12", "1234 AB", "Utrecht"),
    ("Kerkstraat", "12", "", "Utrecht"),
    ("Kerkstraat", "14", "1234 AB", "Utrecht"),
    ("Markt", "1", "1234 AC", "Zeist"),  # same district (1234), other city
    ("Markt", "1", "5611 AA", "Eindhoven"),
    ("Spui", "1", "2511 BT", "Den Haag"),  # excluded in TIGHT
    ("", "", "", "Utrecht"),
    ("", "", "", ""),
]
people = st.builds(
    lambda g, s, d, a: person(g, s[0], s[1], d, *a),
    st.sampled_from(GIVEN),
    st.sampled_from(SURNAMES),
    st.sampled_from(DATES),
    st.sampled_from(ADDRESSES),
)


def _address(record: Normalised) -> str:
    return f"{record.postcode}|{record.house_number}" if record.postcode and record.house_number else ""


EXCLUDED = {_address(person(number=nr, postcode=pc)) for pc, nr in TIGHT.excluded_addresses}


def _unusable(records: Sequence[Normalised]) -> tuple[set[str], set[str]]:
    """Addresses and birth dates that may not block or score, counted over the stored subjects (the oracle)."""
    addresses, dates = Counter(_address(r) for r in records), Counter(r.birth_date for r in records)
    frequent = {a for a, n in addresses.items() if a and n > TIGHT.max_address_frequency}
    return frequent | EXCLUDED, {d for d, n in dates.items() if d and n > TIGHT.max_birth_date_frequency}


def _expected_levels(query: Normalised, other: Normalised, bad: tuple[set[str], set[str]]) -> tuple[int, ...]:
    bad_addresses, bad_dates = bad
    return compare(
        query,
        other,
        a_address_usable=_address(query) not in bad_addresses,
        b_address_usable=_address(other) not in bad_addresses,
        a_date_usable=query.birth_date not in bad_dates,
        b_date_usable=other.birth_date not in bad_dates,
    )


def _check(
    index: ScreeningIndex, live: dict[int, Normalised], query: Normalised, limit: int, floor: float | None
) -> list[Candidate]:
    found = index.query(query, limit=limit, min_score=floor)
    assert index._fallbacks == 0  # the fast path agreed with `compare` on its own
    bad = _unusable(list(live.values()))
    assert len(found) <= limit
    assert [(-c.score, c.subject_id) for c in found] == sorted((-c.score, c.subject_id) for c in found)
    for candidate in found:
        assert candidate.subject_id in live
        assert candidate.levels == _expected_levels(query, live[candidate.subject_id], bad)
        assert candidate.score == MODEL.score(candidate.levels)
        assert candidate.explanation == MODEL.explain(candidate.levels)
        assert sum(candidate.explanation.values()) == pytest.approx(candidate.score, abs=1e-3)
        assert floor is None or candidate.score >= floor
    # Nothing better is missing among the subjects that share one of the engine's blocking keys.
    q_keys = set(block_keys(query, _address(query) not in bad[0], query.birth_date not in bad[1]))
    returned = {c.subject_id for c in found}
    last = (-found[-1].score, found[-1].subject_id) if len(found) == limit else None
    for subject, record in live.items():
        if subject in returned or not q_keys & set(block_keys(record, _address(record) not in EXCLUDED, True)):
            continue
        score = MODEL.score(_expected_levels(query, record, bad))
        assert (floor is not None and score < floor) or (last is not None and (-score, subject) > last)
    return found


@FAST
@given(
    records=st.lists(people, min_size=1, max_size=40),
    query=people,
    split=st.integers(0, 40),
    limit=st.integers(1, 12),
    floor=st.none() | st.floats(-40, 30),
)
def test_results_are_exactly_the_engines(
    records: list[Normalised], query: Normalised, split: int, limit: int, floor: float | None
) -> None:
    index = ScreeningIndex(config=TIGHT)
    live = dict(enumerate(records))
    index.add_many(list(live.items())[:split])
    for subject, record in list(live.items())[split:]:
        index.add(subject, record)
    assert len(index) == len(live)
    _check(index, live, query, limit, floor)


@FAST
@given(records=st.lists(people, min_size=2, max_size=30), data=st.data())
def test_removed_and_replaced_subjects_stay_consistent(records: list[Normalised], data: st.DataObject) -> None:
    index = ScreeningIndex(config=TIGHT)
    live = dict(enumerate(records))
    index.add_many(live.items())
    removed = data.draw(st.sets(st.sampled_from(sorted(live))))
    for subject in removed:
        index.remove(subject)
        del live[subject]
    replaced = data.draw(st.lists(st.tuples(st.sampled_from(range(40)), people), max_size=5))
    for subject, record in replaced:
        index.add(subject, record)
        live[subject] = record
        removed.discard(subject)
    assert len(index) == len(live)
    for query in records[:5]:
        found = _check(index, live, query, 50, None)
        assert not removed & set(ids(found))


def test_scores_follow_the_given_model(stored: dict[int, Normalised]) -> None:
    strict = Model(mu=DEFAULT_MODEL, prior=1e-9)
    index = ScreeningIndex(model=strict)
    index.add_many(stored.items())
    found = index.query(person(*JAN))
    assert found[0].subject_id == 1
    assert found[0].score == strict.score((3, 3, 3, 3)) < MODEL.score((3, 3, 3, 3))
    assert found[0].explanation["prior"] == round(strict.prior_weight, 4)


def test_excluded_and_frequent_addresses_do_not_score() -> None:
    config = LinkConfig(max_address_frequency=2, excluded_addresses=frozenset({("1234 AB", "12")}))
    index = ScreeningIndex(config=config)
    index.add(1, person(*JAN))
    shared = ("Kerkplein", "3", "5000 AA", "Tilburg")
    index.add_many(
        [(2, person("Piet", "", "Smit", "1950-01-01", *shared)), (3, person("Kees", "", "Smit", None, *shared))]
    )
    assert index.query(person(*JAN))[0].levels == (3, 3, 3, -1)  # excluded
    assert index.query(person("Piet", "", "Smit", "1950-01-01", *shared))[0].levels == (3, 3, 3, 3)
    index.add(4, person("Joke", "", "Smit", None, *shared))  # now three subjects at this address: too frequent
    assert index.query(person("Piet", "", "Smit", "1950-01-01", *shared))[0].levels == (3, 3, 3, -1)
    index.remove(4)
    assert index.query(person("Piet", "", "Smit", "1950-01-01", *shared))[0].levels == (3, 3, 3, 3)


def test_a_disagreeing_fast_path_falls_back_to_compare(
    index: ScreeningIndex, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    query = person(*JAN)
    expected = index.query(query, limit=20)

    def wrong(query_birth: int, births: np.ndarray) -> np.ndarray:
        return np.zeros(births.size, np.int64)

    monkeypatch.setattr(screening, "_birth_levels", wrong)
    with caplog.at_level(logging.WARNING, logger="linkage.screening"):
        assert index.query(query, limit=20) == expected
    assert "fall back" in caplog.text
    assert index._fallbacks == 1
