# SPDX-License-Identifier: EUPL-1.2
"""Reads of joint actions, always through the rules of ``scopes.py``.

The risk candidates of a selection come from the other apps' own selectors, within the *selecting user's*
access: the signals he may read, the address subjects of the cases he is a member of, and the correlation
of those addresses — where that correlation reaches a context he may not see, the candidate carries a
hit (kind and organisation, "request access"), never its content.
"""

from weerbaar.actions.selectors.candidates import Candidate, selection_candidates
from weerbaar.actions.selectors.debrief import Debrief, Row, operation_debrief
from weerbaar.actions.selectors.follow_ups import (
    FollowUpState,
    finding_get,
    finding_list,
    follow_up_done,
    follow_up_list,
    follow_up_state,
)
from weerbaar.actions.selectors.operations import (
    SourceView,
    current_selection,
    is_planner,
    location_get,
    location_list,
    location_source,
    member_organisations,
    operation_area,
    operation_get,
    operation_list,
    operation_members,
    operation_partners,
    own_domains,
    partner_organisations,
    partnerships_for,
    people_of,
    person_in,
)

__all__ = [
    "Candidate",
    "Debrief",
    "FollowUpState",
    "Row",
    "SourceView",
    "current_selection",
    "finding_get",
    "finding_list",
    "follow_up_done",
    "follow_up_list",
    "follow_up_state",
    "is_planner",
    "location_get",
    "location_list",
    "location_source",
    "member_organisations",
    "operation_area",
    "operation_debrief",
    "operation_get",
    "operation_list",
    "operation_members",
    "operation_partners",
    "own_domains",
    "partner_organisations",
    "partnerships_for",
    "people_of",
    "person_in",
    "selection_candidates",
]
