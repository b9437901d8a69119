# SPDX-License-Identifier: EUPL-1.2
"""The staff pages of signals (/meldingen/): list, map, detail with the intake actions, meetings, export."""

from weerbaar.signals.views_intake.detail import (
    signal_attachment_view,
    signal_detail_view,
    signal_drug_waste_view,
    signal_legal_hold_view,
    signal_message_view,
    signal_privacy_check_view,
    signal_subject_add_view,
    signal_transition_view,
    signal_weigh_view,
)
from weerbaar.signals.views_intake.export import signal_evidence_view
from weerbaar.signals.views_intake.lists import (
    signal_list_view,
    signal_map_data_view,
    signal_map_view,
    signal_overdue_view,
)
from weerbaar.signals.views_intake.meetings import meeting_create_view, meeting_detail_view, meeting_list_view
from weerbaar.signals.views_intake.retention import signal_destroy_view

__all__ = [
    "meeting_create_view",
    "meeting_detail_view",
    "meeting_list_view",
    "signal_attachment_view",
    "signal_destroy_view",
    "signal_detail_view",
    "signal_drug_waste_view",
    "signal_evidence_view",
    "signal_legal_hold_view",
    "signal_list_view",
    "signal_map_data_view",
    "signal_map_view",
    "signal_message_view",
    "signal_overdue_view",
    "signal_privacy_check_view",
    "signal_subject_add_view",
    "signal_transition_view",
    "signal_weigh_view",
]
