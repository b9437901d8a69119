# SPDX-License-Identifier: EUPL-1.2
"""The documents of a joint action, made by the platform's document kit (``core.documents``):

- the **briefing pack** for everyone taking part: the period and area, the partners with their legal domain
  and basis, who plans and who takes part, the locations in the order of the draw, and the safety
  instructions. Confidential: it names the premises of an unannounced check.
- the **debrief report**: the figures of ``selectors.operation_debrief``, exact for planners and suppressed
  for every other member, exactly as on screen.
- the **public summary** for press and council: only aggregate figures under the public disclosure rules
  (``core.disclosure``: 1 to 4 as "< 5", counts rounded to 5, complementary suppression, no percentage
  over fewer than 100) — no address, no partner's name, no single finding. Only planners make it.

Each download is audited as an export. The caller (a view) has found the operation in the actor's scope.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.accounts.constants import Perm
from weerbaar.actions import selectors
from weerbaar.actions.models import Operation
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core import disclosure
from weerbaar.core.documents import document_render
from weerbaar.core.policy import Actor, can

CONFIDENTIAL = gettext_lazy("Confidential")
PUBLIC = gettext_lazy("Public")

#: What every participant reads before the first premises; the same for every action.
SAFETY_INSTRUCTIONS = (
    gettext_lazy("Report at the briefing point at the agreed time; nobody enters a premises alone."),
    gettext_lazy(
        "Where violence or a drug lab may be expected, the police go in first; the others wait for their sign."
    ),
    gettext_lazy(
        "A chemical or aniseed smell, barrels or jerrycans: leave, keep others away, call 112 and the project "
        "leader. Touch nothing."
    ),
    gettext_lazy("Wear your service identification visibly and keep your duty phone on."),
    gettext_lazy("Tell the project leader at once about an incident, a threat or a refusal of access."),
    gettext_lazy("This pack is confidential: do not share it and destroy a printed copy after the action."),
)


@dataclass(frozen=True)
class PublicFigures:
    """The figures of the public summary, every one a text under the public rules."""

    locations_checked: str
    findings: str
    compliant_share: str
    by_domain: list[selectors.Row] | None
    sanctions: list[selectors.Row] | None
    follow_ups: str


def _export(actor: Actor, operation: Operation, document: str, **details: object) -> None:
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=operation,
        purpose=document,
        details={"format": "pdf", "document": document, **details},
    )


def _require_view(actor: Actor, operation: Operation) -> None:
    if not can(actor, Perm.ACTIONS_VIEW, operation):
        raise PermissionDenied


def briefing_pack_pdf(*, actor: Actor, operation: Operation) -> bytes:
    """The briefing pack (tagged PDF). Every member who may see the action may have it."""
    _require_view(actor, operation)
    locations = list(selectors.location_list(actor=actor, operation=operation))
    context = {
        "operation": operation,
        "area": selectors.operation_area(operation),
        "partners": list(selectors.operation_partners(actor=actor, operation=operation)),
        "members": list(selectors.operation_members(actor=actor, operation=operation)),
        "locations": locations,
        "selection": selectors.current_selection(operation=operation),
        "instructions": SAFETY_INSTRUCTIONS,
    }
    with transaction.atomic():
        pdf = document_render(
            template="actions/documents/briefing.html",
            context=context,
            title=_("Briefing pack %(title)s") % {"title": operation.title},
            classification=str(CONFIDENTIAL),
        )
        _export(actor, operation, "briefing pack", locations=len(locations))
    return pdf


def debrief_report_pdf(*, actor: Actor, operation: Operation) -> bytes:
    """The debrief report (tagged PDF): the figures as the actor may see them."""
    _require_view(actor, operation)
    debrief = selectors.operation_debrief(actor=actor, operation=operation)
    if debrief is None:
        raise PermissionDenied
    with transaction.atomic():
        pdf = document_render(
            template="actions/documents/debrief.html",
            context={"operation": operation, "debrief": debrief, "area": selectors.operation_area(operation)},
            title=_("Debrief %(title)s") % {"title": operation.title},
            classification=str(CONFIDENTIAL),
        )
        _export(actor, operation, "debrief report", exact=debrief.exact)
    return pdf


def _public_rows(rows: list[selectors.Row] | None, rules: disclosure.Rules) -> list[selectors.Row] | None:
    """Rows of exact totals (their first value) under the public rules: suppressed, rounded, protected."""
    if rows is None:
        return None
    totals = [int(row.values[0]) for row in rows]
    status = disclosure.protect_counts(totals, threshold=rules.threshold)
    if status is None:
        return None
    return [
        selectors.Row(row.label, [disclosure.cell_text(n, st, rules)])
        for row, n, st in zip(rows, totals, status, strict=True)
    ]


def public_figures(*, actor: Actor, operation: Operation) -> PublicFigures:
    """The action's figures for press and council, from the planners' exact debrief under the public rules.
    Per legal domain and per sanction only — never per partner, location or finding."""
    if not can(actor, Perm.ACTIONS_MANAGE, operation):
        raise PermissionDenied
    exact = selectors.operation_debrief(actor=actor, operation=operation)
    if exact is None or not exact.exact:
        raise PermissionDenied
    rules = disclosure.rules_for(disclosure.Audience.PUBLIC)
    findings = int(exact.findings)
    compliant = sum(int(row.values[0]) - int(row.values[1]) for row in exact.by_domain or [])
    return PublicFigures(
        locations_checked=disclosure.show(int(exact.locations_checked), rules),
        findings=disclosure.show(findings, rules),
        compliant_share=disclosure.audience_share(compliant, findings, rules),
        by_domain=_public_rows(exact.by_domain, rules),
        sanctions=_public_rows(exact.sanctions, rules),
        follow_ups=disclosure.show(int(exact.follow_ups_open) + int(exact.follow_ups_done), rules),
    )


def public_summary_pdf(*, actor: Actor, operation: Operation) -> bytes:
    """The public summary (tagged PDF) for press and council; only planners make it."""
    figures = public_figures(actor=actor, operation=operation)
    with transaction.atomic():
        pdf = document_render(
            template="actions/documents/public.html",
            context={"operation": operation, "figures": figures, "area": selectors.operation_area(operation)},
            title=_("Joint action: the results"),
            classification=str(PUBLIC),
        )
        _export(actor, operation, "public summary")
    return pdf
