# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of confidential pressure and integrity reports (docs/integrity.md)."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.transitions import Transitions


class Kind(models.TextChoices):
    DRUK = "druk", _("I am being put under pressure")
    AANBOD = "aanbod", _("I was offered something")
    BELANGEN = "belangen", _("I see a conflict of interest")
    OVERIG = "overig", _("Something else that worries me")


class WhenHappened(models.TextChoices):
    AFGELOPEN_WEEK = "week", _("In the past week")
    AFGELOPEN_MAAND = "maand", _("In the past month")
    HALF_JAAR = "half_jaar", _("One to six months ago")
    LANGER = "langer", _("Longer ago")
    LOPEND = "lopend", _("It is still going on")


class Status(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Received")
    IN_GESPREK = "in_gesprek", _("In conversation")
    ADVIES = "advies", _("Advice given")
    DOORVERWEZEN = "doorverwezen", _("Referred")
    GESLOTEN = "gesloten", _("Closed")


TRANSITIONS: Final = Transitions(
    {
        Status.ONTVANGEN: frozenset({Status.IN_GESPREK, Status.ADVIES, Status.DOORVERWEZEN, Status.GESLOTEN}),
        Status.IN_GESPREK: frozenset({Status.ADVIES, Status.DOORVERWEZEN, Status.GESLOTEN}),
        Status.ADVIES: frozenset({Status.IN_GESPREK, Status.GESLOTEN}),
        Status.DOORVERWEZEN: frozenset({Status.IN_GESPREK, Status.GESLOTEN}),
        Status.GESLOTEN: frozenset(),
    },
    labels=Status.choices,
    message=_("A report with status “%(from)s” cannot go to “%(to)s”."),
)
#: Statuses in which the coordinator still works on a report (it can be handed over, get notes).
OPEN: Final = frozenset({Status.ONTVANGEN, Status.IN_GESPREK, Status.ADVIES, Status.DOORVERWEZEN})

#: A closed report is destroyed this many years after closure: long enough for the coordinator to recognise
#: repeated pressure on the same person or function, no longer (docs/retention.md).
RETENTION_YEARS: Final = 2

ACCOUNT_MAX: Final = 4000
NOTE_MAX: Final = 4000
