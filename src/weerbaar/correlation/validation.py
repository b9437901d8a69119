# SPDX-License-Identifier: EUPL-1.2
"""Validation of subject values typed by people (forms and API): the normalisers, with a reason on failure.

The rules themselves live once, in :mod:`weerbaar.correlation.normalise` (total functions that return
``None`` for what they cannot use); here a ``None`` becomes a ``ValidationError`` with a code that the
forms and the API turn into a Dutch sentence. What is stored is the display form (postcode "1234 AB",
plate "AB123C", IBAN and phone compact), from which the comparison form is derived again.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.correlation import normalise


def _fail(message: StrOrPromise, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def validate_postcode(value: str) -> str:
    compact = normalise.normalise_postcode(value)
    if compact is None:
        raise _fail(_("Enter a Dutch postcode such as 1234 AB."), "postcode")
    return f"{compact[:4]} {compact[4:]}"


def validate_kvk(value: str) -> str:
    kvk = normalise.normalise_kvk(value)
    if kvk is None:
        raise _fail(_("A KvK number has exactly 8 digits."), "kvk")
    return kvk


def validate_plate(value: str) -> str:
    plate = normalise.normalise_plate(value)
    if plate is None:
        raise _fail(_("Enter a Dutch licence plate such as AB-123-C."), "plate")
    return plate


def validate_iban(value: str) -> str:
    iban = normalise.normalise_iban(value)
    if iban is None:
        compact = "".join(value.split()).upper()
        if len(compact) >= 15 and compact[:2].isalpha() and compact[2:4].isdigit():
            raise _fail(_("This IBAN is not valid: check the digits."), "iban_checksum")
        raise _fail(_("Enter an IBAN such as NL91 ABNA 0417 1643 00."), "iban")
    return iban


def validate_phone(value: str) -> str:
    phone = normalise.normalise_phone(value)
    if phone is None:
        raise _fail(_("Enter a phone number such as 06 12345678 or +31 6 12345678."), "phone")
    return phone


def validate_house_number(value: str) -> str:
    parsed = normalise.normalise_house_number(value)
    if parsed is None:
        raise _fail(_("Enter a house number such as 12 or 12A."), "house_number")
    return f"{parsed[0]}{parsed[1]}"


def validate_bag_id(value: str) -> str:
    bag = normalise.normalise_bag_id(value)
    if bag is None:
        raise _fail(_("A BAG identifier has 16 digits."), "bag_id")
    return bag


def validate_email(value: str) -> str:
    email = normalise.normalise_email(value)
    if email is None:
        raise _fail(_("Enter a valid e-mail address."), "email")
    return email
