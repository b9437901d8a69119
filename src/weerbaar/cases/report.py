# SPDX-License-Identifier: EUPL-1.2
"""The accountability report of a case (docs/domain.md §5, "results per partner"), as a tagged PDF.

Written for the reader who answers for the case — the mayor, the RIEC: what the case was, who directed it,
what each partner did under which legal basis and with which statutory steps, what the meetings decided,
the director's assessment and why the case ended, and a plain account of what the report leaves out.

It holds nothing that may not leave Weerbaar: no item content (titles only, and only of items that may be
exported — :func:`weerbaar.cases.selectors.case_report_items`), no subject, no police data, and no names of
people (members and action owners appear by organisation). What is left out is counted per reason, never
named. The PDF is made by the platform's document kit (:mod:`weerbaar.core.documents`).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from weerbaar.cases.constants import INTERVENTION_TYPES, Classification, InterventionStatus
from weerbaar.cases.models import Case, Intervention, InterventionStep
from weerbaar.cases.selectors import (
    case_agenda,
    case_closure_change,
    case_members,
    case_police_items_destroyed,
    case_report_items,
)
from weerbaar.core.documents import document_render, euro
from weerbaar.core.policy import Actor
from weerbaar.signals.constants import Phenomenon

TEMPLATE = "cases/documents/closure_report.html"


@dataclass(frozen=True)
class PartnerResult:
    partner: str
    interventions: int
    completed: int
    closure_months: int
    permits_refused: int
    levied: str
    seized: str


@dataclass(frozen=True)
class InterventionEntry:
    intervention: Intervention
    label: str
    steps: list[InterventionStep]


@dataclass(frozen=True)
class Omission:
    """One reason something is not in the report, with how many items it concerns."""

    reason: StrOrPromise
    count: int


def _type_label(intervention: Intervention) -> str:
    template = INTERVENTION_TYPES.get(intervention.type)
    return str(template.label) if template is not None else intervention.type


def _partner_results(interventions: list[Intervention]) -> list[PartnerResult]:
    per_partner: dict[str, list[Intervention]] = defaultdict(list)
    for intervention in interventions:
        per_partner[intervention.owner.name].append(intervention)
    return [
        PartnerResult(
            partner=partner,
            interventions=len(own),
            completed=sum(1 for i in own if i.status == InterventionStatus.AFGEROND),
            closure_months=sum(i.closure_months or 0 for i in own),
            permits_refused=sum(1 for i in own if i.permit_refused),
            levied=euro(sum((i.amount_levied or Decimal(0) for i in own), Decimal(0))),
            seized=euro(sum((i.amount_seized or Decimal(0) for i in own), Decimal(0))),
        )
        for partner, own in sorted(per_partner.items())
    ]


def _phenomena(case: Case) -> list[str]:
    return [str(Phenomenon(code).label) if code in Phenomenon.values else code for code in case.phenomena]


def closure_report_build(*, actor: Actor, case: Case) -> tuple[bytes, int]:
    """The PDF and the number of item titles in it. The caller checks the policy and audits the export."""
    interventions = list(case.interventions.select_related("owner", "bibob_file").prefetch_related("steps"))
    items = case_report_items(actor=actor, case=case)
    left_out = items.left_out
    police = (
        case_police_items_destroyed(case=case)
        if case.police_data_destroyed_at is not None
        else sum(1 for row in left_out if row.police_data)
    )
    no_consent = sum(1 for row in left_out if not row.police_data and row.consent_missing)
    subjects = sum(1 for row in left_out if not row.police_data and not row.consent_missing and row.subject)
    omissions = [
        Omission(
            _("Police data (Wpg): destroyed at closure")
            if case.police_data_destroyed_at is not None
            else _("Police data (Wpg): never in a report, destroyed when the case closes"),
            police,
        ),
        Omission(_("No export consent of the supplier"), no_consent),
        Omission(_("Subjects (persons, companies, addresses, vehicles, ...): never named in a report"), subjects),
    ]
    closure = case_closure_change(case=case)
    context = {
        "case": case,
        "classification": Classification(case.classification).label,
        "phenomena": _phenomena(case),
        "partners": _partner_results(interventions),
        "interventions": [
            InterventionEntry(intervention=i, label=_type_label(i), steps=list(i.steps.all())) for i in interventions
        ],
        "agenda": list(case_agenda(actor=actor, case=case)),
        "members": list(case_members(actor=actor, case=case)),
        "items": items.listed,
        "omissions": omissions,
        "omitted_total": police + no_consent + subjects,
        "closure": closure,
    }
    pdf = document_render(
        template=TEMPLATE,
        context=context,
        title=_("Accountability report %(number)s") % {"number": case.number or case.uuid},
        classification=str(Classification(case.classification).label),
    )
    return pdf, len(items.listed)
