# SPDX-License-Identifier: EUPL-1.2
"""Writes of the correlation app (subjects, judgements, exclusions, access from hits, batch resolution)."""

from weerbaar.correlation.services.access import (
    Shown,
    correlations_show,
    hit_access_request,
    inquiry_answer,
    inquiry_create,
)
from weerbaar.correlation.services.exclusions import exclusion_add, exclusion_remove
from weerbaar.correlation.services.judgements import judgement_record
from weerbaar.correlation.services.resolution import resolution_enqueue, resolution_run
from weerbaar.correlation.services.screening import ScreeningLimitError, screening_run
from weerbaar.correlation.services.subjects import SubjectAdded, subject_check, subject_register

__all__ = [
    "ScreeningLimitError",
    "Shown",
    "SubjectAdded",
    "correlations_show",
    "exclusion_add",
    "exclusion_remove",
    "hit_access_request",
    "inquiry_answer",
    "inquiry_create",
    "judgement_record",
    "resolution_enqueue",
    "resolution_run",
    "screening_run",
    "subject_check",
    "subject_register",
]
