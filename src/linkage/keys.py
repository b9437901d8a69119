# SPDX-License-Identifier: EUPL-1.2
"""The comparison form of a subject and its candidate keys. No Django: plain values in, plain values out.

``comparison_form(kind, values)`` gives the normalised columns stored on a subject (``n_*``) and
``candidate_keys(kind, form)`` the keys under which it is filed: two subjects are compared only when
they share a key. Persons use the linkage engine's normalisation and blocking keys, so an online link,
a batch run and a screening query agree on what is compared. Keys are stored as 64-bit hashes
(:func:`key_hash`); the readable key never reaches the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from linkage.engine.blocking import block_keys
from linkage.engine.records import Normalised, PersonRecord, normalise_record, phonetic_key
from linkage.normalise import (
    normalise_bag_id,
    normalise_company_name,
    normalise_email,
    normalise_house_number,
    normalise_iban,
    normalise_kvk,
    normalise_phone,
    normalise_plate,
    normalise_postcode,
    normalise_street,
)

PERSON = "persoon"
COMPANY = "bedrijf"
ADDRESS = "adres"
VEHICLE = "voertuig"
PHONE = "telefoon"
EMAIL = "email"
IBAN = "iban"
IDENTIFIER_KINDS = (VEHICLE, PHONE, EMAIL, IBAN)

FORM_FIELDS = (
    "n_given",
    "n_initials",
    "n_surname",
    "n_surname_key",
    "n_birth_date",
    "n_postcode",
    "n_house_number",
    "n_street",
    "n_city",
    "n_value",
)


@dataclass(frozen=True, slots=True)
class Form:
    """The normalised columns of a subject (empty string: missing). For companies ``n_surname`` holds the
    trade-name key, ``n_surname_key`` its sound key, ``n_given`` the legal form and ``n_value`` the KvK
    number; for addresses ``n_value`` holds the BAG id; for other kinds ``n_value`` is the identifier."""

    n_given: str = ""
    n_initials: str = ""
    n_surname: str = ""
    n_surname_key: str = ""
    n_birth_date: str = ""
    n_postcode: str = ""
    n_house_number: str = ""
    n_street: str = ""
    n_city: str = ""
    n_value: str = ""

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FORM_FIELDS}

    def person(self, subject_id: int | str = "") -> Normalised:
        """The engine's view of a person subject."""
        return Normalised(
            id=str(subject_id),
            given=self.n_given,
            initials=self.n_initials,
            surname=self.n_surname,
            surname_key=self.n_surname_key,
            birth_date=self.n_birth_date,
            postcode=self.n_postcode,
            house_number=self.n_house_number,
            street=self.n_street,
            city=self.n_city,
        )

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Form:
        return cls(**{name: row.get(name) or "" for name in FORM_FIELDS})


def _text(values: Mapping[str, Any], name: str) -> str:
    value = values.get(name)
    return str(value).strip() if value not in (None, "") else ""


def _number(values: Mapping[str, Any]) -> str:
    """House number and addition as the engine compares them: ("12", "a") -> "12A", ("12-2", "") -> "122"."""
    number = _text(values, "house_number")
    addition = _text(values, "house_number_addition")
    parsed = normalise_house_number(f"{number} {addition}".strip()) if number else None
    return f"{parsed[0]}{parsed[1]}" if parsed else ""


def comparison_form(kind: str, values: Mapping[str, Any]) -> Form:
    """The normalised columns for a subject of ``kind`` with ``values`` (model field names)."""
    if kind == PERSON:
        birth = values.get("birth_date")
        n = normalise_record(
            PersonRecord(
                id="",
                given=_text(values, "given_names") or None,
                prefix=_text(values, "surname_prefix") or None,
                surname=_text(values, "surname") or None,
                birth_date=birth if isinstance(birth, date) else (_text(values, "birth_date") or None),
                street=_text(values, "street") or None,
                house_number=_number(values) or None,
                postcode=_text(values, "postcode") or None,
                city=_text(values, "city") or None,
            )
        )
        return Form(
            n_given=n.given,
            n_initials=n.initials,
            n_surname=n.surname,
            n_surname_key=n.surname_key,
            n_birth_date=n.birth_date,
            n_postcode=n.postcode,
            n_house_number=n.house_number,
            n_street=n.street,
            n_city=n.city,
        )
    if kind == COMPANY:
        name = normalise_company_name(_text(values, "company_name"))
        return Form(
            n_surname=name,
            n_surname_key=phonetic_key(name.replace(" ", "")) if name else "",
            n_value=normalise_kvk(_text(values, "kvk_number")) or "",
            n_given=_text(values, "legal_form"),
            n_postcode=normalise_postcode(_text(values, "postcode")) or "",
            n_house_number=_number(values),
        )
    if kind == ADDRESS:
        return Form(
            n_postcode=normalise_postcode(_text(values, "postcode")) or "",
            n_house_number=_number(values),
            n_street=normalise_street(_text(values, "street")).replace(" ", ""),
            n_city=normalise_street(_text(values, "city")).replace(" ", ""),
            n_value=normalise_bag_id(_text(values, "bag_id")) or "",
        )
    normaliser = {VEHICLE: normalise_plate, PHONE: normalise_phone, EMAIL: normalise_email, IBAN: normalise_iban}
    field = {VEHICLE: "plate", PHONE: "phone", EMAIL: "email", IBAN: "iban"}
    if kind not in normaliser:
        raise ValueError(f"unknown subject kind {kind!r}")
    return Form(n_value=normaliser[kind](_text(values, field[kind])) or "")


