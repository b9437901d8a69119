# SPDX-License-Identifier: EUPL-1.2
"""Input and output types of the linkage engine, and the normalised form the model compares.

Everything here is plain data: no Django, no database. A `PersonRecord` is what a caller has; a
`Normalised` record is what blocking and scoring see (folded by `normalise.normalise_name`: lower case,
no diacritics or punctuation; Dutch surname prefixes split off by `normalise.surname_key`; dates as ISO
strings, postcodes as ``1234AB``; other postcodes, house numbers and date-shaped dates in a generic form).
The functions here are the only definition of that form: the DuckDB engine applies them to each distinct
value. `value_status` says what became of a raw value, so a run can report what it could not use.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from linkage.normalise import (
    normalise_birth_date,
    normalise_house_number,
    normalise_name,
    normalise_postcode,
    normalise_street,
    surname_key,
)

__all__ = [
    "DEFAULT",
    "FEATURES",
    "Judgement",
    "LinkConfig",
    "Normalised",
    "PersonRecord",
    "Verdict",
    "normalise_identifier",
    "normalise_identifiers",
    "normalise_record",
    "status_of",
    "value_report",
    "value_status",
]

FEATURES: tuple[str, ...] = ("given", "surname", "birth_date", "address")


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One person as some source describes them. Every field except ``id`` may be empty or ``None``."""

    id: str
    given: str | None = None
    prefix: str | None = None
    surname: str | None = None
    birth_date: str | date | None = None
    street: str | None = None
    house_number: str | None = None
    postcode: str | None = None
    city: str | None = None
    # Identifier columns (a social security or customer number), by the name `LinkConfig.identifiers` gives.
    identifiers: Mapping[str, str | None] = field(default_factory=dict, hash=False, kw_only=True)


class Verdict(StrEnum):
    SAME = "same"
    NOT_SAME = "not_same"
    UNSURE = "unsure"


@dataclass(frozen=True, slots=True)
class Judgement:
    """A person's verdict on a pair. It always wins over the model."""

    id_a: str
    id_b: str
    verdict: Verdict | Literal["same", "not_same", "unsure"]
    author: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """Configuration of a link run. Nothing here is code: it can come from settings or a file.

    ``threshold`` is a match weight in bits (log2 of the odds that a pair is the same person); 0 means
    a match probability of 0.5. ``excluded_addresses`` holds ``(postcode, house number)`` pairs such as a
    town hall, police station or business centre: they neither block nor score. An address or birth date
    held by more than ``max_address_frequency`` / ``max_birth_date_frequency`` records is treated the
    same way (the frequency cut-off); left at ``None``, the cut-off follows the data (`frequency.cut_offs`).
    Blocks larger than ``max_block_size`` are skipped, which bounds the
    number of candidate pairs. ``model`` fixes the m/u probabilities (see `scoring.Model`); when it is
    ``None`` they are estimated from the data by EM when there are at least ``min_pairs_for_em`` candidate
    pairs, and the documented defaults are used otherwise. ``engine`` is ``"auto"`` (DuckDB when it is
    installed and there are more than ``duckdb_from`` records), ``"python"`` or ``"duckdb"``.

    ``identifiers`` names identifier columns (`PersonRecord.identifiers`): each is normalised by
    `normalise_identifier`, blocks on its exact value and is compared as a feature of its own (exact, one
    edit apart, different) with its own m/u. ``term_frequencies`` adjusts an exact given name or surname
    by how common the value is in the data (`scoring.tf_adjustment`).
    """

    threshold: float = 0.0
    excluded_addresses: frozenset[tuple[str, str]] = frozenset()
    max_address_frequency: int | None = None
    max_birth_date_frequency: int | None = None
    max_block_size: int = 300
    model: Mapping[str, Mapping[int, tuple[float, float]]] | None = None
    prior: float | None = None
    min_pairs_for_em: int = 2000
    em_iterations: int = 25
    seed: int = 20260101
    engine: Literal["auto", "python", "duckdb"] = "auto"
    duckdb_from: int = 20000
    threads: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    identifiers: tuple[str, ...] = ()
    term_frequencies: bool = True

    @property
    def features(self) -> tuple[str, ...]:
        """The compared features: `FEATURES`, then the identifier columns."""
        return (*FEATURES, *self.identifiers)


DEFAULT = LinkConfig()


@dataclass(frozen=True, slots=True)
class Normalised:
    """The comparable form of a record; empty strings mean "missing"."""

    id: str
    given: str  # first given name
    initials: str
    surname: str  # core surname without prefix
    surname_key: str  # phonetic key of the core surname
    birth_date: str  # YYYY-MM-DD
    postcode: str  # 1234AB
    house_number: str  # 12A
    street: str
    city: str


@lru_cache(maxsize=1 << 18)
def fold(value: str | None) -> str:
    """Lower case without diacritics or punctuation, single spaces (`normalise.normalise_name`)."""
    return normalise_name(value)


# The core surname: prefixes ("van der", "V.d.", glued "Vandermeer") removed.
core_surname = lru_cache(maxsize=1 << 18)(surname_key)


