# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of the resilience scan: topic kinds, statuses, the maturity scale and the thresholds."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.transitions import Transitions

#: The maturity scale of every question: 0 (absent) to 4 (embedded and improved).
LEVEL_MIN: Final = 0
LEVEL_MAX: Final = 4
LEVELS: Final = tuple(range(LEVEL_MIN, LEVEL_MAX + 1))
#: How exposed a process is to criminal interest, as the coordinator rates it: the weight of its score.
EXPOSURE_MIN: Final = 1
EXPOSURE_MAX: Final = 3
EXPOSURE_DEFAULT: Final = 2
#: A topic scoring below this is a finding ("weak"), with the topic's recommended measures.
WEAK_BELOW: Final = 2.0
#: Respondents of one topic whose levels on one question differ this much or more make a finding.
DISAGREEMENT_SPREAD: Final = 2
#: The anonymous benchmark needs this many organisations with a closed scan of the same model version.
BENCHMARK_MIN_ORGANISATIONS: Final = 5
#: The council sees a theme's score only when at least this many respondents submitted it, so that no score
#: is one person's answer.
COUNCIL_MIN_RESPONDENTS: Final = 3
EVIDENCE_MAX: Final = 2000
ACTION_TITLE_MAX: Final = 200
TEXT_MAX: Final = 4000


class TopicKind(models.TextChoices):
    PROCESS = "proces", _("Vulnerable process")
    THEME = "thema", _("Cross-cutting theme")


class ScanStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "afgesloten", _("Closed")


class AssignmentStatus(models.TextChoices):
    DRAFT = "concept", _("Draft")
    SUBMITTED = "ingediend", _("Submitted")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_uitvoering", _("In progress")
    DONE = "afgerond", _("Done")
    DROPPED = "vervallen", _("Dropped")


ACTION_OPEN: Final = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})

ACTION_TRANSITIONS: Final = Transitions(
    {
        ActionStatus.OPEN: {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED},
        ActionStatus.IN_PROGRESS: {ActionStatus.DONE, ActionStatus.DROPPED, ActionStatus.OPEN},
        ActionStatus.DONE: set(),
        ActionStatus.DROPPED: set(),
    },
    labels=ActionStatus.choices,
    message=_("An improvement action with status “%(from)s” cannot go to “%(to)s”."),
    field="to_status",
)
