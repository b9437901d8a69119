# SPDX-License-Identifier: EUPL-1.2
"""Two codes: reading the knowledge base (public staff who work on resilience or analyse undermining) and
editing it (the resilience coordinator and the RIEC analyst). Area D, so never for a private partner; it
holds no area-B data, so no screening. Which items an actor sees is in ``scopes.py``."""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.knowledge import scopes
from weerbaar.knowledge.models import BarrierModel, PracticeCase

declare(
    Perm.KNOWLEDGE_VIEW,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Read barrier models and practice cases of one's own organisation and those shared with all.",
)
declare(
    Perm.KNOWLEDGE_EDIT,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Write barrier models and practice cases for one's own organisation, and share them with all.",
)


@register(Perm.KNOWLEDGE_VIEW)
def view_knowledge(actor: Actor, obj: Any) -> bool:
    if actor.organisation is None:
        return False
    if obj is None:
        return True
    if isinstance(obj, BarrierModel | PracticeCase):
        return scopes.is_visible(actor, obj)
    return False


@register(Perm.KNOWLEDGE_EDIT)
def edit_knowledge(actor: Actor, obj: Any) -> bool:
    if actor.organisation is None:
        return False
    if obj is None:
        return True
    if isinstance(obj, BarrierModel | PracticeCase):
        return scopes.is_editable(actor, obj)
    return False
