# SPDX-License-Identifier: EUPL-1.2
"""Retention of integrated cases, registered with :mod:`weerbaar.core.retention`.

Only the time-based rule lives here: a closed case is destroyed when ``retention_until`` (set at closure,
``RETENTION_YEARS_AFTER_CLOSURE``) has passed, leaving anonymised figures (``CaseStatistic``). Police (Wpg)
items are destroyed at closure itself, by ``case_close``.
"""

from collections import Counter
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.constants import CaseStatus
from weerbaar.cases.models import Case, CaseStatistic
from weerbaar.core.retention import RetentionPolicy, retention_policy_register


def _expired(day: date) -> QuerySet[Case]:
    return Case.objects.filter(status=CaseStatus.AFGESLOTEN, retention_until__lte=day).select_related("owner")


@transaction.atomic
def _destroy(case: Case, today: date) -> None:
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
    audit_event_record(
        actor=None,
        action=AuditAction.DELETE,
        obj=case,
        details={"rule": "retention", "retention_until": str(case.retention_until)},
    )
    case.delete()


POLICY = retention_policy_register(
    RetentionPolicy(
        name="cases",
        category="Closed integrated cases with their items, subjects, interventions and members",
        period="5 years after closure (police data: at closure)",
        legal_basis="The Wgs and the RIEC covenant; the Wpg for police data",
        expired=_expired,
        destroy=_destroy,
    )
)
