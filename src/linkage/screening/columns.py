# SPDX-License-Identifier: EUPL-1.2
"""How the index stores records: columns of interned-string ids, birth dates as BCD digits, how many live
subjects hold each address or birth date, and sorted key arrays."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from ..engine.records import Normalised

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Rows = npt.NDArray[np.int32]  # row numbers as stored (half the memory of int64)

_TEXT = ("given", "initials", "surname", "surname_key", "postcode", "pc4", "house_number", "street", "city")
_POSTCODE, _NUMBER = _TEXT.index("postcode"), _TEXT.index("house_number")
_DTYPES: dict[str, type[np.generic]] = dict.fromkeys(_TEXT, np.int32) | {
    "birth": np.uint32,  # BCD digits YYYYMMDD, 0 = missing
    "subject": np.int64,
    "address": np.int64,  # postcode id << 32 | house-number id, 0 = no address key
    "alive": np.bool_,
}


def _bcd(iso: str) -> int:
    """``YYYY-MM-DD`` as eight BCD digits (``0x19800307``): digit-wise comparison becomes bit arithmetic."""
    if not iso:
        return 0
    digits = iso[:4] + iso[5:7] + iso[8:]
    if len(iso) != 10 or iso[4] != "-" or iso[7] != "-" or not digits.isdigit():
        raise ValueError(f"birth_date must be normalised (YYYY-MM-DD), got {iso!r}")
    return int(digits, 16)


def _iso(bcd: int) -> str:
    digits = f"{bcd:08x}"
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}" if bcd else ""


class _Vocabulary:
    """Interned strings: each distinct value is stored once and compared as an int (0 is "")."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {"": 0}
        self.values: list[str] = [""]

    def intern(self, value: str) -> int:
        found = self.ids.get(value)
        if found is None:
            found = self.ids[value] = len(self.values)
            self.values.append(value)
        return found

    def intern_many(self, values: tuple[str, ...]) -> list[int]:
        try:
            return [self.ids[value] for value in values]
        except KeyError:  # a new value: rare once the common names, dates and places are in
            return [self.intern(value) for value in values]

    def find(self, value: str) -> int:
        return self.ids.get(value, -1)


class _Frequency:
    """How many live subjects hold each address or birth date; which may not block or score."""

    def __init__(self, limit: int, excluded: Iterable[int] = ()) -> None:
        self.limit = limit
        self.counts: dict[int, int] = {}
        self.unusable = set(excluded)
        self.excluded = frozenset(self.unusable)
        self._array: Ints | None = None

    def update(self, codes: Ints, delta: int) -> None:
        values, counts = np.unique(codes[codes != 0], return_counts=True)
        for code, n in zip(values.tolist(), counts.tolist(), strict=True):
            count = self.counts.get(code, 0) + delta * n
            if count > 0:
                self.counts[code] = count
            else:
                self.counts.pop(code, None)
            if count > self.limit or code in self.excluded:
                self.unusable.add(code)
            else:
                self.unusable.discard(code)
        self._array = None

    def usable(self, code: int) -> bool:
        return code not in self.unusable

    def usable_many(self, codes: Ints) -> Bools:
        if self._array is None:
            self._array = np.sort(np.fromiter(self.unusable, np.int64, len(self.unusable)))
        if not self._array.size:
            return np.ones(codes.size, np.bool_)
        positions = np.minimum(np.searchsorted(self._array, codes), self._array.size - 1)
        return self._array[positions] != codes


def _text_values(record: Normalised) -> tuple[str, ...]:
    """The text columns of a record, in the order of `_TEXT`."""
    postcode = record.postcode
    return (
        record.given,
        record.initials,
        record.surname,
        record.surname_key,
        postcode,
        postcode[:4],
        record.house_number,
        record.street,
        record.city,
    )


def _merge_sorted(keys: Ints, rows: Rows, new_keys: Ints, new_rows: Rows, alive: Bools) -> tuple[Ints, Rows]:
    """``keys`` (sorted) with ``new_keys`` inserted in order; entries whose row is dead are left out."""
    live, new_live = alive[rows], alive[new_rows]
    keys, rows, new_keys, new_rows = keys[live], rows[live], new_keys[new_live], new_rows[new_live]
    order = np.argsort(new_keys, kind="stable")
    positions = np.searchsorted(keys, new_keys[order], "right")
    return np.insert(keys, positions, new_keys[order]), np.insert(rows, positions, new_rows[order])