def house_number_only(n_house_number: str) -> str:
    """The number without its addition: "12A" -> "12"."""
    digits = ""
    for char in n_house_number:
        if not char.isdigit():
            break
        digits += char
    return digits


def address_value(postcode: str, house_number: str) -> str:
    """The exclusion and frequency value of an address: postcode and number, addition ignored."""
    number = house_number_only(house_number)
    return f"{postcode}|{number}" if postcode and number else ""


def exclusion_value(kind: str, form: Form) -> str:
    """The value an exclusion of ``kind`` is stored under, for a subject's comparison form."""
    if kind in (ADDRESS, PERSON):
        return address_value(form.n_postcode, form.n_house_number)
    return form.n_value


def name_keys(record: Normalised, *, query: bool = False) -> list[str]:
    """The keys of a person's names that need neither birth date nor address (see ``linkage.screening``):
    sorted letters and sound of the given name with the surname key, the given name's first two letters with
    the surname key (a typo further on in the given name: "Chaalotte", "Josy" for "Joy"), given name with the
    surname's tail and with its head (a typo at the start or at the end of the surname that changes its
    sound: "Geerlikg", "Woudenyerg"), and initial with the surname key (filed only for a record holding an
    initial alone; a ``query`` looks it up always). The in-process screening index and the key table
    (``candidate_keys``) both use them."""
    keys: list[str] = []
    given, surname, key = record.given, record.surname, record.surname_key
    if given and key:
        if len(given) > 1:
            keys.append(f"name:{''.join(sorted(given))}|{key}")
            keys.append(f"sound:{phonetic_key(given)}|{key}")
            keys.append(f"prefix:{given[:2]}|{key}")
        if query or len(given) == 1:
            keys.append(f"initial:{given[0]}|{key}")
    if len(given) > 1 and len(surname) >= 4:
        keys.append(f"tail:{given}|{surname[-4:]}")
        keys.append(f"head:{given}|{surname[:4]}")
    return keys


def person_name_keys(form: Form, *, lookup: bool = False) -> Iterator[str]:
    """A person's keys that need neither birth date nor address, beyond the batch engine's: the screening
    index's name keys (``name_keys``), which find a misspelt given name (sorted letters, sound), a surname
    with a typo or glued prefix in front (tail) and, from a full given name, a person known by an initial
    alone ("Lena Aarts" finds "L. Aarts": ``initial``, filed only by those known by an initial, looked up by
    all). The other way round, every person is also filed under ``initials`` (initial + surname key), which
    only a person known by an initial looks up ("L. Aarts" finds "Lena Aarts"): a full given name never
    reads that large block. Likewise every person is filed under ``surname`` (the surname key alone), which
    only a query without a given name looks up ("Westerbeek" at an address finds the Westerbeeks; a common
    surname's block is skipped by the frequency cut-off), and a person stored without a given name under
    ``bare`` (the surname key), which every query looks up ("Elena Boudewijns" finds "Boudewijns", born
    1956): that block holds only the persons stored without a given name. ``lookup``: the keys to look
    candidates up under rather than to file under."""
    person = form.person()
    for key in name_keys(person, query=lookup):
        yield f"{PERSON}:{key}"
    if person.given and person.surname_key and (not lookup or len(person.given) == 1):
        yield f"{PERSON}:initials:{person.given[0]}|{person.surname_key}"
    if person.surname_key and (not lookup or not person.given):
        yield f"{PERSON}:surname:{person.surname_key}"
    if person.surname_key and (lookup or not person.given):
        yield f"{PERSON}:bare:{person.surname_key}"


def candidate_keys(
    kind: str, form: Form, *, address_usable: bool = True, value_usable: bool = True, lookup: bool = False
) -> Iterator[str]:
    """Readable candidate keys; ``address_usable``/``value_usable`` are False for excluded values.

    ``lookup``: the keys to look candidates up under rather than to file under; they differ only in the name
    keys of a person (``person_name_keys``)."""
    if kind == PERSON:
        # The batch engine's keys, so that online, batch and screening compare the same pairs; they include
        # name-only and name-with-place keys, so a person without date of birth or address finds the others.
        # Plus the name keys, which find a misspelt given name when there is no birth date to go by; the
        # batch engine does not use them (it has the birth date or address of both sides far more often).
        for key in block_keys(form.person(), address_usable, True):
            yield f"{PERSON}:{key}"
        yield from person_name_keys(form, lookup=lookup)
        return
    if kind == COMPANY:
        if form.n_value:
            yield f"{COMPANY}:kvk:{form.n_value}"
        if form.n_surname:
            yield f"{COMPANY}:name:{form.n_surname}"
            yield f"{COMPANY}:sound:{form.n_surname_key}"
        return
    if kind == ADDRESS:
        if form.n_value:
            yield f"{ADDRESS}:bag:{form.n_value}"
        if not address_usable:
            return
        number = house_number_only(form.n_house_number)
        if form.n_postcode and number:
            yield f"{ADDRESS}:pc:{form.n_postcode}|{number}"
        if form.n_street and number and form.n_city:
            yield f"{ADDRESS}:street:{form.n_street}|{number}|{form.n_city}"
        return
    if form.n_value and value_usable:
        yield f"{kind}:value:{form.n_value}"


def key_hash(key: str) -> int:
    """A signed 64-bit hash of a readable key (what PostgreSQL's bigint holds)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


def address_key_hash(form: Form) -> int | None:
    """The hash of a person's or address's postcode-and-number key (for the frequency cut-off)."""
    value = address_value(form.n_postcode, form.n_house_number)
    return key_hash(f"freq:address:{value}") if value else None
