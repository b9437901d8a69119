# SPDX-License-Identifier: EUPL-1.2
"""Writes of the certification cycle. Keyword-only and atomic; each asks the policy itself
(``PermissionDenied`` when the actor may not, which views answer with 404), validates (``full_clean`` and
the area A content check on free texts), saves through ``bump_version`` where the object is versioned and
writes the audit event on the partnership in the same transaction (UUIDs and codes, never texts)."""

from weerbaar.certification.services._common import file_path
from weerbaar.certification.services.award import audit_save, certificate_issue
from weerbaar.certification.services.cycle import Gate, cycle_gate, cycle_start, cycle_transition
from weerbaar.certification.services.pack import Pack, audit_pack_pdf, audit_pack_pdf_render, audit_pack_zip
from weerbaar.certification.services.reminders import reminder_text, reminders_send
from weerbaar.certification.services.work import (
    action_point_add,
    action_point_status_set,
    figure_add,
    finding_add,
    measure_create,
    measure_progress,
    measure_update,
    measurement_record,
    meeting_record,
    walk_record,
)

__all__ = [
    "Gate",
    "Pack",
    "action_point_add",
    "action_point_status_set",
    "audit_pack_pdf",
    "audit_pack_pdf_render",
    "audit_pack_zip",
    "audit_save",
    "certificate_issue",
    "cycle_gate",
    "cycle_start",
    "cycle_transition",
    "figure_add",
    "file_path",
    "finding_add",
    "measure_create",
    "measure_progress",
    "measure_update",
    "measurement_record",
    "meeting_record",
    "reminder_text",
    "reminders_send",
    "walk_record",
]
