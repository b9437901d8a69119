# SPDX-License-Identifier: EUPL-1.2
from datetime import date

from django.db.models import QuerySet

from weerbaar.accounts.constants import Perm
from weerbaar.audit.models import AuditEvent
from weerbaar.core.policy import Actor, can


def audit_event_list(
    *, actor: Actor, action: str = "", since: date | None = None, until: date | None = None
) -> QuerySet[AuditEvent]:
    if not can(actor, Perm.AUDIT_VIEW) or actor.organisation is None:
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.filter(organisation_uuid=actor.organisation.uuid)
    if action:
        qs = qs.filter(action=action)
    if since:
        qs = qs.filter(occurred_at__date__gte=since)
    if until:
        qs = qs.filter(occurred_at__date__lte=until)
    return qs.order_by("-id")
