# SPDX-License-Identifier: EUPL-1.2
"""Normalisers that turn Dutch identifiers into comparison keys for correlation.

Every function here is total: it returns ``None`` (or an empty string) for input it cannot use, because
matching must never fail on one odd record. ``weerbaar.correlation.validation`` turns these same rules
into form and API validation (a ``ValidationError`` with a reason), so what a form accepts and what
matching understands cannot drift apart.
This package deliberately imports nothing from Django so the batch CLI and a Spark worker can use it on
data that never came from Weerbaar.

- `names`: folding, Dutch name splitting (tussenvoegsels), the surname key, initials;
- `dates`: birth dates;
- `addresses`: postcode, house number, street, BAG identifier;
- `identifiers`: licence plate, IBAN, KvK number, phone number, e-mail address;
- `companies`: legal forms and trade names.
"""

from .addresses import normalise_bag_id, normalise_house_number, normalise_postcode, normalise_street
from .companies import normalise_company_name, normalise_legal_form
from .dates import normalise_birth_date
from .identifiers import (
    IBAN_LENGTHS,
    PLATE_PATTERNS,
    iban_checksum_ok,
    normalise_email,
    normalise_iban,
    normalise_kvk,
    normalise_phone,
    normalise_plate,
)
from .names import DutchName, given_initials, normalise_name, split_dutch_name, surname_key

__all__ = [
    "IBAN_LENGTHS",
    "PLATE_PATTERNS",
    "DutchName",
    "given_initials",
    "iban_checksum_ok",
    "normalise_bag_id",
    "normalise_birth_date",
    "normalise_company_name",
    "normalise_email",
    "normalise_house_number",
    "normalise_iban",
    "normalise_kvk",
    "normalise_legal_form",
    "normalise_name",
    "normalise_phone",
    "normalise_plate",
    "normalise_postcode",
    "normalise_street",
    "split_dutch_name",
    "surname_key",
]
