# SPDX-License-Identifier: EUPL-1.2
"""The joint actions' figures for the situational picture (registered in :mod:`weerbaar.core.figures`).

What one sees of a joint action is decided per action (membership, embargo); counting an organisation's
actions for one member would tell him about the others. So, as with the partnerships' figures, the counts
belong to the owner organisation and are read by its holders of ``insights.organisation`` (the programme
manager, the council) only, suppressed by the insights app like every series. Counted: findings by the day
recorded, per legal domain, in the municipality of the location where it is known.
"""

from collections.abc import Collection, Iterable
from datetime import date, datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.actions.constants import LegalDomain
from weerbaar.actions.models import Finding
from weerbaar.core.figures import (
    BaseRow,
    Columns,
    Figure,
    Rows,
    Series,
    organisation_rows,
    register_figure,
    register_series,
)
from weerbaar.core.policy import Actor


def _scope(actor: Actor) -> Q:
    return organisation_rows(actor, Perm.INSIGHTS_ORGANISATION)


def _findings(days: Collection[date] | None) -> Iterable[BaseRow]:
    findings = Finding.objects.annotate(day=TruncDate("created_at"))
    if days is not None:
        findings = findings.filter(day__in=list(days))
    rows = (
        findings.values_list("day", "operation__owner_id", "location__municipality__code", "domain")
        .annotate(n=Count("id"))
        .order_by()
    )
    for day, organisation_id, region, domain, n in rows:
        yield day, organisation_id, region or "", domain, n


def _finding_days(since: datetime) -> set[date]:
    """Findings are never edited; a deleted action takes its findings' days along (a full refresh recounts)."""
    recorded = Finding.objects.filter(created_at__gte=since).values_list("created_at", flat=True)
    return {timezone.localdate(at) for at in recorded}


register_series(Series("actions.findings", tuple(LegalDomain.choices), _findings, _finding_days, _scope))

register_figure(
    Figure(
        "actie-bevindingen-per-rechtsdomein",
        "actions.findings",
        _("Joint-action findings by legal domain"),
        _("Findings recorded in the period in the joint actions the organisation owns, by the partner's legal domain."),
        Rows.CATEGORY,
        Columns.TOTAL,
        order=45,
    )
)
