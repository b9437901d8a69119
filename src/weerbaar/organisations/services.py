# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.db import transaction

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.organisations.models import Organisation

EDITABLE_FIELDS = ("name", "type", "municipality", "safety_region", "police_unit", "is_active")


@transaction.atomic
def organisation_create(*, actor: Actor | None, name: str, type: str, **fields: Any) -> Organisation:
    organisation = Organisation(name=name, type=type, **fields)
    organisation.full_clean()
    organisation.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=organisation)
    return organisation


@transaction.atomic
def organisation_update(*, actor: Actor, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    changed = [name for name in EDITABLE_FIELDS if name in data and getattr(organisation, name) != data[name]]
    for name in changed:
        setattr(organisation, name, data[name])
    if not changed:
        return organisation
    organisation.full_clean()
    organisation.save(update_fields=[*changed, "updated_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=organisation, details={"fields": sorted(changed)})
    return organisation
