# SPDX-License-Identifier: EUPL-1.2
"""Addresses: postcode, house number with addition, street name, and the BAG identifier of an address."""

from __future__ import annotations

import re

from .names import normalise_name

__all__ = ["normalise_bag_id", "normalise_house_number", "normalise_postcode", "normalise_street"]


_POSTCODE = re.compile(r"([1-9][0-9]{3})\s*-?\s*([A-Za-z]{2})")
_HOUSE_NUMBER = re.compile(
    r"(?:(?:nr|no|huisnummer)\.?\s*)?(\d{1,5})\s*(?:[-/]\s*)?([A-Za-z0-9]{1,4}(?:[\s-]+[A-Za-z0-9]{1,4})?)?",
    re.IGNORECASE,
)


def normalise_postcode(text: str | None) -> str | None:
    """Compact postcode, "1234 ab" -> "1234AB"; None unless it has the Dutch shape (first digit 1-9)."""
    if not text:
        return None
    match = _POSTCODE.fullmatch(text.strip())
    if not match:
        return None
    return f"{match[1]}{match[2].upper()}"


def normalise_house_number(text: str | int | None) -> tuple[int, str] | None:
    """(number, addition): "12a" -> (12, "A"), "12-2" -> (12, "2"), "12 bis" -> (12, "BIS"), "12" -> (12, "")."""
    if text is None:
        return None
    if isinstance(text, int):
        return (text, "") if 0 < text <= 99999 else None
    match = _HOUSE_NUMBER.fullmatch(text.strip())
    if not match:
        return None
    number = int(match[1])
    if not 0 < number <= 99999:
        return None
    addition = re.sub(r"[\s-]", "", match[2] or "").upper()
    return number, addition


# Abbreviations that end a street name ("Kerkstr.", "Stationsln"); these letter clusters end no Dutch word,
# so they are expanded with or without the dot.
_STREET_SUFFIXES = {"str": "straat", "ln": "laan", "pln": "plein", "wg": "weg", "kd": "kade", "sngl": "singel"}
# Only expanded when written with a dot, because without one they are ordinary words or names.
_STREET_DOTTED_SUFFIXES = {"gr": "gracht", "dk": "dijk", "pl": "plein", "st": "straat"}
_STREET_WORDS = {
    "burg": "burgemeester",
    "prof": "professor",
    "dr": "doctor",
    "mr": "meester",
    "st": "sint",
    "pr": "prins",
    "kon": "koning",
    "gen": "generaal",
    "ir": "ingenieur",
    "ds": "dominee",
    "v": "van",
}


def _expand_street_token(token: str, *, first: bool) -> str:
    dotted = token.endswith(".")
    word = token.rstrip(".")
    if word in _STREET_SUFFIXES:
        return _STREET_SUFFIXES[word]
    if dotted and first and word in _STREET_WORDS:
        return _STREET_WORDS[word]
    if dotted and not first and word in _STREET_DOTTED_SUFFIXES:
        return _STREET_DOTTED_SUFFIXES[word]
    if dotted and word in _STREET_WORDS and word not in _STREET_DOTTED_SUFFIXES:
        return _STREET_WORDS[word]
    for abbr, full in sorted(_STREET_SUFFIXES.items(), key=lambda item: -len(item[0])):
        if word.endswith(abbr) and len(word) > len(abbr) + 1:
            return word[: -len(abbr)] + full
    if dotted:
        for abbr, full in _STREET_DOTTED_SUFFIXES.items():
            if word.endswith(abbr) and len(word) > len(abbr) + 1:
                return word[: -len(abbr)] + full
    return word


def normalise_street(text: str | None) -> str:
    """Lower-case, diacritic-free street name with common abbreviations written out.

    "Burg. Jansenstr." -> "burgemeester jansenstraat", "Stationsln" -> "stationslaan".
    """
    if not text:
        return ""
    # Fold diacritics but keep the dots, which mark abbreviations.
    parts = text.split(".")
    tokens: list[str] = []
    for i, part in enumerate(parts):
        words = normalise_name(part).split()
        if words and i < len(parts) - 1:
            words[-1] += "."
        tokens.extend(words)
    words = [_expand_street_token(t, first=i == 0) for i, t in enumerate(tokens)]
    return normalise_name(" ".join(words))


# BAG object types that identify one address: verblijfsobject, ligplaats, standplaats, nummeraanduiding.
_BAG_ADDRESS_TYPES = frozenset({"01", "02", "03", "20"})
_BAG_URI = re.compile(r"nl\.imbag\.[a-z]+\.", re.IGNORECASE)


def normalise_bag_id(text: str | int | None) -> str | None:
    """The 16-digit identifier of a BAG nummeraanduiding or verblijfsobject (or ligplaats/standplaats).

    Spaces and dots are ignored ("0363 2000 0012 3456", "0363.200.000.123.456"), as is the
    "NL.IMBAG.Nummeraanduiding." prefix of the BAG's own URIs. The digits are municipality code (4), object
    type (2: 01 verblijfsobject, 02 ligplaats, 03 standplaats, 20 nummeraanduiding) and serial (10). None
    for anything else, including a pand or openbare ruimte id.
    """
    if text is None or isinstance(text, bool):
        return None
    raw = f"{text:016d}" if isinstance(text, int) else _BAG_URI.sub("", text.strip(), count=1)
    digits = re.sub(r"[\s.]", "", raw)
    if not re.fullmatch(r"[0-9]{16}", digits, flags=re.ASCII):
        return None
    if digits[:4] == "0000" or digits[4:6] not in _BAG_ADDRESS_TYPES or digits[6:] == "0" * 10:
        return None
    return digits
