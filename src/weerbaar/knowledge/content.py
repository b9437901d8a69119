# SPDX-License-Identifier: EUPL-1.2
"""The content check of the knowledge base: practice cases are anonymised and barrier models name kinds of
business and professions, so neither may point at a person or an address.

Which identifiers point at a person (licence plates, e-mail addresses, phone numbers but not service
numbers, IBANs, postcode-plus-number addresses) is decided once, by area A's content check on top of
:mod:`linkage.extract`; this module only words the refusal for the knowledge base. A name in passing cannot be
recognised; the form says so.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from linkage.extract import KIND_ADDRESS, KIND_EMAIL, KIND_IBAN, KIND_PHONE, KIND_PLATE
from weerbaar.partnerships.content import personal_identifiers_in


def _messages() -> dict[str, str]:
    return {
        KIND_PLATE: _("Remove the licence plate (%(found)s): the knowledge base names no person."),
        KIND_EMAIL: _("Remove the e-mail address (%(found)s): the knowledge base names no person."),
        KIND_PHONE: _("Remove the phone number (%(found)s): the knowledge base names no person."),
        KIND_IBAN: _("Remove the bank account number (%(found)s): the knowledge base names no person."),
        KIND_ADDRESS: _(
            "Replace the address (%(found)s) by a description such as “a farm in the rural area”: the "
            "knowledge base names no address."
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
