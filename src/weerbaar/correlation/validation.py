# SPDX-License-Identifier: EUPL-1.2
"""Validation of subject values typed by people (forms and API): the normalisers, with a reason on failure.

The rules themselves live once, in :mod:`linkage.normalise` (total functions that return
``None`` for what they cannot use); here a ``None`` becomes a ``ValidationError`` with a code that the
forms and the API turn into a Dutch sentence. What is stored is the display form (postcode "1234 AB",
plate "AB123C", IBAN and phone compact, house number "12A"), from which the comparison form is derived.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from linkage import normalise

Validator = Callable[[str], str]


def _validator[T](
    normaliser: Callable[[str], T | None],
    message: StrOrPromise,
    code: str,
    shown: Callable[[T], str] = str,
) -> Validator:
    def validate(value: str) -> str:
        result = normaliser(value)
        if result is None:
            raise ValidationError(message, code=code)
        return shown(result)

    return validate


def _postcode(compact: str) -> str:
    return f"{compact[:4]} {compact[4:]}"


def _house_number(parsed: tuple[int, str]) -> str:
    return f"{parsed[0]}{parsed[1]}"


validate_postcode = _validator(
    normalise.normalise_postcode, _("Enter a Dutch postcode such as 1234 AB."), "postcode", _postcode
)
validate_kvk = _validator(normalise.normalise_kvk, _("A KvK number has exactly 8 digits."), "kvk")
validate_plate = _validator(normalise.normalise_plate, _("Enter a Dutch licence plate such as AB-123-C."), "plate")
validate_phone = _validator(
    normalise.normalise_phone, _("Enter a phone number such as 06 12345678 or +31 6 12345678."), "phone"
)
validate_house_number = _validator(
    normalise.normalise_house_number, _("Enter a house number such as 12 or 12A."), "house_number", _house_number
)
validate_bag_id = _validator(normalise.normalise_bag_id, _("A BAG identifier has 16 digits."), "bag_id")
validate_email = _validator(normalise.normalise_email, _("Enter a valid e-mail address."), "email")
_iban_shape = _validator(normalise.normalise_iban, _("Enter an IBAN such as NL91 ABNA 0417 1643 00."), "iban")


def validate_iban(value: str) -> str:
    """Like the others, but a well-shaped IBAN with a wrong check digit gets its own reason."""
    try:
        return _iban_shape(value)
    except ValidationError:
        compact = "".join(value.split()).upper()
        if len(compact) >= 15 and compact[:2].isalpha() and compact[2:4].isdigit():
            raise ValidationError(_("This IBAN is not valid: check the digits."), code="iban_checksum") from None
        raise
