# SPDX-License-Identifier: EUPL-1.2
"""How subjects and scores are written for people.

A subject is one line with its identifying values (personal data: scoped views only); a score is a word
(certain, likely, possible) with its bits as the explanation, the same in the graph, tables, panels and exports.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

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


class Strength(models.TextChoices):
    """How sure a link is, in words: the thresholds say it, the bits explain it."""

    CERTAIN = "certain", pgettext_lazy("link strength", "certain")
    LIKELY = "likely", pgettext_lazy("link strength", "likely")
    POSSIBLE = "possible", pgettext_lazy("link strength", "possible")


def score_strength(score: float | None) -> Strength | None:
    """The word for a score (None without one), from the correlation thresholds in settings.

    From the match threshold up the model counts two subjects as the same: *likely*, and *certain* once the
    score lies as far above the match threshold as the review threshold lies below it (the model is then as
    sure they are the same as it is sure, at the review threshold, that they are not). The review band below
    the match threshold is *possible*; a pair below it is only shown because a person judged it, and stays
    *possible* to the model.
    """
    if score is None:
        return None
    match = settings.CORRELATION_MATCH_THRESHOLD
    if score >= match + max(match - settings.CORRELATION_REVIEW_THRESHOLD, 0.0):
        return Strength.CERTAIN
    if score >= match:
        return Strength.LIKELY
    return Strength.POSSIBLE


def bits_text(score: float) -> str:
    """A score in bits, localised with its sign: "+12,4", "-3,0", "0"."""
    text = floatformat(score, 1)
    return f"+{text}" if score > 0 else str(text)


def score_words(score: float | None) -> str:
    """A score for people: "likely (+12,4 bits)" (Dutch "waarschijnlijk (+12,4 bits)"); "" without one."""
    strength = score_strength(score)
    if strength is None or score is None:
        return ""
    return _("%(strength)s (%(bits)s bits)") % {"strength": strength.label, "bits": bits_text(score)}
