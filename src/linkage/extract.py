# SPDX-License-Identifier: EUPL-1.2
"""Find Dutch identifiers in free text: licence plates, e-mail addresses, phone numbers, IBANs, KvK numbers
and addresses (postcode and house number).

Two uses, one finder: correlation suggests what it finds as subjects the user confirms (the result carries
each identifier's position, so the UI can highlight it, and the normalised value from
``linkage.normalise`` that matching uses); area partnerships refuse alert texts that name a person's
identifiers. Nothing is stored here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from linkage.normalise import (
    PLATE_PATTERNS,
    normalise_email,
    normalise_house_number,
    normalise_iban,
    normalise_kvk,
    normalise_phone,
    normalise_plate,
    normalise_postcode,
)

__all__ = [
    "KIND_ADDRESS",
    "KIND_EMAIL",
    "KIND_IBAN",
    "KIND_KVK",
    "KIND_PHONE",
    "KIND_PLATE",
    "Extracted",
    "extract_identifiers",
]

KIND_PLATE = "kenteken"
KIND_ADDRESS = "postcode_huisnummer"
KIND_IBAN = "iban"
KIND_KVK = "kvk"
KIND_PHONE = "telefoon"
KIND_EMAIL = "email"

# When two suggestions overlap and are equally long, the earlier kind in this list wins.
_SPECIFICITY = (KIND_EMAIL, KIND_IBAN, KIND_ADDRESS, KIND_KVK, KIND_PHONE, KIND_PLATE)


class Extracted(NamedTuple):
    """One identifier found in text; ``text[start:end] == raw``, ``value`` is its normalised form.

    For ``postcode_huisnummer`` the value is "5041AB 12" or, with an addition, "5041AB 12-A".
    """

    kind: str
    value: str
    start: int
    end: int
    raw: str


_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,63}"
)
# Groups of four as printed, or compact; validated by checksum afterwards.
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")
_POSTCODE_RE = re.compile(
    r"(?<![\w-])(?P<postcode>[1-9]\d{3} ?[A-Za-z]{2})(?![\w-])"
    r"[ \t]*,?[ \t]*(?:(?:nr|no|huisnummer)\.?[ \t]*)?"
    # Additions: glued letters ("12a"), after a dash ("12-2", "12-bis"), or a lone capital or "bis"/"hs".
    r"(?P<number>\d{1,5}(?:[A-Za-z]{1,3}|-[A-Za-z0-9]{1,4}| (?:bis|hs|[A-Z]))?)(?![\w-])",
)
_KVK_RE = re.compile(r"(?<![\w.,-])\d{8}(?![\w-])")
_KVK_CUE = re.compile(r"k\.?v\.?k\.?|kamer van koophandel|handelsregister", re.IGNORECASE)
_KVK_CUE_DISTANCE = 15
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)31[ -]?(?:\(0\)[ -]?)?[1-9](?:[ -]?\d){8}"  # +31 6 12345678, 0031 (0)10 1234567
    r"|\(?0[1-9]\d{0,2}\)?[ -]?\d(?:[ -]?\d){5,7}"  # 06-12345678, (010) 123 45 67
    r"|(?:\+|00)(?!31)[1-9]\d{0,2}(?:[ -]?\d){7,12}"  # other countries
    r")(?![\w-])"
)
_PLATE_RE = re.compile(
    r"(?<![\w-])(?:[A-Za-z0-9]{1,3}-[A-Za-z0-9]{1,3}-[A-Za-z0-9]{1,3}|[A-Z0-9]{6})(?![\w-])",
)


def _emails(text: str) -> Iterator[Extracted]:
    for match in _EMAIL_RE.finditer(text):
        raw = match.group().rstrip(".")
        if value := normalise_email(raw):
            yield Extracted(KIND_EMAIL, value, match.start(), match.start() + len(raw), raw)


def _iban_shapes(text: str) -> Iterator[re.Match[str]]:
    return _IBAN_RE.finditer(text.upper())


def _ibans(text: str) -> Iterator[Extracted]:
    for match in _iban_shapes(text):
        start, raw = match.start(), text[match.start() : match.end()]
        # The last group may have caught a following word ("... 43 00 op"); drop groups until it validates.
        while raw:
            if value := normalise_iban(raw):
                yield Extracted(KIND_IBAN, value, start, start + len(raw), raw)
                break
            raw = raw.rpartition(" ")[0]


def _addresses(text: str) -> Iterator[Extracted]:
    for match in _POSTCODE_RE.finditer(text):
        postcode = normalise_postcode(match["postcode"])
        number = normalise_house_number(match["number"])
        if postcode and number:
            value = f"{postcode} {number[0]}" + (f"-{number[1]}" if number[1] else "")
            yield Extracted(KIND_ADDRESS, value, match.start(), match.end(), match.group())


def _kvks(text: str) -> Iterator[Extracted]:
    for match in _KVK_RE.finditer(text):
        window_start = max(0, match.start() - _KVK_CUE_DISTANCE - 25)
        window = text[window_start : match.start()]
        cued = any(len(window) - cue.end() <= _KVK_CUE_DISTANCE for cue in _KVK_CUE.finditer(window))
        if cued and (value := normalise_kvk(match.group())):
            yield Extracted(KIND_KVK, value, match.start(), match.end(), match.group())


def _phones(text: str) -> Iterator[Extracted]:
    for match in _PHONE_RE.finditer(text):
        if value := normalise_phone(match.group()):
            yield Extracted(KIND_PHONE, value, match.start(), match.end(), match.group())


def _plate_groups_ok(raw: str) -> bool:
    """Dashes on a plate separate groups of only letters or only digits ("AB-123-C", not "A1-23-BC")."""
    return all(group.isalpha() or group.isdigit() for group in raw.split("-"))


def _plates(text: str) -> Iterator[Extracted]:
    for match in _PLATE_RE.finditer(text):
        raw = match.group()
        if "-" not in raw and normalise_postcode(raw):
            continue  # "2024AB" written compactly is far more likely a postcode than a 1960s plate
        value = normalise_plate(raw)
        if not value or ("-" in raw and not _plate_groups_ok(raw)):
            continue
        if not (any(ch.isdigit() for ch in value) and any(ch.isalpha() for ch in value)):
            continue
        if any(p.fullmatch(value) for p in PLATE_PATTERNS):
            yield Extracted(KIND_PLATE, value, match.start(), match.end(), raw)


_FINDERS: tuple[Callable[[str], Iterator[Extracted]], ...] = (_emails, _ibans, _addresses, _kvks, _phones, _plates)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def extract_identifiers(text: str) -> list[Extracted]:
    """All identifiers in ``text``, in reading order, without overlaps (longest, then most specific, wins).

    Digits inside anything shaped like an IBAN never become a phone, KvK number or plate, even when the IBAN
    itself fails its checksum: a mistyped account number is not a phone number.
    """
    if not text:
        return []
    candidates = [found for finder in _FINDERS for found in finder(text)]
    iban_spans = [m.span() for m in _iban_shapes(text)]
    candidates = [
        c
        for c in candidates
        if c.kind in (KIND_IBAN, KIND_EMAIL) or not any(_overlaps((c.start, c.end), span) for span in iban_spans)
    ]
    candidates.sort(key=lambda c: (-(c.end - c.start), _SPECIFICITY.index(c.kind), c.start))
    chosen: list[Extracted] = []
    for candidate in candidates:
        if not any(_overlaps((candidate.start, candidate.end), (c.start, c.end)) for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)
