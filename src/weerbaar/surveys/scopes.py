# SPDX-License-Identifier: EUPL-1.2
"""Who may see and run a survey: the partnership's own rules (``partnerships.scopes``), seen from a survey.

A survey's results are aggregates, so every member of its partnership sees them (``aggregaat``, like the
partnership's trends); running it — questions, opening, closing, links — is ``partnerships.manage`` on the
partnership.
"""

from django.db.models import Q

from weerbaar.core.policy import Actor
from weerbaar.core.scopes import holds
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.scopes import partnership_managed, partnership_receiving
from weerbaar.surveys.models import Survey


def survey_visible(actor: Actor, prefix: str = "") -> Q:
    return partnership_receiving(actor, DataClass.AGGREGAAT, f"{prefix}partnership__")


def survey_managed(actor: Actor, prefix: str = "") -> Q:
    return partnership_managed(actor, f"{prefix}partnership__")


def is_visible(actor: Actor, survey: Survey | None) -> bool:
    return holds(survey_visible(actor), survey)


def is_managed(actor: Actor, survey: Survey | None) -> bool:
    return holds(survey_managed(actor), survey)
