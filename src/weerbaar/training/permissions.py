# SPDX-License-Identifier: EUPL-1.2
"""Awareness training (area D): four codes, for the municipality's own staff only.

``training.take`` takes modules and reads one's own results and certificates; ``training.manage`` (the
resilience coordinator) authors modules, assigns them and reads completion for every department;
``training.department`` (the line manager) reads completion of the departments one manages;
``training.overview`` (the council) reads the organisation's completion as a whole. Nobody but the taker
ever reads an individual score. Which objects each code reaches is in ``scopes.py``.
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.training import scopes
from weerbaar.training.models import Attempt, Department, Module

declare(
    Perm.TRAINING_TAKE,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Take the awareness training assigned to one, and read one's own results and certificates.",
)
declare(
    Perm.TRAINING_MANAGE,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Author and publish training modules, assign them, and read completion per department.",
)
declare(
    Perm.TRAINING_DEPARTMENT,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Read training completion (counts and shares, suppressed) of the departments one manages.",
)
declare(
    Perm.TRAINING_OVERVIEW,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Read the organisation's training completion as a whole (suppressed), as the council.",
)


@register(Perm.TRAINING_TAKE)
def take(actor: Actor, obj: Any) -> bool:
    if actor.organisation is None:
        return False
    if obj is None:
        return True
    if isinstance(obj, Module):
        return scopes.is_takeable(actor, obj)
    if isinstance(obj, Attempt):
        return scopes.is_own_attempt(actor, obj)
    return False


@register(Perm.TRAINING_MANAGE)
def manage(actor: Actor, obj: Any) -> bool:
    if actor.organisation is None:
        return False
    if obj is None:
        return True
    if isinstance(obj, Module):
        return scopes.is_managed(actor, obj)
    if isinstance(obj, Department):
        return obj.organisation_id == actor.organisation_id
    return False


@register(Perm.TRAINING_DEPARTMENT)
def department(actor: Actor, obj: Any) -> bool:
    if actor.organisation is None:
        return False
    if obj is None:
        return True
    if isinstance(obj, Department):
        return scopes.is_department_visible(actor, obj)
    return False


@register(Perm.TRAINING_OVERVIEW)
def overview(actor: Actor, obj: Any) -> bool:
    return actor.organisation is not None and obj is None
