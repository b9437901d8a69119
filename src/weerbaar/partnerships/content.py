# SPDX-License-Identifier: EUPL-1.2
"""The content check of area A's free texts: an area alert, and the free texts of a directory entry.

Area A is non-personal (docs/partnerships.md): an alert says what happened roughly where, never who. The
check refuses what points at a person and can be recognised in text — a Dutch licence plate, an e-mail
address, a phone number, an IBAN, an address (postcode and house number) — with a message that says what
to write instead. Service numbers (0800, 0900, 0906, 0909) and short numbers such as 112 are no person's
and stay allowed. The finder is the same one correlation uses (:mod:`linkage.extract`).

What cannot be recognised (a name in passing) is the sender's responsibility; the compose page says so.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from linkage.extract import (
    KIND_ADDRESS,
    KIND_EMAIL,
    KIND_IBAN,
    KIND_PHONE,
    KIND_PLATE,
    extract_identifiers,
)

#: National numbers of services (free or paid information lines): never a person's number.
_SERVICE_PREFIXES = ("+31800", "+31900", "+31906", "+31909")


def _messages() -> dict[str, str]:
    return {
        KIND_PLATE: _(
            "Remove the licence plate (%(found)s): describe the vehicle by its colour and make, and give the "
            "plate to the police (112 when it is urgent, else 0900-8844)."
        ),
        KIND_EMAIL: _(
            "Remove the e-mail address (%(found)s): an area alert names no person. Partners find each other "
            "in the directory."
        ),
        KIND_PHONE: _(
            "Remove the phone number (%(found)s): an area alert names no person. Service numbers such as 112 "
            "or 0900-8844 may stay."
        ),
        KIND_IBAN: _("Remove the bank account number (%(found)s): an area alert names no person."),
        KIND_ADDRESS: _(
            "Replace the address (%(found)s) by an approximate location, such as a road or an area: an address "
            "points at the people who live there."
        ),
    }


def personal_identifiers_in(text: str) -> list[tuple[str, str]]:
    """``(kind, as written)`` of every identifier in ``text`` that points at a person."""
    found = []
    for item in extract_identifiers(text):
        if item.kind not in _messages():
            continue  # KvK numbers belong to companies
        if item.kind == KIND_PHONE and item.value.startswith(_SERVICE_PREFIXES):
            continue
        found.append((item.kind, item.raw))
    return found


def content_check(**texts: str) -> None:
    """Raise a ``ValidationError`` on each named field whose text points at a person (nothing is changed)."""
    messages = _messages()
    errors: dict[str, list[str]] = {}
    for field, text in texts.items():
        for kind, raw in personal_identifiers_in(text or ""):
            errors.setdefault(field, []).append(messages[kind] % {"found": raw})
    if errors:
        raise ValidationError(errors)
