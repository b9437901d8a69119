# SPDX-License-Identifier: EUPL-1.2
"""The comparison levels of many pairs at once: `scoring.compare` and `scoring.identifier_level` over arrays.

The pure-Python engine compares its candidate pairs and the random pairs for the u estimate (200,000 of
them, whatever the size of the file) here. Called pair by pair, `scoring.compare` cost about 20 µs a pair,
most of a small run's time; here the string similarities are computed by ``rapidfuzz.process.cpdist`` (C)
for all pairs in one call, and the level rules are numpy expressions over the columns. The rules are those
of `scoring` (a test compares the two on generated records and on edge cases); the rare pair whose names
are swapped is handed to `scoring.compare` itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import DamerauLevenshtein, Hamming, JaroWinkler
from rapidfuzz.process import cpdist

from .records import Normalised
from .scoring import GIVEN_JW, JW_TOLERANCE, SURNAME_JW, SURNAME_JW_LOW, compare

Strings = npt.NDArray[np.object_]
Bools = npt.NDArray[np.bool_]
Indexes = npt.NDArray[np.int64]
Levels = npt.NDArray[np.int8]


def _strings(values: Sequence[str]) -> Strings:
    return np.array(values, dtype=object)


def _for_similarity(values: Sequence[str]) -> list[str | bytes]:
    # `scoring.jaro_winkler` compares non-ASCII text as UTF-8 bytes, as DuckDB does; an ASCII string and
    # its bytes are the same sequence of code units.
    return [v if v.isascii() else v.encode("utf-8") for v in values]


@dataclass(frozen=True, slots=True)
class Columns:
    """The fields of the records that the comparison reads, one array per field, by record index."""

    records: Sequence[Normalised]
    given: Strings
    given_jw: list[str | bytes]
    given_first: Strings
    given_short: Bools  # one character (an initial)
    surname: Strings
    surname_jw: list[str | bytes]
    surname_key: Strings
    birth_date: Strings
    year: Strings
    month: Strings
    day: Strings
    postcode: Strings
    postcode4: Strings
    house_number: Strings
    street: Strings
    city: Strings

    @classmethod
    def of(cls, records: Sequence[Normalised]) -> Columns:
        given = [r.given for r in records]
        surname = [r.surname for r in records]
        dates = [r.birth_date for r in records]
        postcodes = [r.postcode for r in records]
        return cls(
            records=records,
            given=_strings(given),
            given_jw=_for_similarity(given),
            given_first=_strings([g[:1] for g in given]),
            given_short=np.array([len(g) == 1 for g in given], dtype=bool),
            surname=_strings(surname),
            surname_jw=_for_similarity(surname),
            surname_key=_strings([r.surname_key for r in records]),
            birth_date=_strings(dates),
            year=_strings([d[:4] for d in dates]),
            month=_strings([d[5:7] for d in dates]),
            day=_strings([d[8:10] for d in dates]),
            postcode=_strings(postcodes),
            postcode4=_strings([p[:4] for p in postcodes]),
            house_number=_strings([r.house_number for r in records]),
            street=_strings([r.street for r in records]),
            city=_strings([r.city for r in records]),
        )


def _jw(left: list[str | bytes], right: list[str | bytes], i: Indexes, j: Indexes) -> npt.NDArray[np.float64]:
    pairs_left = [left[k] for k in i.tolist()]
    pairs_right = [right[k] for k in j.tolist()]
    return np.asarray(cpdist(pairs_left, pairs_right, scorer=JaroWinkler.similarity, dtype=np.float64))


def _at_least(similarity: npt.NDArray[np.float64], threshold: float) -> Bools:
    return similarity >= threshold - JW_TOLERANCE


def _filled(values: Strings) -> Bools:
    return values != ""


def compare_many(
    columns: Columns,
    i: Indexes,
    j: Indexes,
    *,
    address_usable: Bools,
    date_usable: Bools,
    crowded: Bools,
) -> Levels:
    """`scoring.compare` of the pairs (``i[k]``, ``j[k]``): an array of shape (pairs, 4), in the order of
    `records.FEATURES`. ``address_usable``, ``date_usable`` and ``crowded`` are per record, as
    `scoring.compare` takes them per pair (an address scores when it blocks or is crowded)."""
    c = columns
    ga, gb, sa, sb = c.given[i], c.given[j], c.surname[i], c.surname[j]
    given_filled = _filled(ga) & _filled(gb)
    surname_filled = _filled(sa) & _filled(sb)
    given_similar = _at_least(_jw(c.given_jw, c.given_jw, i, j), GIVEN_JW) & given_filled
    surname_similarity = _jw(c.surname_jw, c.surname_jw, i, j)
    # An empty name has similarity 0 in `scoring._similarity`; cpdist gives two empty strings 1.
    surname_similarity[~surname_filled] = 0.0

    # Names given the other way round (`scoring.is_swapped`): rare, so those pairs go to `scoring.compare`.
    maybe = np.flatnonzero(given_filled & surname_filled & ~given_similar & ~_at_least(surname_similarity, SURNAME_JW))
    swapped = maybe[
        _at_least(_jw(c.given_jw, c.surname_jw, i[maybe], j[maybe]), SURNAME_JW)
        & _at_least(_jw(c.surname_jw, c.given_jw, i[maybe], j[maybe]), SURNAME_JW)
    ]

    first_same = c.given_first[i] == c.given_first[j]
    given = np.where(
        ~given_filled,
        -1,
        np.where(
            ga == gb,
            3,
            np.where(~(c.given_short[i] | c.given_short[j]) & given_similar, 2, np.where(first_same, 1, 0)),
        ),
    )
    surname = np.where(
        ~surname_filled,
        -1,
        np.where(
            sa == sb,
            3,
            np.where(
                _at_least(surname_similarity, SURNAME_JW) | (c.surname_key[i] == c.surname_key[j]),
                2,
                np.where(_at_least(surname_similarity, SURNAME_JW_LOW), 1, 0),
            ),
        ),
    )

    da, db = c.birth_date[i], c.birth_date[j]
    same_year = c.year[i] == c.year[j]
    day_month_swapped = same_year & (c.month[i] == c.day[j]) & (c.day[i] == c.month[j])
    one_apart = (
        np.asarray(cpdist(da.tolist(), db.tolist(), scorer=Hamming.distance, score_cutoff=1, dtype=np.int32)) <= 1
    )
    dates = np.where(
        ~(date_usable[i] & date_usable[j] & _filled(da) & _filled(db)),
        -1,
        np.where(da == db, 3, np.where(day_month_swapped | one_apart, 2, np.where(same_year, 1, 0))),
    )

    pa, pb = c.postcode[i], c.postcode[j]
    city_a = c.city[i]
    has_a = _filled(pa) | _filled(c.street[i]) | _filled(city_a)
    has_b = _filled(pb) | _filled(c.street[j]) | _filled(c.city[j])
    same_postcode = _filled(pa) & (pa == pb)
    same_street_city = _filled(c.street[i]) & (c.street[i] == c.street[j]) & _filled(city_a) & (city_a == c.city[j])
    same_number = _filled(c.house_number[i]) & (c.house_number[i] == c.house_number[j])
    same_address = same_number & (same_postcode | same_street_city)
    same_area = (_filled(city_a) & (city_a == c.city[j])) | (_filled(pa) & (c.postcode4[i] == c.postcode4[j]))
    address = np.select(
        [
            ~(address_usable[i] & address_usable[j] & has_a & has_b),
            same_address,
            same_postcode,
            same_area,
        ],
        [-1, np.where(crowded[i] | crowded[j], 1, 3), 2, 1],
        default=0,
    )

    levels = np.stack([given, surname, dates, address], axis=1).astype(np.int8)
    for k in swapped.tolist():
        a, b = int(i[k]), int(j[k])
        levels[k] = compare(
            c.records[a],
            c.records[b],
            a_address_usable=bool(address_usable[a]),
            b_address_usable=bool(address_usable[b]),
            a_date_usable=bool(date_usable[a]),
            b_date_usable=bool(date_usable[b]),
            crowded=bool(crowded[a] or crowded[b]),
        )
    return levels


def identifier_levels(values: Strings, i: Indexes, j: Indexes) -> Levels:
    """`scoring.identifier_level` of the pairs, for one identifier column (normalised values by record)."""
    a, b = values[i], values[j]
    near = (
        np.asarray(cpdist(a.tolist(), b.tolist(), scorer=DamerauLevenshtein.distance, score_cutoff=1, dtype=np.int32))
        <= 1
    )
    return np.where(~(_filled(a) & _filled(b)), -1, np.where(a == b, 3, np.where(near, 2, 0))).astype(np.int8)
