# SPDX-License-Identifier: EUPL-1.2
"""Input and output types of the linkage engine, and the normalised form the model compares.

Everything here is plain data: no Django, no database. A `PersonRecord` is what a caller has; a
`Normalised` record is what blocking and scoring see (lower-case ASCII, Dutch surname prefixes split
off, dates as ISO strings, postcodes as ``1234AB``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from weerbaar.correlation.normalise import (
    normalise_birth_date,
    normalise_house_number,
    normalise_postcode,
    normalise_street,
)

__all__ = [
    "DEFAULT",
    "FEATURES",
    "Judgement",
    "LinkConfig",
    "Normalised",
    "PersonRecord",
    "Verdict",
    "normalise_record",
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
    same way (the frequency cut-off). Blocks larger than ``max_block_size`` are skipped, which bounds the
    number of candidate pairs. ``model`` fixes the m/u probabilities (see `scoring.Model`); when it is
    ``None`` they are estimated from the data by EM when there are at least ``min_pairs_for_em`` candidate
    pairs, and the documented defaults are used otherwise. ``engine`` is ``"auto"`` (DuckDB when it is
    installed and there are more than ``duckdb_from`` records), ``"python"`` or ``"duckdb"``.
    """

    threshold: float = 0.0
    excluded_addresses: frozenset[tuple[str, str]] = frozenset()
    max_address_frequency: int = 12
    max_birth_date_frequency: int = 2000
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


# Dutch surname prefixes (tussenvoegsels), longest first so that "van der" wins over "van".
_PREFIXES = (
    "van de la",
    "van der",
    "van den",
    "van de",
    "van het",
    "van 't",
    "v d r",
    "v der",
    "v den",
    "v de",
    "v d",
    "in het",
    "in 't",
    "op de",
    "op den",
    "op ten",
    "uit de",
    "uit den",
    "aan de",
    "aan den",
    "bij de",
    "van",
    "de",
    "der",
    "den",
    "het",
    "ten",
    "ter",
    "te",
    "la",
    "le",
    "du",
    "da",
    "in",
    "op",
    "uit",
    "'t",
    "v",
    "vd",
    "vdr",
    "vden",
)
_GLUED = ("vander", "vanden", "vande", "van", "de", "ter", "ten")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 18)
def fold(value: str | None) -> str:
    """Lower-case ASCII without diacritics or punctuation, single spaces."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value.replace("ĳ", "ij").replace("Ĳ", "IJ"))
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    ascii_only = ascii_only.replace("-", " ").replace(".", " ")
    return _SPACES.sub(" ", _NON_ALNUM.sub("", ascii_only)).strip()


@lru_cache(maxsize=1 << 18)
def split_surname(prefix: str | None, surname: str | None) -> str:
    """The core surname: prefixes ("van der", "vd", glued "Vandermeer") removed, no spaces."""
    name = fold(surname)
    if not name:
        return ""
    changed = True
    while changed:
        changed = False
        for candidate in _PREFIXES:
            if name.startswith(candidate + " ") and len(name) > len(candidate) + 1:
                name = name[len(candidate) + 1 :]
                changed = True
                break
    name = name.replace(" ", "")
    for glued in _GLUED:
        # A glued prefix ("vandermeer") is only split when what remains is a plausible surname.
        if name.startswith(glued) and len(name) - len(glued) >= 4 and not fold(prefix):
            name = name[len(glued) :]
            break
    return name


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


# Dates, postcodes, house numbers and streets use the app's shared normalisers; surnames use
# `split_surname` above, which also splits "V.d." and glued prefixes ("Vandermeer").


@lru_cache(maxsize=1 << 18)
def normalise_date(value: str | date | None) -> str:
    parsed = normalise_birth_date(value) if value else None
    return parsed.isoformat() if parsed else ""


@lru_cache(maxsize=1 << 18)
def normalise_pc(value: str | None) -> str:
    return normalise_postcode(value) or ""


@lru_cache(maxsize=1 << 18)
def normalise_number(value: str | None) -> str:
    parsed = normalise_house_number(value) if value else None
    return f"{parsed[0]}{parsed[1]}" if parsed else ""


@lru_cache(maxsize=1 << 18)
def _street(value: str) -> str:
    return normalise_street(value).replace(" ", "")


@lru_cache(maxsize=1 << 18)
def _given(value: str | None) -> tuple[str, str]:
    tokens = fold(value).split()
    return (tokens[0] if tokens else "", "".join(token[0] for token in tokens))


def normalise_record(record: PersonRecord) -> Normalised:
    """The comparable form of a record. The helpers are cached: names, dates and postcodes repeat a lot."""
    first, initials = _given(record.given)
    core = split_surname(record.prefix, record.surname)
    return Normalised(
        id=str(record.id),
        given=first,
        initials=initials,
        surname=core,
        surname_key=phonetic_key(core) if core else "",
        birth_date=normalise_date(record.birth_date),
        postcode=normalise_pc(record.postcode),
        house_number=normalise_number(record.house_number),
        street=_street(record.street) if record.street else "",
        city=fold(record.city),
    )


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """A candidate pair at or above the threshold; ``levels`` are the comparison levels per feature."""

    id_a: str
    id_b: str
    score: float
    levels: tuple[int, int, int, int]
    weights: Mapping[str, Mapping[int, float]] = field(repr=False, compare=False)
    prior_weight: float = field(default=0.0, repr=False, compare=False)

    @property
    def explanation(self) -> dict[str, float]:
        """Contribution in bits of the prior and of every feature; the values sum to ``score``."""
        out = {"prior": round(self.prior_weight, 4)}
        for feature, level in zip(FEATURES, self.levels, strict=True):
            out[feature] = round(self.weights[feature][level], 4)
        return out