_PHONETIC = (
    ("sch", "s"),
    ("ij", "y"),
    ("ei", "y"),
    ("ey", "y"),
    ("ck", "k"),
    ("dt", "t"),
    ("ph", "f"),
    ("ch", "g"),
    ("th", "t"),
    ("ou", "au"),
    ("c", "k"),
    ("z", "s"),
    ("v", "f"),
    ("w", "v"),
    ("d", "t"),
    ("q", "k"),
    ("x", "ks"),
)


@lru_cache(maxsize=1 << 18)
def phonetic_key(core: str) -> str:
    """A coarse Dutch sound key: similar-sounding spellings, doubled letters and trailing vowels collapse."""
    key = core
    for old, new in _PHONETIC:
        key = key.replace(old, new)
    out: list[str] = []
    for char in key:
        if not out or out[-1] != char:
            out.append(char)
    collapsed = "".join(out)
    return collapsed[:1] + collapsed[1:].translate(str.maketrans("", "", "aeiouy"))


# Everything is normalised by the app's shared normalisers; the caches are there because names, dates and
# postcodes repeat a lot.


# Values that are not in a Dutch format are kept in a generic form rather than dropped: a foreign postcode
# or an implausible but date-shaped birth date still brings a pair together and still compares. Only a value
# with nothing usable in it becomes "" - and `value_status` counts every one of those.
_DATE_SHAPES = (
    (re.compile(r"(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})"), (1, 2, 3)),
    (re.compile(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})"), (3, 2, 1)),
    (re.compile(r"([12]\d{3})(\d{2})(\d{2})"), (1, 2, 3)),
    (re.compile(r"(\d{2})(\d{2})(\d{4})"), (3, 2, 1)),
)
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
GENERIC_MAX = 10  # a generic postcode or house number longer than this is not a postcode or house number


def _generic_date(text: str) -> str:
    """ "YYYY-MM-DD" with the parts as written, for a date-shaped value that is not a plausible date."""
    for pattern, (y, m, d) in _DATE_SHAPES:
        if match := pattern.fullmatch(text.strip()):
            return f"{match[y]}-{int(match[m]):02d}-{int(match[d]):02d}"
    return ""


def date_form(value: str | date | None) -> tuple[str, bool]:
    """`normalise_date` of ``value``, and whether that is a plausible date (not a generic form)."""
    parsed = normalise_birth_date(value) if value else None
    if parsed:
        return parsed.isoformat(), True
    return (_generic_date(value) if isinstance(value, str) else ""), False


@lru_cache(maxsize=1 << 18)
def normalise_date(value: str | date | None) -> str:
    """ISO date; a date-shaped value that is no plausible date in its generic form (`_generic_date`)."""
    return date_form(value)[0]


def _generic_code(value: str) -> str:
    code = _NOT_ALNUM.sub("", fold(value).upper())
    return code if len(code) <= GENERIC_MAX else ""


def postcode_form(value: str | None) -> tuple[str, bool]:
    """`normalise_pc` of ``value``, and whether that is a Dutch postcode (not a generic form)."""
    parsed = normalise_postcode(value) if value else None
    if parsed:
        return parsed, True
    return (_generic_code(value) if value else ""), False


@lru_cache(maxsize=1 << 18)
def normalise_pc(value: str | None) -> str:
    """A Dutch postcode as "1234AB"; any other as upper-case letters and digits ("SW1A 1AA" -> "SW1A1AA")."""
    return postcode_form(value)[0]


def number_form(value: str | None) -> tuple[str, bool]:
    """`normalise_number` of ``value``, and whether that is a Dutch house number (not a generic form)."""
    parsed = normalise_house_number(value) if value else None
    if parsed:
        return f"{parsed[0]}{parsed[1]}", True
    return (_generic_code(value) if value else ""), False


@lru_cache(maxsize=1 << 18)
def normalise_number(value: str | None) -> str:
    """A house number as "12A"; any other as upper-case letters and digits."""
    return number_form(value)[0]


@lru_cache(maxsize=1 << 18)
def normalise_identifier(value: str | None) -> str:
    """An identifier as upper-case letters and digits (``"123 456-789"`` -> ``"123456789"``).

    Generic on purpose: a social security, customer or file number of any country. Spaces, dots and dashes
    are formatting; letters are folded (no diacritics) and upper-cased.
    """
    return _NOT_ALNUM.sub("", fold(value).upper()) if value else ""


@lru_cache(maxsize=1 << 18)
def street_key(value: str | None) -> str:
    return normalise_street(value).replace(" ", "") if value else ""


@lru_cache(maxsize=1 << 18)
def given_parts(value: str | None) -> tuple[str, str]:
    """(first given name, initials of all given names)."""
    tokens = fold(value).split()
    return (tokens[0] if tokens else "", "".join(token[0] for token in tokens))


# The fields `value_status` reports on, with the function that gives their comparable form.
REPORTED_FIELDS: tuple[str, ...] = ("given", "surname", "birth_date", "street", "house_number", "postcode", "city")
GENERIC = "kept in a generic form"
UNUSABLE = "unusable"


