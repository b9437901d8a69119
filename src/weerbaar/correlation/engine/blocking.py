# SPDX-License-Identifier: EUPL-1.2
"""Candidate generation: the union of several blocking keys, with a bound on block size.

Only pairs that share at least one key are scored. The keys (each left out when a part is missing):

- ``sk_year``: phonetic surname key + birth year;
- ``address``: postcode + house number (not for excluded or too frequent addresses);
- ``gi_dob``: first initial + full birth date (not for too frequent dates);
- ``names_year``: given name and surname sorted alphabetically + birth year (catches swapped names);
- ``sk_gi_mmdd``: surname key + first initial + birth day and month (catches a mistyped year).

A block larger than ``LinkConfig.max_block_size`` is skipped: it would cost quadratic work and its
key is too common to mean anything. So the work is bounded by n x max_block_size per key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .records import LinkConfig, Normalised, normalise_number, normalise_pc

__all__ = ["KEYS", "Usability", "block_keys", "candidate_pairs", "usability"]

KEYS: tuple[str, ...] = ("sk_year", "address", "gi_dob", "names_year", "sk_gi_mmdd")


@dataclass(frozen=True, slots=True)
class Usability:
    """Per record: may its address / birth date block and score (exclusion list and frequency cut-off)?"""

    address: list[bool]
    birth_date: list[bool]


def address_key(record: Normalised) -> str:
    return f"{record.postcode}|{record.house_number}" if record.postcode and record.house_number else ""


def usability(records: Sequence[Normalised], config: LinkConfig) -> Usability:
    excluded = {f"{normalise_pc(pc)}|{normalise_number(nr)}" for pc, nr in config.excluded_addresses}
    addresses = Counter(address_key(r) for r in records)
    dates = Counter(r.birth_date for r in records)
    address_ok = [
        not (key := address_key(r)) or (key not in excluded and addresses[key] <= config.max_address_frequency)
        for r in records
    ]
    date_ok = [not r.birth_date or dates[r.birth_date] <= config.max_birth_date_frequency for r in records]
    return Usability(address=address_ok, birth_date=date_ok)


def block_keys(record: Normalised, address_ok: bool, date_ok: bool) -> Iterator[str]:
    year = record.birth_date[:4]
    initial = record.given[:1]
    if record.surname_key and year:
        yield f"sk_year:{record.surname_key}|{year}"
    if address_ok and (key := address_key(record)):
        yield f"address:{key}"
    if initial and record.birth_date and date_ok:
        yield f"gi_dob:{initial}|{record.birth_date}"
    if record.given and record.surname and year:
        first, second = sorted((record.given, record.surname))
        yield f"names_year:{first}|{second}|{year}"
    if record.surname_key and initial and record.birth_date:
        yield f"sk_gi_mmdd:{record.surname_key}|{initial}|{record.birth_date[5:]}"


def candidate_pairs(records: Sequence[Normalised], usable: Usability, config: LinkConfig) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)`` with ``i < j`` sharing at least one blocking key."""
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in block_keys(record, usable.address[index], usable.birth_date[index]):
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > config.max_block_size:
            continue
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                pairs.add((i, j) if i < j else (j, i))
    return pairs
