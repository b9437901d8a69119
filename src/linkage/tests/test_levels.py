# SPDX-License-Identifier: EUPL-1.2
"""`levels.compare_many` gives, pair for pair, what `scoring.compare` gives (and `identifier_levels` what
`scoring.identifier_level` gives): on noisy generated records, and on values drawn from small alphabets so that
equal, near and empty values, initials, swapped names and non-ASCII letters meet often."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from linkage.engine.levels import Columns, compare_many, identifier_levels
from linkage.engine.records import Normalised, normalise_record
from linkage.engine.scoring import compare, identifier_level, is_swapped, random_pair_arrays
from linkage.tests.test_engine_parity import noisy_people


def _scalar(
    records: list[Normalised], pairs: list[tuple[int, int]], address: list[bool], dates: list[bool], crowded: list[bool]
) -> list[tuple[int, ...]]:
    return [
        compare(
            records[i],
            records[j],
            a_address_usable=address[i],
            b_address_usable=address[j],
            a_date_usable=dates[i],
            b_date_usable=dates[j],
            crowded=crowded[i] or crowded[j],
        )
        for i, j in pairs
    ]


def _vectorised(
    records: list[Normalised], pairs: list[tuple[int, int]], address: list[bool], dates: list[bool], crowded: list[bool]
) -> list[tuple[int, ...]]:
    i = np.array([p[0] for p in pairs], dtype=np.int64)
    j = np.array([p[1] for p in pairs], dtype=np.int64)
    levels = compare_many(
        Columns.of(records),
        i,
        j,
        address_usable=np.array(address, dtype=bool),
        date_usable=np.array(dates, dtype=bool),
        crowded=np.array(crowded, dtype=bool),
    )
    return [tuple(row) for row in levels.tolist()]


def test_generated_records_compare_alike_pair_by_pair() -> None:
    records = [normalise_record(p) for p in noisy_people(600)]
    rng = random.Random(3)  # noqa: S311 - test data
    n = len(records)
    # Near pairs (neighbours share households) and random ones, with every usability flag mixed in.
    pairs = [(k, k + d) for k in range(n) for d in (1, 2, 3) if k + d < n]
    i, j = random_pair_arrays(n, 20_000, 11)
    pairs += list(zip(i.tolist(), j.tolist(), strict=True))
    address = [rng.random() > 0.1 for _ in range(n)]
    dates = [rng.random() > 0.1 for _ in range(n)]
    crowded = [rng.random() < 0.1 for _ in range(n)]
    scalar = _scalar(records, pairs, address, dates, crowded)
    assert _vectorised(records, pairs, address, dates, crowded) == scalar
    # The sample reaches the levels of every feature (no generated record lacks a surname), and swapped names.
    for feature, expected in enumerate(({-1, 0, 1, 2, 3}, {0, 1, 2, 3}, {-1, 0, 1, 2, 3}, {-1, 0, 1, 2, 3})):
        assert {levels[feature] for levels in scalar} >= expected, feature
    assert any(is_swapped(records[a], records[b]) for a, b in pairs)


_NAME = st.sampled_from(["", "j", "jan", "jaan", "jans", "jansen", "janssen", "piet", "pieter", "émile", "emile", "de"])
_DATE = st.sampled_from(["", "1980-01-02", "1980-02-01", "1980-01-03", "1981-01-02", "1980-11-02", "2001-12-31"])
_CODE = st.sampled_from(["", "1234AB", "1234AC", "1235AB", "SW1A1AA"])
_PLACE = st.sampled_from(["", "dorpsstraat", "kerkweg", "tilburg", "breda"])
_NUMBER = st.sampled_from(["", "1", "1A", "12"])


@st.composite
def _record(draw: st.DrawFn) -> Normalised:
    surname = draw(_NAME)
    return Normalised(
        id="x",
        given=draw(_NAME),
        initials="",
        surname=surname,
        surname_key=draw(st.sampled_from([surname[:2], "jns", ""])),
        birth_date=draw(_DATE),
        postcode=draw(_CODE),
        house_number=draw(_NUMBER),
        street=draw(_PLACE),
        city=draw(_PLACE),
    )


@settings(max_examples=150, deadline=None)
@given(
    records=st.lists(_record(), min_size=2, max_size=12),
    flags=st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=12, max_size=12),
)
def test_drawn_records_compare_alike_pair_by_pair(
    records: list[Normalised], flags: list[tuple[bool, bool, bool]]
) -> None:
    pairs = [(a, b) for a in range(len(records)) for b in range(len(records)) if a != b]
    address, dates, crowded = (list(column) for column in zip(*flags[: len(records)], strict=True))
    assert _vectorised(records, pairs, address, dates, crowded) == _scalar(records, pairs, address, dates, crowded)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["", "123456789", "123456780", "213456789", "12345678", "987654321"]), min_size=2))
def test_identifier_levels_are_those_of_identifier_level(values: list[str]) -> None:
    pairs = [(a, b) for a in range(len(values)) for b in range(len(values))]
    i = np.array([p[0] for p in pairs], dtype=np.int64)
    j = np.array([p[1] for p in pairs], dtype=np.int64)
    levels = identifier_levels(np.array(values, dtype=object), i, j).tolist()
    assert levels == [identifier_level(values[a], values[b]) for a, b in pairs]
