# SPDX-License-Identifier: EUPL-1.2
"""Who sees and edits barrier models and practice cases, written once as query filters.

An item belongs to its author organisation. Whoever holds ``knowledge.view`` sees the items of the
organisation they act for and every item its author has shared with all organisations; only the author
organisation's editors (``knowledge.edit``) change an item, and only they see it while it is not shared.
"""

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, holds, lookup
from weerbaar.knowledge.models import BarrierModel, PracticeCase


def _visible(actor: Actor, prefix: str) -> Q:
    if not can(actor, Perm.KNOWLEDGE_VIEW) or actor.organisation_id is None:
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id) | lookup(prefix, "shared", True)


def _editable(actor: Actor, prefix: str) -> Q:
    if not can(actor, Perm.KNOWLEDGE_EDIT) or actor.organisation_id is None:
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id)


def barrier_model_visible(actor: Actor, prefix: str = "") -> Q:
    return _visible(actor, prefix)


def barrier_model_editable(actor: Actor, prefix: str = "") -> Q:
    return _editable(actor, prefix)


def practice_case_visible(actor: Actor, prefix: str = "") -> Q:
    return _visible(actor, prefix)


def practice_case_editable(actor: Actor, prefix: str = "") -> Q:
    return _editable(actor, prefix)


def is_visible(actor: Actor, obj: BarrierModel | PracticeCase) -> bool:
    return holds(_visible(actor, ""), obj)


def is_editable(actor: Actor, obj: BarrierModel | PracticeCase) -> bool:
    return holds(_editable(actor, ""), obj)
