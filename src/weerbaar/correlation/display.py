# SPDX-License-Identifier: EUPL-1.2
"""How a subject is written for people: one line with its identifying values (personal data: scoped views only)."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from weerbaar.correlation.constants import LegalForm, SubjectKind


def _v(values: Mapping[str, Any], name: str) -> str:
    value = values.get(name)
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _join(*parts: str, sep: str = " ") -> str:
    return sep.join(p for p in parts if p)


def address_line(values: Mapping[str, Any]) -> str:
    street = _join(_v(values, "street"), _join(_v(values, "house_number"), _v(values, "house_number_addition"), sep=""))
    place = _join(_v(values, "postcode"), _v(values, "city"))
    return _join(street, place, sep=", ")


def subject_label(kind: str, values: Mapping[str, Any]) -> str:
    """E.g. "Jan van der Berg (1980-03-07)", "Transport B.V. (KvK 12345678)", "Dorpsstraat 1A, 5041 AB Tilburg"."""
    if kind == SubjectKind.PERSOON:
        name = _join(_v(values, "given_names"), _v(values, "surname_prefix"), _v(values, "surname"))
        birth = _v(values, "birth_date")
        return _join(name, f"({birth})" if birth else "")
    if kind == SubjectKind.BEDRIJF:
        form = _v(values, "legal_form")
        label = LegalForm(form).label if form in LegalForm.values else ""
        name = _v(values, "company_name")
        kvk = _v(values, "kvk_number")
        return _join(name, f"({label})" if label and not name else "", f"(KvK {kvk})" if kvk else "") or kvk
    if kind == SubjectKind.ADRES:
        line = address_line(values)
        bag = _v(values, "bag_id")
        return line or (f"BAG {bag}" if bag else "")
    field = {
        SubjectKind.VOERTUIG: "plate",
        SubjectKind.TELEFOON: "phone",
        SubjectKind.EMAIL: "email",
        SubjectKind.IBAN: "iban",
    }[SubjectKind(kind)]
    return _v(values, field)
