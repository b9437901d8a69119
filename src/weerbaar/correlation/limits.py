# SPDX-License-Identifier: EUPL-1.2
"""Enumeration brakes: how many screenings and hit disclosures a person may make per hour.

Counted from the audit trail itself (every screening is a SEARCH event, every page or answer that shows
hits outside one's access a DISCLOSE event), so the limit holds across processes and servers and cannot
be reset without leaving a trace.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.core.policy import Actor

SCREENING = "correlation.screening"
HIT = "correlation.hit"


def _recent(actor: Actor, action: str, object_type: str) -> int:
    if actor.user is None:
        return 0
    since = timezone.now() - timedelta(hours=1)
    return AuditEvent.objects.filter(
        actor_uuid=actor.user.uuid, action=action, object_type=object_type, occurred_at__gte=since
    ).count()


def screenings_left(actor: Actor) -> int:
    return max(settings.CORRELATION_SCREENINGS_PER_HOUR - _recent(actor, AuditAction.SEARCH, SCREENING), 0)


def disclosures_left(actor: Actor) -> int:
    return max(settings.CORRELATION_HIT_DISCLOSURES_PER_HOUR - _recent(actor, AuditAction.DISCLOSE, HIT), 0)
