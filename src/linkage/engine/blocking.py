# SPDX-License-Identifier: EUPL-1.2
"""Candidate generation: the union of several blocking keys, with a bound on block size.

Only pairs that share at least one key are scored. The keys (each left out when a part is missing):

- ``address``: postcode + house number (not for excluded or too frequent addresses);
- ``gi_dob``: first initial + full birth date (not for too frequent dates);
- ``names_year``: given name and surname sorted alphabetically + birth year (catches swapped names);
- ``sk_dob``: phonetic surname key + full birth date (catches a missing or mistyped given name; not for
  too frequent dates);
- ``sk_gi_mmdd``: surname key + first initial + birth day and month (catches a mistyped year);
- ``sk_gi_ym``: surname key + first initial + birth year and month (catches a mistyped day);
- ``sk_gi_yd``: surname key + first initial + birth year and day (catches a mistyped month);
- ``sk_gi_ydm``: surname key + first initial + birth year + day and month in either order (catches day and
  month written the other way round);
- ``given_sk``: first given name + surname key (a person without birth date or address);
- ``sk_gi_pc``: surname key + first initial + postcode (also on a crowded address: the name narrows it);
- ``sk_street``: surname key + first initial + street (a changed or mistyped postcode, a missing number);
- ``sk_gi_city``: surname key + first initial + place;
- ``dob_pc``: birth date + postcode, ``dob_street``: birth date + street (a name missing or badly misspelt);
- ``street_nr``: street + house number + first letter of the surname (a mistyped postcode; not for excluded
  or too frequent addresses; the letter keeps "Kerkstraat 1" in every town from making one block);
- ``given_street``: first given name + street (a missing or changed surname);
- ``id0``, ``id1``, ...: the exact value of each identifier column (`LinkConfig.identifiers`).

So any two of a person's fields (name and date, name and postcode, name and street, name and place, date
and postcode, date and street, street and number) bring a pair together; a person without a birth date or
without an address is still compared with the records that share two other fields.

The four narrow surname keys replace "surname key + birth year": on the benchmark's million records that
key alone made 26.6 M of the 29.3 M candidate pairs (a common surname shares its birth year with hundreds
of people), while the true pairs that only it found are nearly all found by the narrow keys; all keys
together now make 3.6 M candidates and miss about 0.1 % more true pairs.

A block larger than ``LinkConfig.max_block_size`` is skipped: it would cost quadratic work and its
key is too common to mean anything. So the work is bounded by n x max_block_size per key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .frequency import CutOffs, cut_offs, histogram
from .records import LinkConfig, Normalised, normalise_number, normalise_pc

__all__ = [
    "KEYS",
    "Usability",
    "block_keys",
    "candidate_pairs",
    "cut_off_names",
    "cut_off_report",
    "key_name",
    "usability",
]

KEYS: tuple[str, ...] = (
    "address",
    "gi_dob",
    "names_year",
    "sk_dob",
    "sk_gi_mmdd",
    "sk_gi_ym",
    "sk_gi_yd",
    "sk_gi_ydm",
    "given_sk",
    "sk_gi_pc",
    "sk_street",
    "sk_gi_city",
    "dob_pc",
    "dob_street",
    "street_nr",
    "given_street",
)


@dataclass(frozen=True, slots=True)
class Usability:
    """Per record: may its address / birth date block and score (exclusion list and frequency cut-off)?

    ``crowded`` marks an address held by more records than the frequency cut-off (and not excluded): it
    does not block (``address`` is False), but it still scores, with "same address" counted as "same area"
    (`scoring.compare`): a shelter or business address says little, but not nothing.
    """

    address: list[bool]
    birth_date: list[bool]
    crowded: list[bool]
    cut: CutOffs


def address_key(record: Normalised) -> str:
    return f"{record.postcode}|{record.house_number}" if record.postcode and record.house_number else ""


def usability(records: Sequence[Normalised], config: LinkConfig) -> Usability:
    excluded = {f"{normalise_pc(pc)}|{normalise_number(nr)}" for pc, nr in config.excluded_addresses}
    addresses = Counter(address_key(r) for r in records)
    dates = Counter(r.birth_date for r in records)
    cut = cut_offs(
        config,
        histogram(n for key, n in addresses.items() if key and key not in excluded),
        histogram(n for key, n in dates.items() if key),
    )
    address_ok = [
        not (key := address_key(r)) or (key not in excluded and addresses[key] <= cut.address) for r in records
    ]
    crowded = [bool(key := address_key(r)) and key not in excluded and addresses[key] > cut.address for r in records]
    date_ok = [not r.birth_date or dates[r.birth_date] <= cut.birth_date for r in records]
    return Usability(address=address_ok, birth_date=date_ok, crowded=crowded, cut=cut)


def block_keys(record: Normalised, address_ok: bool, date_ok: bool, identifiers: Sequence[str] = ()) -> Iterator[str]:
    """The blocking keys of a record, ``kind:value``, in the order of `KEYS` (see the module docstring),
    then one per identifier column (``identifiers``: `records.normalise_identifiers`)."""
    birth = record.birth_date
    year, month, day = birth[:4], birth[5:7], birth[8:]
    initial = record.given[:1]
    sk = record.surname_key
    if address_ok and (key := address_key(record)):
        yield f"address:{key}"
    if initial and birth and date_ok:
        yield f"gi_dob:{initial}|{birth}"
    if record.given and record.surname and birth:
        first, second = sorted((record.given, record.surname))
        yield f"names_year:{first}|{second}|{year}"
    if sk and birth and date_ok:
        yield f"sk_dob:{sk}|{birth}"
    if sk and initial and birth:
        yield f"sk_gi_mmdd:{sk}|{initial}|{month}-{day}"
        yield f"sk_gi_ym:{sk}|{initial}|{year}-{month}"
        yield f"sk_gi_yd:{sk}|{initial}|{year}|{day}"
        yield f"sk_gi_ydm:{sk}|{initial}|{year}|{min(month, day)}|{max(month, day)}"
    if sk and record.given:
        yield f"given_sk:{record.given}|{sk}"
    if sk and initial and record.postcode:
        yield f"sk_gi_pc:{sk}|{initial}|{record.postcode}"
    if sk and initial and record.street:
        yield f"sk_street:{sk}|{initial}|{record.street}"
    if sk and initial and record.city:
        yield f"sk_gi_city:{sk}|{initial}|{record.city}"
    if birth and date_ok and record.postcode:
        yield f"dob_pc:{birth}|{record.postcode}"
    if birth and date_ok and record.street:
        yield f"dob_street:{birth}|{record.street}"
    if address_ok and record.street and record.house_number and record.surname:
        yield f"street_nr:{record.street}|{record.house_number}|{record.surname[0]}"
    if record.given and record.street:
        yield f"given_street:{record.given}|{record.street}"
    for number, identifier in enumerate(identifiers):
        if identifier:
            yield f"id{number}:{identifier}"


def cut_off_names(cut: CutOffs, config: LinkConfig) -> tuple[str, str, str]:
    """How the run report names the address, birth-date and block-size cut-offs."""
    return (
        f"address held by more than {cut.address} records",
        f"birth date held by more than {cut.birth_date} records",
        f"in a blocking key shared by more than {config.max_block_size} records",
    )


def key_name(kind: str, identifiers: Sequence[str]) -> str:
    """How the report names a kind of blocking key: its name in `KEYS`, an identifier key by its column."""
    if kind.startswith("id") and kind[2:].isdigit():
        return f"identifier {identifiers[int(kind[2:])]}"
    return kind


def cut_off_report(usable: Usability, config: LinkConfig, oversized: set[int]) -> dict[str, int]:
    """How many records each cut-off took out of a blocking key (excluded addresses are not a cut-off)."""
    address, birth, block = cut_off_names(usable.cut, config)
    return {address: usable.crowded.count(True), birth: usable.birth_date.count(False), block: len(oversized)}


def candidate_pairs(
    records: Sequence[Normalised],
    usable: Usability,
    config: LinkConfig,
    oversized: set[int] | None = None,
    identifiers: Sequence[Sequence[str]] = (),
    oversized_by_key: dict[str, set[int]] | None = None,
) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)`` with ``i < j`` sharing at least one blocking key; the records of blocks
    skipped for their size are added to ``oversized`` when it is given, and per kind of key (`KEYS`,
    ``id0``...) to ``oversized_by_key``. ``identifiers`` holds each record's identifier values
    (`records.normalise_identifiers`), when there are identifier columns."""
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        ids = identifiers[index] if identifiers else ()
        for key in block_keys(record, usable.address[index], usable.birth_date[index], ids):
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) > config.max_block_size and oversized is not None:
            oversized.update(members)
        if len(members) > config.max_block_size and oversized_by_key is not None:
            oversized_by_key.setdefault(key.partition(":")[0], set()).update(members)
        if len(members) < 2 or len(members) > config.max_block_size:
            continue
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                pairs.add((i, j) if i < j else (j, i))
    return pairs
