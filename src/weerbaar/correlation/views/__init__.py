# SPDX-License-Identifier: EUPL-1.2
"""Correlation pages under /correlatie/ (area B)."""

from weerbaar.correlation.views.pages import (
    exclusion_remove_view,
    exclusions_view,
    network_export_view,
    network_view,
    overview_view,
    resolve_view,
    screening_view,
)
from weerbaar.correlation.views.subjects import (
    inquiry_answer_view,
    judge_view,
    request_access_view,
    subject_detail_view,
)

__all__ = [
    "exclusion_remove_view",
    "exclusions_view",
    "inquiry_answer_view",
    "judge_view",
    "network_export_view",
    "network_view",
    "overview_view",
    "request_access_view",
    "resolve_view",
    "screening_view",
    "subject_detail_view",
]
