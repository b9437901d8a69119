# SPDX-License-Identifier: EUPL-1.2
"""Writes of joint actions: keyword-only, atomic, validated, audited in the same transaction.

The functions are described in docs/actions.md; their signatures are what the HTML views and the API use.
"""

from weerbaar.actions.services.corrections import finding_correct, finding_photo_delete, may_correct, may_delete_photo
from weerbaar.actions.services.findings import FindingRecorded, finding_record, photo_read
from weerbaar.actions.services.follow_ups import follow_up_complete, follow_up_create, may_follow_up
from weerbaar.actions.services.management import (
    operation_legal_hold_set,
    operation_member_end,
    operation_partner_remove,
    operation_update,
)
from weerbaar.actions.services.operations import (
    operation_create,
    operation_member_add,
    operation_partner_add,
    operation_transition,
)
from weerbaar.actions.services.selection import premises_parse, selection_draw

__all__ = [
    "FindingRecorded",
    "finding_correct",
    "finding_photo_delete",
    "finding_record",
    "follow_up_complete",
    "follow_up_create",
    "may_correct",
    "may_delete_photo",
    "may_follow_up",
    "operation_create",
    "operation_legal_hold_set",
    "operation_member_add",
    "operation_member_end",
    "operation_partner_add",
    "operation_partner_remove",
    "operation_transition",
    "operation_update",
    "photo_read",
    "premises_parse",
    "selection_draw",
]
