# SPDX-License-Identifier: EUPL-1.2
"""The actions on a case, each its own POST endpoint with the same shape (see ``_base.act``).

Every action form carries the case version it was loaded with; a save against a newer version is refused
(409) and the page is shown again with the current state and what was typed, so nothing anyone else did
is overwritten silently. A service's ValidationError is shown on the form; its PermissionDenied (a member
without this right) is a refusal with a message. Never a 500.
"""

from weerbaar.cases.views.actions.interventions import (
    case_intervention_add_view,
    case_result_view,
    case_step_done_view,
)
from weerbaar.cases.views.actions.items import case_consent_view, case_item_add_view, case_subject_add_view
from weerbaar.cases.views.actions.lifecycle import (
    case_assessment_view,
    case_close_view,
    case_report_view,
    case_transition_view,
)
from weerbaar.cases.views.actions.meetings import case_action_done_view
from weerbaar.cases.views.actions.members import (
    case_access_decide_view,
    case_member_add_view,
    case_member_end_view,
)

__all__ = [
    "case_access_decide_view",
    "case_action_done_view",
    "case_assessment_view",
    "case_close_view",
    "case_consent_view",
    "case_intervention_add_view",
    "case_item_add_view",
    "case_member_add_view",
    "case_member_end_view",
    "case_report_view",
    "case_result_view",
    "case_step_done_view",
    "case_subject_add_view",
    "case_transition_view",
]
