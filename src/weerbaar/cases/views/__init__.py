# SPDX-License-Identifier: EUPL-1.2
"""The case pages (/casussen/): list, new case, detail with its actions, access requests, meetings, programme."""

from weerbaar.cases.views.actions import (
    case_access_decide_view,
    case_action_done_view,
    case_assessment_view,
    case_close_view,
    case_consent_view,
    case_intervention_add_view,
    case_item_add_view,
    case_member_add_view,
    case_member_end_view,
    case_report_view,
    case_result_view,
    case_step_done_view,
    case_subject_add_view,
    case_transition_view,
)
from weerbaar.cases.views.detail import case_detail_view
from weerbaar.cases.views.lists import case_access_request_view, case_create_view, case_list_view, programme_view
from weerbaar.cases.views.meetings import (
    meeting_action_add_view,
    meeting_create_view,
    meeting_decision_view,
    meeting_detail_view,
    meeting_list_view,
)

__all__ = [
    "case_access_decide_view",
    "case_access_request_view",
    "case_action_done_view",
    "case_assessment_view",
    "case_close_view",
    "case_consent_view",
    "case_create_view",
    "case_detail_view",
    "case_intervention_add_view",
    "case_item_add_view",
    "case_list_view",
    "case_member_add_view",
    "case_member_end_view",
    "case_report_view",
    "case_result_view",
    "case_step_done_view",
    "case_subject_add_view",
    "case_transition_view",
    "meeting_action_add_view",
    "meeting_create_view",
    "meeting_decision_view",
    "meeting_detail_view",
    "meeting_list_view",
    "programme_view",
]
