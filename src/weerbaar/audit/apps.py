# SPDX-License-Identifier: EUPL-1.2
from uuid import UUID

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "weerbaar.audit"
    label = "audit"

    def ready(self) -> None:
        from weerbaar.audit.selectors import audit_destroyed_by_own_organisation
        from weerbaar.core.policy import Actor
        from weerbaar.core.retention import retention_destroyed_check_set

        def destroyed(actor: Actor, uuid: UUID) -> bool:
            return audit_destroyed_by_own_organisation(actor=actor, object_uuid=uuid)

        retention_destroyed_check_set(destroyed)
