# SPDX-License-Identifier: EUPL-1.2
"""`ScreeningIndex`: all stored person subjects in memory, and one person query at a time against them."""

from __future__ import annotations

import dataclasses
import logging
import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from ..engine import frequency, scoring
from ..engine.records import DEFAULT, LinkConfig, Normalised, normalise_number, normalise_pc
from ..engine.scoring import DEFAULT_MODEL, DEFAULT_PRIOR, SURNAME_JW, Model, compare
from .columns import (
    _DTYPES,
    _NUMBER,
    _POSTCODE,
    _TEXT,
    Bools,
    Ints,
    Rows,
    _bcd,
    _Frequency,
    _iso,
    _merge_sorted,
    _text_values,
    _Vocabulary,
)
from .keys import _keys, _query_keys
from .levels import _MISSING, _OPEN, Levels, _birth_levels, _code, _levels

__all__ = ["Candidate", "ScreeningIndex"]

# The package's name, as before it was split: log configuration and filters know it by that name.
logger = logging.getLogger(__package__)

# A swap needs both crossed names about this similar; the margin keeps the filter a necessary condition
# whatever tolerance `compare` applies to its thresholds (suspects get a full compare).
_SWAP_SUSPECT = SURNAME_JW - 0.01
_MERGE_AT = 1 << 14  # keys added one at a time are merged into the sorted arrays past this (or 1/16 of all)
_BLANK = dict.fromkeys((f.name for f in dataclasses.fields(Normalised)), "")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored subject found for a query; ``explanation`` (bits per feature and prior) sums to ``score``."""

    subject_id: int
    score: float
    levels: Levels
    explanation: dict[str, float]


class _Query(NamedTuple):
    record: Normalised
    ids: dict[str, int]  # vocabulary id per text column, -1 for a value no subject has
    birth: int
    address_ok: bool
    date_ok: bool


class ScreeningIndex:
    """All stored person subjects, searchable with one person query at a time; see the package docstring."""

    def __init__(self, model: Model | None = None, config: LinkConfig = DEFAULT) -> None:
        if model is None:
            model = Model(mu=DEFAULT_MODEL, prior=DEFAULT_PRIOR)
        self.model = model
        self.config = config
        self._vocab = _Vocabulary()
        self._size = 0  # rows in use; a row is one version of one subject's record
        self._live = 0
        self._columns: dict[str, npt.NDArray[Any]] = {name: np.zeros(0, dtype) for name, dtype in _DTYPES.items()}
        # Sorted key hashes with their rows, and the keys added one at a time since the last merge.
        self._keys: Ints = np.empty(0, np.int64)
        self._key_rows: Rows = np.empty(0, np.int32)
        self._recent_keys: dict[int, list[int]] = {}
        self._recent_key_count = 0
        # Subject id -> row, the same way.
        self._ids: Ints = np.empty(0, np.int64)
        self._id_rows: Rows = np.empty(0, np.int32)
        self._recent_ids: dict[int, int] = {}
        excluded = []
        for postcode, number in config.excluded_addresses:
            pc, nr = normalise_pc(postcode), normalise_number(number)
            if pc and nr:
                excluded.append(self._vocab.intern(pc) << 32 | self._vocab.intern(nr))
        cut = frequency.online(config)
        self._addresses = _Frequency(cut.address, excluded)
        self._dates = _Frequency(cut.birth_date)
        # Model.score of every level pattern, indexed by `_code`: exact, and one lookup per candidate.
        self._scores = np.array([model.score(_levels(code)) for code in range(5**4)])
        self._explanations: dict[Levels, dict[str, float]] = {}
        # Records holding one name only, for `_given_level` and `_surname_level`; one per distinct name.
        self._given_only: dict[str, Normalised] = {}
        self._surname_only: dict[tuple[str, str], Normalised] = {}
        self._fallbacks = 0  # queries answered by `_query_exact`; stays 0 while this module follows `compare`

    def __len__(self) -> int:
        return self._live

    # -- writing -------------------------------------------------------------------------------------

    def add(self, subject_id: int, record: Normalised) -> None:
        """Add a subject, or replace its record if it is in already; searchable at once."""
        self._ingest([(subject_id, record)], bulk=False)

    def add_many(self, items: Iterable[tuple[int, Normalised]]) -> None:
        """Add (or replace) many subjects; the way to build the index. The last record of an id wins."""
        self._ingest(items, bulk=True)

    def remove(self, subject_id: int) -> None:
        """Remove a subject: it is never returned again. Removing an unknown subject does nothing."""
        row = self._row_of(int(subject_id))
        if row >= 0:
            self._kill(np.array([row], np.int64))

    def _ingest(self, items: Iterable[tuple[int, Normalised]], *, bulk: bool) -> None:
        intern_many, excluded = self._vocab.intern_many, self._addresses.excluded
        text, births, subjects, addresses = array("i"), array("I"), array("q"), array("q")
        hashes, key_counts = array("q"), array("H")
        for subject_id, record in items:
            ids = intern_many(_text_values(record))
            text.extend(ids)
            births.append(_bcd(record.birth_date))
            subjects.append(subject_id)
            address = ids[_POSTCODE] << 32 | ids[_NUMBER] if ids[_POSTCODE] and ids[_NUMBER] else 0
            addresses.append(address)
            # Frequencies change as subjects come and go, so every key is stored and the query decides.
            keys = _keys(record, address not in excluded, True)
            hashes.extend(map(hash, keys))
            key_counts.append(len(keys))
        if not subjects:
            return
        row = self._size + len(subjects)
        self._grow(row)
        new = slice(self._size, row)
        columns = np.frombuffer(text, np.int32).reshape(-1, len(_TEXT))
        for position, name in enumerate(_TEXT):
            self._columns[name][new] = columns[:, position]
        self._columns["birth"][new] = np.frombuffer(births, np.uint32)
        self._columns["subject"][new] = np.frombuffer(subjects, np.int64)
        self._columns["address"][new] = np.frombuffer(addresses, np.int64)
        self._columns["alive"][new] = True
        rows = np.arange(self._size, row, dtype=np.int64)
        self._size, self._live = row, self._live + rows.size
        self._addresses.update(self._columns["address"][rows], +1)
        self._dates.update(self._columns["birth"][rows].astype(np.int64), +1)
        self._replace_existing(rows)
        new_hashes = np.frombuffer(hashes, np.int64)
        new_hash_rows = np.repeat(rows.astype(np.int32), np.frombuffer(key_counts, np.uint16))
        if bulk:
            self._merge(new_hashes, new_hash_rows, rows)
            return
        for key_hash, key_row in zip(new_hashes.tolist(), new_hash_rows.tolist(), strict=True):
            self._recent_keys.setdefault(key_hash, []).append(key_row)
        self._recent_key_count += new_hashes.size
        live = rows[self._columns["alive"][rows]]
        self._recent_ids.update(zip(self._columns["subject"][live].tolist(), live.tolist(), strict=True))
        if self._recent_key_count > max(_MERGE_AT, self._keys.size // 16):
            self._merge(np.empty(0, np.int64), np.empty(0, np.int32), np.empty(0, np.int64))

    def _replace_existing(self, rows: Ints) -> None:
        """New rows win over the live rows of the same subjects, and over earlier rows among them."""
        subjects = self._columns["subject"][rows]
        order = np.argsort(subjects, kind="stable")
        stale = [rows[order[:-1][subjects[order[:-1]] == subjects[order[1:]]]]]  # a later new row, same id
        if self._ids.size:
            positions = np.minimum(np.searchsorted(self._ids, subjects), self._ids.size - 1)
            stale.append(self._id_rows[positions[self._ids[positions] == subjects]])
        if self._recent_ids:
            recent = [self._recent_ids.get(subject, -1) for subject in subjects.tolist()]
            stale.append(np.array([r for r in recent if r >= 0], np.int64))
        self._kill(np.unique(np.concatenate(stale)))

    def _kill(self, rows: Ints) -> None:
        alive = self._columns["alive"]
        rows = rows[alive[rows]]
        if not rows.size:
            return
        alive[rows] = False
        self._live -= rows.size
        self._addresses.update(self._columns["address"][rows], -1)
        self._dates.update(self._columns["birth"][rows].astype(np.int64), -1)
        for subject, row in zip(self._columns["subject"][rows].tolist(), rows.tolist(), strict=True):
            if self._recent_ids.get(subject) == row:
                del self._recent_ids[subject]

    def _grow(self, rows: int) -> None:
        capacity = self._columns["alive"].size
        if rows <= capacity:
            return
        capacity = max(rows, 2 * capacity, 1024)
        for name, column in self._columns.items():
            grown = np.zeros(capacity, column.dtype)
            grown[: self._size] = column[: self._size]
            self._columns[name] = grown

    def _merge(self, hashes: Ints, hash_rows: Rows, rows: Ints) -> None:
        """Fold new keys and subjects into the sorted arrays; entries of dead rows are left out."""
        if self._recent_keys:
            pairs = [(key, row) for key, key_rows in self._recent_keys.items() for row in key_rows]
            hashes = np.concatenate([hashes, np.array([key for key, _ in pairs], np.int64)])
            hash_rows = np.concatenate([hash_rows, np.array([row for _, row in pairs], np.int32)])
            rows = np.concatenate([rows, np.fromiter(self._recent_ids.values(), np.int64)])
        self._recent_keys, self._recent_key_count, self._recent_ids = {}, 0, {}
        alive = self._columns["alive"]
        self._keys, self._key_rows = _merge_sorted(
            self._keys, self._key_rows, hashes, hash_rows.astype(np.int32), alive
        )
        subjects = self._columns["subject"][rows]
        self._ids, self._id_rows = _merge_sorted(self._ids, self._id_rows, subjects, rows.astype(np.int32), alive)

    def _row_of(self, subject_id: int) -> int:
        row = self._recent_ids.get(subject_id, -1)
        if row < 0 and self._ids.size:
            position = int(np.searchsorted(self._ids, subject_id))
            if position < self._ids.size and self._ids[position] == subject_id:
                row = int(self._id_rows[position])
        return row if row >= 0 and self._columns["alive"][row] else -1

    # -- querying ------------------------------------------------------------------------------------

    def query(self, record: Normalised, *, limit: int = 10, min_score: float | None = None) -> list[Candidate]:
        """The best ``limit`` subjects for ``record`` at or above ``min_score``: score desc, then subject id."""
        if limit < 1 or not self._live:
            return []
        find = self._vocab.find
        ids = dict(zip(_TEXT, (find(value) for value in _text_values(record)), strict=True))
        birth = _bcd(record.birth_date)
        address = ids["postcode"] << 32 | ids["house_number"] if ids["postcode"] > 0 and ids["house_number"] > 0 else 0
        query = _Query(record, ids, birth, self._addresses.usable(address), self._dates.usable(birth))
        rows = self._candidates(query)
        if not rows.size:
            return []
        floor = -math.inf if min_score is None else min_score
        address_ok = self._addresses.usable_many(self._columns["address"][rows])
        date_ok = self._dates.usable_many(self._columns["birth"][rows].astype(np.int64))
        keep, codes = self._fast_codes(query, rows, address_ok, date_ok, limit, floor)
        rows, address_ok, date_ok = rows[keep], address_ok[keep], date_ok[keep]
        top = self._rank(rows, codes, limit, floor)
        results = []
        for row, record, code, a_ok, d_ok in zip(
            rows[top].tolist(),
            self._records(rows[top]),
            codes[top].tolist(),
            address_ok[top].tolist(),
            date_ok[top].tolist(),
            strict=True,
        ):
            levels = self._compare(query, record, a_ok, d_ok)
            if levels != _levels(code):
                return self._query_exact(query, limit, floor)
            results.append(self._candidate(row, levels))
        return results

    def _candidates(self, query: _Query) -> Ints:
        hashes = [hash(key) for key in _query_keys(query.record, query.address_ok, query.date_ok)]
        starts = np.searchsorted(self._keys, hashes, "left").tolist()
        ends = np.searchsorted(self._keys, hashes, "right").tolist()
        parts = []
        for key, start, end in zip(hashes, starts, ends, strict=True):
            recent = self._recent_keys.get(key)
            if end - start + len(recent or ()) <= self.config.max_block_size:
                parts.append(self._key_rows[start:end])
                if recent:
                    parts.append(np.array(recent, np.int32))
        if not parts:
            return np.empty(0, np.int64)
        rows = np.unique(np.concatenate(parts)).astype(np.int64)
        return rows[self._columns["alive"][rows]]

    def _fast_codes(
        self, query: _Query, rows: Ints, address_ok: Bools, date_ok: Bools, limit: int, floor: float
    ) -> tuple[Bools, Ints]:
        """Which candidates can still make the top ``limit``, and their level codes."""
        birth = self._birth_levels(query, rows, date_ok)
        address = self._address_levels(query, rows, address_ok)
        given, surname = self._name_levels(query, rows, address_ok, date_ok)
        keep = np.ones(rows.size, np.bool_)
        open_given = given == _OPEN
        rest = _code(_MISSING, surname, birth, address)  # + (given level + 1) * 125 is the full code
        if open_given.any():
            # Bounds over the four given-name levels an open candidate may still get.
            known = self._scores[rest + (np.maximum(given, _MISSING) + 1) * 125]
            options = np.stack([self._scores[rest + (level + 1) * 125] for level in range(4)])
            low = np.where(open_given, options.min(axis=0), known)
            high = np.where(open_given, options.max(axis=0), known)
            bar = floor
            if low.size > limit:
                bar = max(bar, float(np.partition(low, low.size - limit)[low.size - limit]))
            keep = high >= bar
            todo = np.flatnonzero(keep & open_given)
            given[todo] = self._given_levels(query, self._columns["given"][rows[todo]])
        return keep, rest[keep] + (given[keep] + 1) * 125

    def _birth_levels(self, query: _Query, rows: Ints, usable: Bools) -> Ints:
        if not query.birth or not query.date_ok:
            return np.full(rows.size, _MISSING, np.int64)
        levels = _birth_levels(query.birth, self._columns["birth"][rows])
        levels[~usable] = _MISSING
        return levels

    def _address_levels(self, query: _Query, rows: Ints, usable: Bools) -> Ints:
        """`scoring.compare`'s address level by equality of interned postcode, number, street and city."""
        q = query.ids
        if not query.address_ok or not (q["postcode"] or q["street"] or q["city"]):
            return np.full(rows.size, _MISSING, np.int64)
        columns = {name: self._columns[name][rows] for name in ("postcode", "pc4", "house_number", "street", "city")}
        nowhere = np.zeros(rows.size, np.bool_)
        same = {name: columns[name] == q[name] if q[name] else nowhere for name in columns}
        levels = (same["city"] | same["pc4"]).astype(np.int64)
        levels[same["postcode"]] = 2
        levels[same["house_number"] & (same["postcode"] | (same["street"] & same["city"]))] = 3
        no_address = (columns["postcode"] == 0) & (columns["street"] == 0) & (columns["city"] == 0)
        levels[~usable | no_address] = _MISSING
        return levels

    def _name_levels(self, query: _Query, rows: Ints, address_ok: Bools, date_ok: Bools) -> tuple[Ints, Ints]:
        """Surname levels, and given-name levels where settled (`_OPEN` where still to compute)."""
        record, vocab = query.record, self._vocab.values
        givens = self._columns["given"][rows]
        pairs = self._columns["surname"][rows].astype(np.int64) << 32 | self._columns["surname_key"][rows]
        distinct, inverse = np.unique(pairs, return_inverse=True)
        surname_levels, crossing = [], []
        for pair in distinct.tolist():
            surname, key = vocab[pair >> 32], vocab[pair & 0xFFFFFFFF]
            surname_levels.append(self._surname_level(record, surname, key))
            crossing.append(
                bool(record.given and record.surname and surname)
                and scoring.jaro_winkler(record.given, surname) >= _SWAP_SUSPECT
            )
        surname = np.array(surname_levels, np.int64)[inverse]
        given = np.where((givens == 0) | (not record.given), _MISSING, _OPEN).astype(np.int64)
        suspects = np.array(crossing, np.bool_)[inverse] & (givens != 0)
        if suspects.any():
            crossed = [
                g
                for g in np.unique(givens[suspects]).tolist()
                if scoring.jaro_winkler(record.surname, vocab[g]) >= _SWAP_SUSPECT
            ]
            indices = np.flatnonzero(suspects & np.isin(givens, crossed))
            for index, record in zip(indices.tolist(), self._records(rows[indices]), strict=True):
                levels = self._compare(query, record, bool(address_ok[index]), bool(date_ok[index]))
                given[index], surname[index] = levels[0], levels[1]
        return given, surname

    def _given_levels(self, query: _Query, givens: npt.NDArray[np.int32]) -> Ints:
        distinct, inverse = np.unique(givens, return_inverse=True)
        vocab = self._vocab.values
        levels = [self._given_level(query.record, vocab[g]) for g in distinct.tolist()]
        return np.array(levels, np.int64)[inverse]

    def _given_level(self, query: Normalised, given: str) -> int:
        """The given-name level by `scoring.compare` against a record holding only that name (no swap)."""
        only = self._given_only.get(given)
        if only is None:
            only = self._given_only[given] = Normalised(**(_BLANK | {"given": given}))
        return compare(query, only)[0]

    def _surname_level(self, query: Normalised, surname: str, key: str) -> int:
        only = self._surname_only.get((surname, key))
        if only is None:
            only = Normalised(**(_BLANK | {"surname": surname, "surname_key": key}))
            self._surname_only[(surname, key)] = only
        return compare(query, only)[1]

    def _rank(self, rows: Ints, codes: Ints, limit: int, floor: float) -> Ints:
        scores = self._scores[codes]
        eligible = np.flatnonzero(scores >= floor)
        order = np.lexsort((self._columns["subject"][rows[eligible]], -scores[eligible]))
        return eligible[order[:limit]]

    def _records(self, rows: Ints) -> list[Normalised]:
        """The stored records of ``rows``, as `Normalised` again (the subject id as ``id``)."""
        vocab = self._vocab.values
        text = {name: [vocab[i] for i in self._columns[name][rows].tolist()] for name in _TEXT if name != "pc4"}
        return [
            Normalised(id=str(subject), birth_date=_iso(birth), **{name: text[name][i] for name in text})
            for i, (subject, birth) in enumerate(
                zip(self._columns["subject"][rows].tolist(), self._columns["birth"][rows].tolist(), strict=True)
            )
        ]

    def _compare(self, query: _Query, stored: Normalised, address_ok: bool, date_ok: bool) -> Levels:
        return compare(
            query.record,
            stored,
            a_address_usable=query.address_ok,
            b_address_usable=address_ok,
            a_date_usable=query.date_ok,
            b_date_usable=date_ok,
        )

    def _candidate(self, row: int, levels: Levels) -> Candidate:
        explanation = self._explanations.get(levels)
        if explanation is None:
            explanation = self._explanations[levels] = self.model.explain(levels)
        return Candidate(
            subject_id=int(self._columns["subject"][row]),
            score=float(self._scores[_code(*levels)]),
            levels=levels,
            explanation=dict(explanation),
        )

    def _query_exact(self, query: _Query, limit: int, floor: float) -> list[Candidate]:
        """The slow, certain answer: `scoring.compare` on every candidate (only if the fast path disagrees)."""
        if not self._fallbacks:
            logger.warning("screening: fast levels differ from scoring.compare, queries fall back to compare")
        self._fallbacks += 1
        rows = self._candidates(query)
        address_ok = self._addresses.usable_many(self._columns["address"][rows])
        date_ok = self._dates.usable_many(self._columns["birth"][rows].astype(np.int64))
        levels = [
            self._compare(query, record, a, d)
            for record, a, d in zip(self._records(rows), address_ok.tolist(), date_ok.tolist(), strict=True)
        ]
        codes = np.array([_code(*lv) for lv in levels], np.int64)
        return [self._candidate(int(rows[i]), levels[i]) for i in self._rank(rows, codes, limit, floor).tolist()]
