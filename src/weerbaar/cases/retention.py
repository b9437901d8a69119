# SPDX-License-Identifier: EUPL-1.2
"""Retention of integrated cases, registered with :mod:`weerbaar.core.retention`.

Only the time-based rule lives here: a closed case is destroyed when ``retention_until`` (set at closure,
``RETENTION_YEARS_AFTER_CLOSURE``) has passed, leaving anonymised figures (``CaseStatistic``). Police (Wpg)
items are destroyed at closure itself, by ``case_close``. The directing organisation's case managers see
their closed cases in the retention overview and may destroy an expired one before the daily run.
"""

from collections import Counter
from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.constants import CaseStatus
from weerbaar.cases.models import Case, CaseStatistic
from weerbaar.cases.scopes import case_managed, case_visible
from weerbaar.core.policy import Actor
from weerbaar.core.retention import (
    DestructionRequest,
    RetentionEntry,
    RetentionPolicy,
    retention_counted,
    retention_destruction_audit,
    retention_policy_register,
    retention_readable,
)


def _expired(day: date) -> QuerySet[Case]:
    return (
        Case.objects.filter(status=CaseStatus.AFGESLOTEN, retention_until__lte=day)
        .select_related("owner")
        .order_by("retention_until", "pk")
    )


@transaction.atomic
def _destroy(case: Case, today: date, request: DestructionRequest | None = None) -> None:
    """The case with everything that belongs to it; by the daily run, or by its director (``request``)."""
    now = timezone.now()
    closed = case.closed_at or now
    CaseStatistic.objects.create(
        closed_year=closed.year,
        owner_type=case.owner.type,
        phenomena=sorted(case.phenomena),
        interventions=dict(sorted(Counter(case.interventions.values_list("type", flat=True)).items())),
        member_count=case.memberships.values("organisation_id").distinct().count(),
        destroyed_at=now,
    )
    audit = retention_destruction_audit(
        request=request, details={"rule": "retention", "retention_until": str(case.retention_until)}
    )
    audit_event_record(action=AuditAction.DELETE, obj=case, **audit)
    case.delete()


def case_retention_entry(case: Case, *, readable: bool) -> RetentionEntry:
    """How the overview and the destruction page name a case: its number, never its title."""
    return RetentionEntry(
        reference=_("Case %(number)s") % {"number": case.number or str(case.uuid)[:8]},
        status=case.get_status_display(),
        ends_on=case.retention_until,
        url=reverse("cases:detail", args=[case.uuid]) if readable else None,
        destroy_url=reverse("cases:destroy", args=[case.uuid]),
    )


def _describe(actor: Actor, cases: Sequence[Case]) -> list[RetentionEntry]:
    readable = retention_readable(model=Case, objects=cases, rule=case_visible(actor))
    return [case_retention_entry(case, readable=case.pk in readable) for case in cases]


def _contents(case: Case) -> list[str]:
    """What goes with the case, counted (never named)."""
    return retention_counted(
        counted=(
            (case.items.count(), lambda n: ngettext("%(n)d item", "%(n)d items", n)),
            (
                case.interventions.count(),
                lambda n: ngettext(
                    "%(n)d intervention with its steps and results",
                    "%(n)d interventions with their steps and results",
                    n,
                ),
            ),
            (case.memberships.count(), lambda n: ngettext("%(n)d membership", "%(n)d memberships", n)),
            (case.agenda_items.count(), lambda n: ngettext("%(n)d agenda item", "%(n)d agenda items", n)),
            (case.status_changes.count(), lambda n: ngettext("%(n)d status change", "%(n)d status changes", n)),
        )
    )


POLICY = retention_policy_register(
    RetentionPolicy(
        name="cases",
        title=gettext_lazy("Integrated cases"),
        category=gettext_lazy("Closed integrated cases with their items, subjects, interventions and members"),
        period=gettext_lazy("5 years after closure (police data: at closure)"),
        legal_basis=gettext_lazy("The Wgs and the RIEC covenant; the Wpg for police data"),
        expired=_expired,
        destroy=_destroy,
        scope=case_managed,
        describe=_describe,
        contents=_contents,
        remains=gettext_lazy(
            "anonymised figures: the closing year, the owner's type, the phenomena, the interventions counted by "
            "type and the number of member organisations"
        ),
    )
)
