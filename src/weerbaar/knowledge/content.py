# SPDX-License-Identifier: EUPL-1.2
"""The content check of a practice case: it is anonymised, so it may not point at a person or an address.

Which identifiers point at a person (licence plates, e-mail addresses, phone numbers but not service
numbers, IBANs, postcode-plus-number addresses) is decided once, by area A's content check on top of
:mod:`linkage.extract`; this module only words the refusal for a practice case. A name in passing cannot be
recognised; the form says so.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from linkage.extract import KIND_ADDRESS, KIND_EMAIL, KIND_IBAN, KIND_PHONE, KIND_PLATE
from weerbaar.partnerships.content import personal_identifiers_in


def _messages() -> dict[str, str]:
    return {
        KIND_PLATE: _("Remove the licence plate (%(found)s): a practice case is anonymised."),
        KIND_EMAIL: _("Remove the e-mail address (%(found)s): a practice case is anonymised."),
        KIND_PHONE: _("Remove the phone number (%(found)s): a practice case is anonymised."),
        KIND_IBAN: _("Remove the bank account number (%(found)s): a practice case is anonymised."),
        KIND_ADDRESS: _(
            "Replace the address (%(found)s) by a description such as “a farm in the rural area”: a practice "
            "case is anonymised."
        ),
    }


def anonymity_check(**texts: str) -> None:
    """Raise a ``ValidationError`` on each named field whose text points at a person or an address."""
    messages = _messages()
    errors: dict[str, list[str]] = {}
    for field, text in texts.items():
        for kind, raw in personal_identifiers_in(text or ""):
            errors.setdefault(field, []).append(messages[kind] % {"found": raw})
    if errors:
        raise ValidationError(errors)
