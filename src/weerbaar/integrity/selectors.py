# SPDX-License-Identifier: EUPL-1.2
"""Reads of pressure reports, always through the scopes; and the council's counts, which name no report."""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from weerbaar.core import disclosure
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.integrity import scopes
from weerbaar.integrity.constants import Kind
from weerbaar.integrity.models import DeletionRecord, PressureReport


def own_report_list(*, actor: Actor) -> QuerySet[PressureReport]:
    rule = scopes.report_own(actor)
    if rule is NOTHING:
        return PressureReport.objects.none()
    return PressureReport.objects.filter(rule)


def own_report_get(*, actor: Actor, uuid: UUID | str) -> PressureReport | None:
    return own_report_list(actor=actor).filter(uuid=uuid).first()


def handled_report_list(*, actor: Actor) -> QuerySet[PressureReport]:
    rule = scopes.report_handled(actor)
    if rule is NOTHING:
        return PressureReport.objects.none()
    return PressureReport.objects.filter(rule).select_related("reporter")


def handled_report_get(*, actor: Actor, uuid: UUID | str) -> PressureReport | None:
    return handled_report_list(actor=actor).filter(uuid=uuid).first()


# --- The council's figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilRow:
    label: str
    cells: list[str]
    total: str


@dataclass(frozen=True)
class CouncilFigures:
    """Reports per kind (rows) and per year (columns), with complementary suppression. ``rows`` is None when
    the table cannot be shown without pointing at single reports; ``total`` is always shown (the number of
    reports, or "< 5")."""

    years: list[str]
    rows: list[CouncilRow] | None
    column_totals: list[str]
    total: str


def _year_groups(per_year: dict[int, int]) -> list[list[int]]:
    """Consecutive years folded together until each group holds at least the threshold (a column total of 1 to
    4 cannot be shown); a small last group joins the one before it."""
    groups: list[list[int]] = []
    current: list[int] = []
    for year in sorted(per_year):
        current.append(year)
        if sum(per_year[y] for y in current) >= disclosure.THRESHOLD:
            groups.append(current)
            current = []
    if current:
        if groups:
            groups[-1].extend(current)
        else:
            groups.append(current)
    return groups


def council_figures(*, organisation_id: int) -> CouncilFigures:
    """The number of pressure and integrity reports made at the organisation, per kind and per year of receipt
    (those destroyed after their retention included, from their deletion records): counts only, never a
    reference, a reporter or what was told. Counts of 1 to 4 show as "< 5" and further cells are hidden ("—")
    where a small count would follow from a total. For the council's page, which composes it; the caller
    decides who sees it."""
    rows = (
        PressureReport.objects.filter(organisation_id=organisation_id)
        .annotate(year=ExtractYear("received_at"))
        .values("kind", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[str, int], int] = {(row["kind"], row["year"]): row["n"] for row in rows}
    # Reports destroyed after their retention still count, from their deletion records.
    destroyed = (
        DeletionRecord.objects.filter(organisation_id=organisation_id)
        .values("kind", "received_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in destroyed:
        key = (row["kind"], row["received_year"])
        counts[key] = counts.get(key, 0) + row["n"]
    grand = sum(counts.values())
    per_year: dict[int, int] = {}
    for (_kind, year), n in counts.items():
        per_year[year] = per_year.get(year, 0) + n
    groups = _year_groups(per_year)
    labels = [str(g[0]) if len(g) == 1 else f"{g[0]}\N{EN DASH}{g[-1]}" for g in groups]
    interior = [[sum(counts.get((kind, y), 0) for y in group) for group in groups] for kind in Kind.values]
    column_totals = [str(sum(row[i] for row in interior)) for i in range(len(groups))]
    statuses = disclosure.protect_table(interior) if grand >= disclosure.THRESHOLD else None
    table = (
        None
        if statuses is None
        else [
            CouncilRow(
                str(label),
                [disclosure.cell_display(n, st) for n, st in zip(values, status[:-1], strict=True)],
                disclosure.cell_display(sum(values), status[-1]),
            )
            for (_value, label), values, status in zip(Kind.choices, interior, statuses, strict=True)
        ]
    )
    return CouncilFigures(labels, table, column_totals if table is not None else [], disclosure.suppress(grand))
