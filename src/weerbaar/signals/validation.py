# SPDX-License-Identifier: EUPL-1.2
"""Validation and normalisation of Dutch identifiers in signals: postcode, KvK, plate, IBAN, phone."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")
# Sidecodes of Dutch licence plates (RDW), letters and digits in groups of 1-3.
_PLATE_PATTERNS = [
    re.compile(p)
    for p in (
        r"^[A-Z]{2}\d{2}\d{2}$",
        r"^\d{2}\d{2}[A-Z]{2}$",
        r"^\d{2}[A-Z]{2}\d{2}$",
        r"^[A-Z]{2}\d{2}[A-Z]{2}$",
        r"^[A-Z]{2}[A-Z]{2}\d{2}$",
        r"^\d{2}[A-Z]{2}[A-Z]{2}$",
        r"^\d{2}[A-Z]{3}\d$",
        r"^\d[A-Z]{3}\d{2}$",
        r"^[A-Z]{2}\d{3}[A-Z]$",
        r"^[A-Z]\d{3}[A-Z]{2}$",
        r"^[A-Z]{3}\d{2}[A-Z]$",
        r"^[A-Z]\d{2}[A-Z]{3}$",
        r"^\d[A-Z]{2}\d{3}$",
        r"^\d{3}[A-Z]{2}\d$",
    )
]
_IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "LU": 20, "ES": 24, "IT": 27, "GB": 22, "PL": 28}


def normalise_postcode(value: str) -> str:
    match = _POSTCODE.match(value.strip())
    if not match:
        raise ValidationError(_("Enter a Dutch postcode such as 1234 AB."), code="postcode")
    return f"{match.group(1)} {match.group(2).upper()}"


def normalise_kvk(value: str) -> str:
    digits = value.strip().replace(" ", "")
    if not re.fullmatch(r"\d{8}", digits):
        raise ValidationError(_("A KvK number has exactly 8 digits."), code="kvk")
    return digits


def normalise_plate(value: str) -> str:
    plate = re.sub(r"[\s-]", "", value).upper()
    if not any(p.match(plate) for p in _PLATE_PATTERNS):
        raise ValidationError(_("Enter a Dutch licence plate such as AB-123-C."), code="plate")
    return plate


def iban_checksum_ok(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def normalise_iban(value: str) -> str:
    iban = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        raise ValidationError(_("Enter an IBAN such as NL91 ABNA 0417 1643 00."), code="iban")
    expected = _IBAN_LENGTHS.get(iban[:2])
    if (expected is not None and len(iban) != expected) or not iban_checksum_ok(iban):
        raise ValidationError(_("This IBAN is not valid: check the digits."), code="iban_checksum")
    return iban


def normalise_phone(value: str) -> str:
    digits = re.sub(r"[\s()-]", "", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("0") and re.fullmatch(r"0\d{9}", digits):
        digits = "+31" + digits[1:]
    if not re.fullmatch(r"\+\d{8,15}", digits):
        raise ValidationError(_("Enter a phone number such as 06 12345678 or +31 6 12345678."), code="phone")
    return digits


def normalise_house_number(value: str) -> str:
    number = value.strip()
    if not re.fullmatch(r"\d{1,5}\s?[A-Za-z0-9-]{0,4}", number):
        raise ValidationError(_("Enter a house number such as 12 or 12A."), code="house_number")
    return number
