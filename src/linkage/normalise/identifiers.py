# SPDX-License-Identifier: EUPL-1.2
"""Identifiers with a fixed shape: Dutch licence plates, IBANs, KvK numbers, phone numbers, e-mail addresses."""

from __future__ import annotations

import re

__all__ = [
    "IBAN_LENGTHS",
    "PLATE_PATTERNS",
    "iban_checksum_ok",
    "normalise_email",
    "normalise_iban",
    "normalise_kvk",
    "normalise_phone",
    "normalise_plate",
]

# Side-codes of Dutch licence plates (RDW), the same table as the signal forms use.
PLATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"[A-Z]{2}\d{2}\d{2}",
        r"\d{2}\d{2}[A-Z]{2}",
        r"\d{2}[A-Z]{2}\d{2}",
        r"[A-Z]{2}\d{2}[A-Z]{2}",
        r"[A-Z]{2}[A-Z]{2}\d{2}",
        r"\d{2}[A-Z]{2}[A-Z]{2}",
        r"\d{2}[A-Z]{3}\d",
        r"\d[A-Z]{3}\d{2}",
        r"[A-Z]{2}\d{3}[A-Z]",
        r"[A-Z]\d{3}[A-Z]{2}",
        r"[A-Z]{3}\d{2}[A-Z]",
        r"[A-Z]\d{2}[A-Z]{3}",
        r"\d[A-Z]{2}\d{3}",
        r"\d{3}[A-Z]{2}\d",
    )
)


def normalise_plate(text: str | None) -> str | None:
    """Compact plate, "ab-123-c" -> "AB123C"; None unless it fits a Dutch side-code."""
    if not text:
        return None
    plate = re.sub(r"[\s.-]", "", text).upper()
    if len(plate) != 6 or not any(p.fullmatch(plate) for p in PLATE_PATTERNS):
        return None
    return plate


IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "LU": 20, "ES": 24, "IT": 27, "GB": 22, "PL": 28}
_IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}")
_NL_IBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")


def iban_checksum_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check on a compact, upper-case IBAN."""
    rearranged = iban[4:] + iban[:4]
    try:
        digits = "".join(str(int(ch, 36)) for ch in rearranged)
    except ValueError:
        return False
    return int(digits) % 97 == 1


def normalise_iban(text: str | None) -> str | None:
    """Compact IBAN, "nl91 abna 0417 1643 00" -> "NL91ABNA0417164300"; None for a wrong shape, length or checksum."""
    if not text:
        return None
    iban = re.sub(r"[\s.-]", "", text).upper()
    if iban.startswith("IBAN"):
        iban = iban[4:].lstrip(":")
    if not _IBAN_SHAPE.fullmatch(iban):
        return None
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return None
    if iban.startswith("NL") and not _NL_IBAN.fullmatch(iban):
        return None
    return iban if iban_checksum_ok(iban) else None


def normalise_kvk(text: str | int | None) -> str | None:
    """Eight digits, leading zeros kept; spaces and dots ("1234 5678", "12.34.56.78") are ignored."""
    if text is None:
        return None
    digits = f"{text:08d}" if isinstance(text, int) else re.sub(r"[\s.]", "", text)
    if not re.fullmatch(r"\d{8}", digits) or digits == "00000000":
        return None
    return digits


_NL_SERVICE = re.compile(r"(?:800|900|906|909)(?:\d{4}|\d{7})")


def normalise_phone(text: str | None) -> str | None:
    """E.164: "06-12345678", "010 123 4567", "+31 (0)6 1234 5678" and "0031 6 12345678" -> "+31612345678".

    Other countries are accepted in international form (+ and 8 to 15 digits). Numbers without an area code
    are None.
    """
    if not text:
        return None
    compact = re.sub(r"[\s().-]", "", text.strip().replace("(0)", ""))
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if re.fullmatch(r"0\d{9}", compact) or re.fullmatch(r"0(?:800|900|906|909)\d{4}(?:\d{3})?", compact):
        compact = "+31" + compact[1:]
    if not re.fullmatch(r"\+[1-9]\d{7,14}", compact):
        return None
    if compact.startswith("+31"):
        national = compact[3:]
        if national.startswith("0"):
            national = national[1:]  # "+31 06..." is a common mistake
        if not (re.fullmatch(r"[1-9]\d{8}", national) or _NL_SERVICE.fullmatch(national)):
            return None
        compact = "+31" + national
    return compact


_EMAIL = re.compile(
    r"(?P<local>[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})"
)


def normalise_email(text: str | None) -> str | None:
    """Trimmed, lower-case address; None unless it looks like local@domain.tld. Gmail dots are kept."""
    if not text:
        return None
    email = text.strip().strip("<>").strip().lower()
    if email.startswith("mailto:"):
        email = email[len("mailto:") :]
    if len(email) > 254 or not _EMAIL.fullmatch(email):
        return None
    return email
