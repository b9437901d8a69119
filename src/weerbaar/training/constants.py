# SPDX-License-Identifier: EUPL-1.2
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Area D's floor for staff figures: completion per department is shown only for groups of at least 10.
GROUP_THRESHOLD: Final = 10
#: The share of scenario questions answered well that passes a module, unless the module says otherwise.
DEFAULT_PASS_MARK: Final = 70
TEXT_MAX: Final = 4000


class ModuleStatus(models.TextChoices):
    DRAFT = "concept", _("Draft")
    PUBLISHED = "gepubliceerd", _("Published")
    WITHDRAWN = "ingetrokken", _("Withdrawn")


class ScoreBand(models.TextChoices):
    """What a certificate and a line manager's page may say about a score: a band, never the number."""

    PASSED = "voldoende", _("Passed")
    GOOD = "goed", _("Good")
    EXCELLENT = "uitstekend", _("Excellent")


def score_band(score: int, pass_mark: int) -> str | None:
    if score < pass_mark:
        return None
    if score >= 90:
        return ScoreBand.EXCELLENT
    if score >= 80:
        return ScoreBand.GOOD
    return ScoreBand.PASSED
