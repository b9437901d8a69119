# SPDX-License-Identifier: EUPL-1.2
"""Reads of the audit trail, scoped by the viewer: their own organisation, every organisation for the operator."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db.models import Q, QuerySet

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import User
from weerbaar.audit.constants import CHAIN_OBJECT_TYPE, AuditAction
from weerbaar.audit.describers import audit_objects_find
from weerbaar.audit.models import AuditEvent
from weerbaar.core.policy import Actor, can


def audit_sees_everything(actor: Actor) -> bool:
    """The platform operator's auditors read the whole trail; everyone else their own organisation's."""
    return actor.organisation is not None and bool(actor.organisation.is_operator)


def audit_event_scope(*, actor: Actor) -> QuerySet[AuditEvent]:
    if not can(actor, Perm.AUDIT_VIEW) or actor.organisation is None:
        return AuditEvent.objects.none()
    if audit_sees_everything(actor):
        return AuditEvent.objects.all()
    return AuditEvent.objects.filter(organisation_uuid=actor.organisation.uuid)


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    since: date | None = None
    until: date | None = None
    user: UUID | None = None
    #: A number, a name or a UUID, as typed.
    object: str = ""
    organisation: UUID | None = None

    def as_details(self) -> dict[str, str]:
        """The filter for an audit event: codes and opaque ids only, never a name."""
        values = {
            "action": self.action,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "user": str(self.user or ""),
            "object": self.object[:40],
            "organisation": str(self.organisation or ""),
        }
        return {key: value for key, value in values.items() if value}


def _object_condition(text: str) -> Q:
    try:
        return Q(object_uuid=UUID(text.strip()))
    except ValueError:
        pass
    refs = audit_objects_find(text)
    if not refs:
        return Q(pk__in=[])
    condition = Q(pk__in=[])
    for object_type in {t for t, _ in refs}:
        condition |= Q(object_type=object_type, object_uuid__in=[u for t, u in refs if t == object_type])
    return condition


def audit_event_list(*, actor: Actor, filters: AuditFilter | None = None) -> QuerySet[AuditEvent]:
    qs = audit_event_scope(actor=actor)
    f = filters or AuditFilter()
    if f.action:
        qs = qs.filter(action=f.action)
    if f.since:
        qs = qs.filter(occurred_at__date__gte=f.since)
    if f.until:
        qs = qs.filter(occurred_at__date__lte=f.until)
    if f.user:
        qs = qs.filter(actor_uuid=f.user)
    if f.object:
        qs = qs.filter(_object_condition(f.object))
    if f.organisation:
        qs = qs.filter(organisation_uuid=f.organisation)
    return qs.order_by("-id")


def audit_chain_check_last(*, actor: Actor) -> AuditEvent | None:
    """The latest finished chain check the viewer may read (its outcome is in the event's details)."""
    return (
        audit_event_scope(actor=actor)
        .filter(action=AuditAction.VERIFY, object_type=CHAIN_OBJECT_TYPE, details__has_key="result")
        .order_by("-id")
        .first()
    )


@dataclass(frozen=True)
class LastChange:
    """Who last made a change, as the trail names them (their current name, else the recorded one), and when."""

    by: str
    at: datetime


def audit_last_change(*, object_uuids: Collection[UUID], detail: str) -> dict[UUID, LastChange]:
    """Per object, the latest event whose details set ``detail`` to true (e.g. who set a legal hold, when).

    Not scoped by a viewer: the caller shows it only beside an object the actor may handle."""
    events = (
        AuditEvent.objects.filter(object_uuid__in=list(object_uuids), **{f"details__{detail}": True})
        .order_by("id")
        .values_list("object_uuid", "actor_uuid", "actor_display", "occurred_at")
    )
    latest = {uuid: (actor, shown, at) for uuid, actor, shown, at in events if uuid is not None}
    actors = {actor for actor, _shown, _at in latest.values() if actor is not None}
    names = {user.uuid: user.display_name for user in User.objects.filter(uuid__in=actors)}
    return {
        uuid: LastChange(by=names.get(actor, shown) if actor is not None else shown, at=at)
        for uuid, (actor, shown, at) in latest.items()
    }


def audit_destroyed_by_own_organisation(*, actor: Actor, object_uuid: UUID) -> bool:
    """Whether someone of the actor's organisation destroyed the object (a second submit of the same form)."""
    if actor.organisation is None:
        return False
    return AuditEvent.objects.filter(
        object_uuid=object_uuid, action=AuditAction.DELETE, organisation_uuid=actor.organisation.uuid
    ).exists()
