# SPDX-License-Identifier: EUPL-1.2
"""The accountability report of a case (docs/domain.md §5, "results per partner"), as a PDF.

It holds what accountability needs and nothing that may not leave Weerbaar: results and interventions per
partner organisation, the statutory steps, the members, and only the *titles* of items the actor may export
(no item content, never a consent-bound item without export consent, never a person).
"""

import io
from collections import defaultdict
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from weerbaar.cases.constants import INTERVENTION_TYPES, CaseStatus, Classification, InterventionStatus, MemberRole
from weerbaar.cases.models import Case, Intervention
from weerbaar.cases.selectors import case_items_exportable, case_members
from weerbaar.core.policy import Actor

_TABLE_STYLE = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa9b8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _money(amount: Decimal | None) -> str:
    return f"EUR {amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".") if amount is not None else "—"


def _table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    table = Table([header, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(_TABLE_STYLE)
    return table


def _type_label(intervention: Intervention) -> str:
    template = INTERVENTION_TYPES.get(intervention.type)
    return str(template.label) if template is not None else intervention.type


def closure_report_build(*, actor: Actor, case: Case) -> tuple[bytes, int]:
    """The PDF and the number of item titles in it. The caller checks the policy and audits the export."""
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story: list[Flowable] = []

    def para(text: str, style: str = "BodyText") -> None:
        story.append(Paragraph(escape(text), styles[style]))

    classification = str(Classification(case.classification).label).upper()
    para(classification, "Heading4")
    para(_("Accountability report — case %(number)s") % {"number": case.number or case.uuid}, "Title")
    para(
        _("Title: %(title)s. Directed by %(owner)s. Status: %(status)s.")
        % {"title": case.title, "owner": case.owner.name, "status": CaseStatus(case.status).label}
    )
    if case.closed_at is not None:
        para(
            _("Closed on %(closed)s; kept until %(until)s.")
            % {"closed": timezone.localtime(case.closed_at).date().isoformat(), "until": case.retention_until}
        )
    if case.police_data_destroyed_at is not None:
        para(_("Police data (Wpg) was destroyed at closure."))
    para(_("Generated on %(at)s.") % {"at": timezone.localtime().strftime("%Y-%m-%d %H:%M")})
    story.append(Spacer(1, 4 * mm))

    interventions = list(case.interventions.select_related("owner").prefetch_related("steps"))
    per_partner: dict[str, list[Intervention]] = defaultdict(list)
    for intervention in interventions:
        per_partner[intervention.owner.name].append(intervention)

    para(_("Results per partner"), "Heading2")
    rows = []
    for partner, own in sorted(per_partner.items()):
        done = sum(1 for i in own if i.status == InterventionStatus.AFGEROND)
        rows.append(
            [
                Paragraph(escape(partner), body),
                str(len(own)),
                str(done),
                str(sum(i.closure_months or 0 for i in own)),
                str(sum(1 for i in own if i.permit_refused)),
                _money(sum((i.amount_levied or Decimal(0) for i in own), Decimal(0))),
                _money(sum((i.amount_seized or Decimal(0) for i in own), Decimal(0))),
            ]
        )
    if rows:
        story.append(
            _table(
                [
                    _("Partner"),
                    _("Interventions"),
                    _("Completed"),
                    _("Closure (months)"),
                    _("Permits refused"),
                    _("Levied"),
                    _("Seized"),
                ],
                rows,
                [45 * mm, 20 * mm, 18 * mm, 22 * mm, 20 * mm, 26 * mm, 26 * mm],
            )
        )
    else:
        para(_("No interventions were recorded."))

    para(_("Interventions and statutory steps"), "Heading2")
    for intervention in interventions:
        para(
            _("%(type)s — %(owner)s (%(status)s); legal basis: %(basis)s")
            % {
                "type": _type_label(intervention),
                "owner": intervention.owner.name,
                "status": InterventionStatus(intervention.status).label,
                "basis": intervention.legal_basis,
            },
            "Heading4",
        )
        if intervention.result_note:
            para(intervention.result_note)
        step_rows = [
            [
                Paragraph(escape(s.label), body),
                s.due_on.isoformat() if s.due_on else "—",
                s.done_on.isoformat() if s.done_on else "—",
            ]
            for s in intervention.steps.all()
        ]
        if step_rows:
            story.append(_table([_("Step"), _("Due"), _("Done")], step_rows, [110 * mm, 30 * mm, 30 * mm]))

    para(_("Members"), "Heading2")
    member_rows = [
        [
            Paragraph(escape(m.organisation.name), body),
            _("named member") if m.user_id is not None else _("organisation"),
            str(MemberRole(m.role).label),
            timezone.localtime(m.joined_at).date().isoformat(),
        ]
        for m in case_members(actor=actor, case=case)
    ]
    story.append(
        _table(
            [_("Organisation"), _("Membership"), _("Role"), _("Since")],
            member_rows,
            [70 * mm, 35 * mm, 35 * mm, 30 * mm],
        )
    )

    para(_("Items that may be exported (titles only)"), "Heading2")
    items = list(case_items_exportable(actor=actor, case=case))
    if items:
        story.append(
            _table(
                [_("Title"), _("Supplier"), _("Legal regime")],
                [
                    [Paragraph(escape(i.title), body), Paragraph(escape(i.supplier.name), body), i.get_regime_display()]
                    for i in items
                ],
                [90 * mm, 50 * mm, 30 * mm],
            )
        )
    else:
        para(_("None."))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Accountability report %(number)s") % {"number": case.number or ""},
        author="Weerbaar",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    doc.build(story)
    return buffer.getvalue(), len(items)
