# SPDX-License-Identifier: EUPL-1.2
"""Writes of area A. The signatures are a contract the UI and the API code against.

Every function: keyword-only, ``@transaction.atomic``, validates (``full_clean`` and, for free texts, the
content check), asks the policy itself (``PermissionDenied`` when the actor may not; views answer 404),
saves with ``update_fields`` or through ``bump_version``, writes the audit event in the same transaction
and sends mail only through the outbox. Audit details hold codes, UUIDs and field names, never texts.
"""

from weerbaar.partnerships.services.alerts import alert_read_mark, alert_recipients, alert_send
from weerbaar.partnerships.services.directory import directory_entry_save, expertise_tags
from weerbaar.partnerships.services.setup import (
    document_add,
    document_path,
    participant_add,
    participant_ceiling_set,
    participant_leave,
    partnership_create,
    partnership_update,
    representable_users,
    representative_add,
    representative_end,
)

__all__ = [
    "alert_read_mark",
    "alert_recipients",
    "alert_send",
    "directory_entry_save",
    "document_add",
    "document_path",
    "expertise_tags",
    "participant_add",
    "participant_ceiling_set",
    "participant_leave",
    "partnership_create",
    "partnership_update",
    "representable_users",
    "representative_add",
    "representative_end",
]
