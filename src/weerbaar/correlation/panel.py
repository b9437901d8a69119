# SPDX-License-Identifier: EUPL-1.2
"""The subjects-and-correlations panel that the signal and case pages include.

The hosting page supplies its visible subjects, the form to add one (its own action, with its own
version and provenance fields) and the free text to find suggestions in; the panel adds what correlation
knows: per subject the same subjects elsewhere (with the explanation), hits outside one's access (with a
request-access form), possible matches to judge, the identifiers found in the text that are not subjects
yet (each confirmed with one button), and the open access inquiries to answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.forms import Form

from linkage import keys
from linkage.extract import (
    KIND_ADDRESS,
    KIND_EMAIL,
    KIND_IBAN,
    KIND_KVK,
    KIND_PHONE,
    KIND_PLATE,
    extract_identifiers,
)
from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.forms import HitAccessForm, InquiryAnswerForm, JudgementForm
from weerbaar.correlation.models import AccessInquiry, Subject
from weerbaar.correlation.resolver import form_of
from weerbaar.correlation.selectors import Correlations, Hit, Possible, Same, inquiries_open
from weerbaar.correlation.services import correlations_show


@dataclass(frozen=True)
class Suggestion:
    """An identifier found in the text: its kind, what it looks like, and the values to post to confirm it."""

    kind: str
    kind_label: str
    text: str
    values: dict[str, str]


@dataclass
class PanelRow:
    """One subject with its correlations, each with the form that acts on it (ids unique on the page)."""

    subject: Subject
    same: list[tuple[Same, JudgementForm | None]]
    hits: list[tuple[Hit, HitAccessForm]]
    possible: list[tuple[Possible, JudgementForm | None]]

    @property
    def any(self) -> bool:
        return bool(self.same or self.hits or self.possible)


def _row(row: Correlations, *, can_judge: bool) -> PanelRow:
    own = row.subject.uuid.hex

    def judge(other: Subject) -> JudgementForm | None:
        if not can_judge:
            return None
        return JudgementForm(initial={"other": other.uuid}, auto_id=f"judge_{own}_{other.uuid.hex}_%s")

    return PanelRow(
        subject=row.subject,
        same=[(item, judge(item.subject)) for item in row.same],
        hits=[
            (hit, HitAccessForm(initial={"token": hit.token}, auto_id=f"hit_{own}_{hit.token[:12]}_%s"))
            for hit in row.hits
        ],
        possible=[(item, judge(item.subject)) for item in row.possible],
    )


@dataclass
class Panel:
    rows: list[PanelRow]
    withheld: bool
    can_judge: bool
    add_form: Form | None = None
    add_url: str = ""
    version: int | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    inquiries: list[tuple[AccessInquiry, InquiryAnswerForm]] = field(default_factory=list)
    network_url: str = ""


def _suggestion(kind: str, raw: str, value: str) -> Suggestion | None:
    if kind == KIND_PLATE:
        return Suggestion(SubjectKind.VOERTUIG, str(SubjectKind.VOERTUIG.label), raw, {"plate": value})
    if kind == KIND_IBAN:
        return Suggestion(SubjectKind.IBAN, str(SubjectKind.IBAN.label), raw, {"iban": value})
    if kind == KIND_PHONE:
        return Suggestion(SubjectKind.TELEFOON, str(SubjectKind.TELEFOON.label), raw, {"phone": value})
    if kind == KIND_EMAIL:
        return Suggestion(SubjectKind.EMAIL, str(SubjectKind.EMAIL.label), raw, {"email": value})
    if kind == KIND_KVK:
        return Suggestion(SubjectKind.BEDRIJF, str(SubjectKind.BEDRIJF.label), raw, {"kvk_number": value})
    if kind == KIND_ADDRESS:
        postcode, _sep, number = value.partition(" ")
        house, _dash, addition = number.partition("-")
        values = {"postcode": f"{postcode[:4]} {postcode[4:]}", "house_number": house}
        if addition:
            values["house_number_addition"] = addition
        return Suggestion(SubjectKind.ADRES, str(SubjectKind.ADRES.label), raw, values)
    return None


def suggestions_from(text: str, subjects: list[Subject]) -> list[Suggestion]:
    """Identifiers in ``text`` that are not among ``subjects`` yet (compared in their normalised form)."""
    known = {(s.kind, keys.exclusion_value(s.kind, form_of(s))) for s in subjects}
    known |= {(s.kind, s.n_value) for s in subjects if s.n_value}
    out: list[Suggestion] = []
    seen: set[tuple[str, str]] = set()
    for found in extract_identifiers(text or ""):
        suggestion = _suggestion(found.kind, found.raw, found.value)
        if suggestion is None:
            continue
        form = keys.comparison_form(suggestion.kind, suggestion.values)
        identity = (suggestion.kind, keys.exclusion_value(suggestion.kind, form) or form.n_value)
        if identity in known or identity in seen:
            continue
        seen.add(identity)
        out.append(suggestion)
    return out


def panel_build(
    *,
    actor: Actor,
    subjects: list[Subject],
    where: str,
    add_form: Form | None = None,
    add_url: str = "",
    version: int | None = None,
    text: str = "",
    network_url: str = "",
) -> Panel:
    shown = correlations_show(actor=actor, subjects=subjects, where=where)
    can_judge = can(actor, Perm.CORRELATION_JUDGE)
    inquiries = [
        (inquiry, InquiryAnswerForm(auto_id=f"inquiry_{inquiry.uuid.hex}_%s"))
        for inquiry in inquiries_open(actor=actor, subjects=subjects)
    ]
    return Panel(
        rows=[_row(row, can_judge=can_judge) for row in shown.report.rows],
        withheld=shown.withheld,
        can_judge=can_judge,
        add_form=add_form,
        add_url=add_url,
        version=version,
        suggestions=suggestions_from(text, subjects) if add_form is not None else [],
        inquiries=inquiries,
        network_url=network_url,
    )
