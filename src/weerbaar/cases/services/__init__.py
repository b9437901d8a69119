# SPDX-License-Identifier: EUPL-1.2
"""Writes on integrated cases. The signatures are a contract the UI and the API code against.

Every function: keyword-only, ``@transaction.atomic``, validates (``full_clean``), checks the policy itself
(raises ``django.core.exceptions.PermissionDenied`` when the actor may not do this on this case — views map
that to 404 for non-members), saves with ``update_fields``, writes an audit event in the same transaction,
sends mail only ``on_commit`` through the outbox (never with case content). Optimistic locking: functions
taking ``expected_version`` raise ``StaleVersionError`` when the case changed since the form was loaded.
"""

from weerbaar.cases.services.interventions import (
    bibob_advice_extend,
    intervention_add,
    intervention_result_record,
    intervention_step_done,
    intervention_step_warnings_send,
    may_manage_intervention,
)
from weerbaar.cases.services.items import (
    item_add,
    item_consent_grant,
    may_consent,
    subject_add,
    subject_carry_over,
)
from weerbaar.cases.services.lifecycle import (
    case_assessment_record,
    case_close,
    case_create,
    case_start_from_signal,
    case_transition,
    cases_retention_run,
    closure_report_pdf,
)
from weerbaar.cases.services.meetings import (
    action_item_add,
    action_item_complete,
    agenda_decision_record,
    may_complete_action_item,
    meeting_create,
)
from weerbaar.cases.services.members import (
    access_request_create,
    access_request_decide,
    membership_add,
    membership_end,
)
from weerbaar.core.workflow.versioning import StaleVersionError

__all__ = [
    "StaleVersionError",
    "access_request_create",
    "access_request_decide",
    "action_item_add",
    "action_item_complete",
    "agenda_decision_record",
    "bibob_advice_extend",
    "case_assessment_record",
    "case_close",
    "case_create",
    "case_start_from_signal",
    "case_transition",
    "cases_retention_run",
    "closure_report_pdf",
    "intervention_add",
    "intervention_result_record",
    "intervention_step_done",
    "intervention_step_warnings_send",
    "item_add",
    "item_consent_grant",
    "may_complete_action_item",
    "may_consent",
    "may_manage_intervention",
    "meeting_create",
    "membership_add",
    "membership_end",
    "subject_add",
    "subject_carry_over",
]
