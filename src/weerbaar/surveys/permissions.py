# SPDX-License-Identifier: EUPL-1.2
"""The staff survey's two codes (area D). A partnership's survey uses the partnership's codes and declares
none here (docs/surveys.md)."""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.organisations.models import Organisation
from weerbaar.surveys import scopes
from weerbaar.surveys.models import Survey

declare(
    Perm.SURVEYS_STAFF_MANAGE,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Run the own organisation's anonymous staff survey: make it, open and close it, hand out links.",
)
declare(
    Perm.SURVEYS_STAFF_VIEW,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="See the own organisation's staff surveys and their results, as suppressed aggregates only.",
)


def _own(actor: Actor, obj: Any, *, managed: bool) -> bool:
    if actor.organisation is None or actor.user is None:
        return False
    if obj is None:
        return True
    if isinstance(obj, Organisation):
        return obj.pk == actor.organisation_id
    if isinstance(obj, Survey):
        return scopes.is_staff_managed(actor, obj) if managed else scopes.is_staff_visible(actor, obj)
    return False


@register(Perm.SURVEYS_STAFF_MANAGE)
def manage_staff_survey(actor: Actor, obj: Any) -> bool:
    return _own(actor, obj, managed=True)


@register(Perm.SURVEYS_STAFF_VIEW)
def view_staff_survey(actor: Actor, obj: Any) -> bool:
    return _own(actor, obj, managed=False)
