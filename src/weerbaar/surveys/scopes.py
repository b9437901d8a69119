# SPDX-License-Identifier: EUPL-1.2
"""Who may see and run a survey.

A partnership's survey follows the partnership's own rules (``partnerships.scopes``), seen from a survey: its
results are aggregates, so every member of its partnership sees them (``aggregaat``, like the partnership's
trends); running it — questions, opening, closing, links — is ``partnerships.manage`` on the partnership.

An organisation's staff survey (area D) is seen — as aggregates only — by whoever holds
``surveys.staff_view`` acting for that organisation (the integrity coordinator, the council member) and run
by whoever holds ``surveys.staff_manage`` there (the integrity coordinator).
"""

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, holds, lookup
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.scopes import partnership_managed, partnership_receiving
from weerbaar.surveys.models import Survey


def _staff(actor: Actor, code: str, prefix: str) -> Q:
    if not can(actor, code) or actor.organisation_id is None:
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id)


def _either(area: Q, staff: Q) -> Q:
    if area is NOTHING:
        return staff
    if staff is NOTHING:
        return area
    return area | staff


def survey_visible(actor: Actor, prefix: str = "") -> Q:
    return _either(
        partnership_receiving(actor, DataClass.AGGREGAAT, f"{prefix}partnership__"),
        staff_survey_visible(actor, prefix),
    )


def survey_managed(actor: Actor, prefix: str = "") -> Q:
    return _either(partnership_managed(actor, f"{prefix}partnership__"), staff_survey_managed(actor, prefix))


def staff_survey_visible(actor: Actor, prefix: str = "") -> Q:
    """Staff surveys of the organisation the actor acts for, for ``surveys.staff_view``."""
    return _staff(actor, Perm.SURVEYS_STAFF_VIEW, prefix)


def staff_survey_managed(actor: Actor, prefix: str = "") -> Q:
    """Staff surveys of the organisation the actor acts for, for ``surveys.staff_manage``."""
    return _staff(actor, Perm.SURVEYS_STAFF_MANAGE, prefix)


def is_visible(actor: Actor, survey: Survey | None) -> bool:
    return holds(survey_visible(actor), survey)


def is_managed(actor: Actor, survey: Survey | None) -> bool:
    return holds(survey_managed(actor), survey)


def is_staff_visible(actor: Actor, survey: Survey | None) -> bool:
    return holds(staff_survey_visible(actor), survey)


def is_staff_managed(actor: Actor, survey: Survey | None) -> bool:
    return holds(staff_survey_managed(actor), survey)