def _dutch(name: str, value: str) -> bool:
    if name == "birth_date":
        return date_form(value)[1]
    if name == "postcode":
        return postcode_form(value)[1]
    if name == "house_number":
        return number_form(value)[1]
    return True


_FORMS: dict[str, Callable[[str], str]] = {
    "given": lambda v: given_parts(v)[0],
    "surname": lambda v: core_surname(None, v),
    "birth_date": normalise_date,
    "street": street_key,
    "house_number": normalise_number,
    "postcode": normalise_pc,
    "city": fold,
    "identifier": normalise_identifier,
}


@lru_cache(maxsize=1 << 16)
def value_status(name: str, value: str | None) -> str:
    """What normalisation made of a raw value: "" (used as it is meant), `GENERIC` or `UNUSABLE`.

    A value is unusable when it is not blank but its comparable form is empty (a postcode of punctuation,
    a name of digits); both engines count these per column and report them, so nothing is dropped silently.
    """
    if value is None or not str(value).strip():
        return ""
    text = str(value)
    form = _FORMS[name](text)
    return status_of(text, form, dutch=bool(form) and _dutch(name, text))


def status_of(value: str | None, form: str, *, dutch: bool = True) -> str:
    """`value_status` of a raw value whose comparable form (and whether it is in a Dutch format) is known:
    the DuckDB engine has both from normalising the value, and so does not normalise it twice."""
    if value is None or not str(value).strip():
        return ""
    if not form:
        return UNUSABLE
    return "" if dutch else GENERIC


def clear_caches() -> None:
    """Empty the caches of the normalisers. The DuckDB engine calls it once it has counted the statuses of a
    field's distinct values: the caches then hold every value of the field (tens of MB at 100,000 records
    for all fields) and help no more."""
    for text in (fold, core_surname, phonetic_key, normalise_date, normalise_pc, normalise_number):
        text.cache_clear()
    for other in (normalise_identifier, street_key, value_status):
        other.cache_clear()
    given_parts.cache_clear()


def count_statuses(
    counted: Iterable[tuple[str, str | None, int]], identifiers: Sequence[str] = ()
) -> dict[str, dict[str, int]]:
    """Per field, how many values were kept in a generic form and how many were unusable; ``counted``
    holds ``(field, raw value, number of records)``, a field being one of `REPORTED_FIELDS` or one of the
    ``identifiers`` (reported under its own name)."""
    report: dict[str, dict[str, int]] = {f: {GENERIC: 0, UNUSABLE: 0} for f in (*REPORTED_FIELDS, *identifiers)}
    marked = set(identifiers)
    for name, value, n in counted:
        status = value_status("identifier" if name in marked else name, value)
        if status:
            report[name][status] += n
    return report


def value_report(records: Iterable[PersonRecord], identifiers: Sequence[str] = ()) -> dict[str, dict[str, int]]:
    """`count_statuses` for records (the Python engine; the DuckDB engine counts per distinct value)."""
    values: Counter[tuple[str, str | None]] = Counter()
    for record in records:
        for name in REPORTED_FIELDS:
            raw = getattr(record, name)
            if raw is not None and not isinstance(raw, str):
                continue  # a date object is always usable
            values[name, raw] += 1
        for name in identifiers:
            values[name, record.identifiers.get(name)] += 1
    return count_statuses(((f, v, n) for (f, v), n in values.items()), identifiers)


def normalise_identifiers(record: PersonRecord, identifiers: Sequence[str]) -> tuple[str, ...]:
    """The comparable form of a record's identifier columns, in the order of ``identifiers``
    (`LinkConfig.identifiers`); kept beside `Normalised`, which holds the four features."""
    return tuple(normalise_identifier(record.identifiers.get(name)) for name in identifiers)


def normalise_record(record: PersonRecord) -> Normalised:
    """The comparable form of a record. Every field goes through one function of this module, which the
    DuckDB engine also applies (to each distinct value) so that both engines see the same records."""
    first, initials = given_parts(record.given)
    core = core_surname(record.prefix, record.surname)
    return Normalised(
        id=str(record.id),
        given=first,
        initials=initials,
        surname=core,
        surname_key=phonetic_key(core) if core else "",
        birth_date=normalise_date(record.birth_date),
        postcode=normalise_pc(record.postcode),
        house_number=normalise_number(record.house_number),
        street=street_key(record.street),
        city=fold(record.city),
    )


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """A candidate pair at or above the threshold; ``levels`` are the comparison levels per feature."""

    id_a: str
    id_b: str
    score: float
    levels: tuple[int, ...]
    weights: Mapping[str, Mapping[int, float]] = field(repr=False, compare=False)
    prior_weight: float = field(default=0.0, repr=False, compare=False)
    # Term-frequency adjustments in bits (feature -> bits), added to the weights of those features.
    adjustments: Mapping[str, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def explanation(self) -> dict[str, float]:
        """Contribution in bits of the prior and of every feature; the values sum to ``score``."""
        out = {"prior": round(self.prior_weight, 4)}
        for feature, level in zip(self.weights, self.levels, strict=True):
            out[feature] = round(round(self.weights[feature][level], 4) + self.adjustments.get(feature, 0.0), 4)
        return out
