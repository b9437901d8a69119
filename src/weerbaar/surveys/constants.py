# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of the area survey (docs/surveys.md)."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.transitions import Transitions


class Purpose(models.TextChoices):
    NULMETING = "nulmeting", _("0-measurement")
    EEN_METING = "een_meting", _("1-measurement")
    TUSSENTIJDS = "tussentijds", _("Interim")
    PERSONEEL = "personeel", _("Staff survey")


class Status(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    OPEN = "open", _("Open")
    GESLOTEN = "gesloten", _("Closed")


TRANSITIONS: Final = Transitions(
    {Status.CONCEPT: {Status.OPEN}, Status.OPEN: {Status.GESLOTEN}, Status.GESLOTEN: set()},
    labels=Status.choices,
    message=_("A survey with status “%(from)s” cannot go to “%(to)s”."),
)


class QuestionKind(models.TextChoices):
    SINGLE = "enkel", _("Single choice")
    MULTIPLE = "meervoudig", _("Multiple choice")
    SCALE = "schaal", _("Scale 1 to 5")
    YES_NO = "ja_nee", _("Yes or no")


#: Kinds whose answer is exactly one option.
ONE_ANSWER_KINDS: Final = frozenset({QuestionKind.SINGLE, QuestionKind.SCALE, QuestionKind.YES_NO})

#: Links one request may generate, and the length of a question and an option.
LINKS_MAX: Final = 500
QUESTION_TEXT_MAX: Final = 300
OPTION_TEXT_MAX: Final = 120
OPTIONS_MAX: Final = 12
#: Random bytes of a response link's token: 24 bytes are 192 bits (at least 128 are required).
TOKEN_BYTES: Final = 24
#: The smallest group of an organisation's staff whose figures a staff survey shows (area D).
STAFF_THRESHOLD: Final = 10
#: The purposes an area partnership's survey may have (a staff survey has ``PERSONEEL``).
AREA_PURPOSES: Final = (Purpose.NULMETING, Purpose.EEN_METING, Purpose.TUSSENTIJDS)
