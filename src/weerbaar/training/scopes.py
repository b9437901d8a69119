# SPDX-License-Identifier: EUPL-1.2
"""Who sees what of awareness training, written once as query filters (see weerbaar.core.scopes).

- A module is taken by staff of the organisation it belongs to, or by staff of any municipality when it is
  shipped with the product (no organisation); only a published module is taken.
- A module is authored by the resilience coordinator of its organisation; a shipped module is read-only.
- An attempt (with its score) is seen by the person who made it, by nobody else: the figures others see are
  counts per department (``selectors.completion_per_department``), never a person's score.
- A department's figures are seen by the coordinator (every department of the organisation) and by the
  line manager of that department.
"""

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, holds, lookup
from weerbaar.training.constants import ModuleStatus
from weerbaar.training.models import Attempt, Department, Module


def _for_org(actor: Actor, prefix: str) -> Q:
    return lookup(prefix, "organisation_id", actor.organisation_id) | lookup(prefix, "organisation__isnull", True)


def module_takeable(actor: Actor, prefix: str = "") -> Q:
    """Published modules of the actor's organisation and the shipped ones."""
    if actor.organisation_id is None or not (can(actor, Perm.TRAINING_TAKE) or can(actor, Perm.TRAINING_MANAGE)):
        return NOTHING
    return _for_org(actor, prefix) & lookup(prefix, "status", ModuleStatus.PUBLISHED)


def module_managed(actor: Actor, prefix: str = "") -> Q:
    """Every module the coordinator sees: the organisation's own (drafts too) and the shipped published ones."""
    if actor.organisation_id is None or not can(actor, Perm.TRAINING_MANAGE):
        return NOTHING
    shipped = lookup(prefix, "organisation__isnull", True) & lookup(prefix, "status", ModuleStatus.PUBLISHED)
    return lookup(prefix, "organisation_id", actor.organisation_id) | shipped


def module_editable(actor: Actor, prefix: str = "") -> Q:
    """Drafts of the coordinator's own organisation."""
    if actor.organisation_id is None or not can(actor, Perm.TRAINING_MANAGE):
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id) & lookup(prefix, "status", ModuleStatus.DRAFT)


def attempt_visible(actor: Actor, prefix: str = "") -> Q:
    """One's own attempts, made for the organisation one acts for."""
    if actor.user is None or actor.organisation_id is None or not can(actor, Perm.TRAINING_TAKE):
        return NOTHING
    return lookup(prefix, "user_id", actor.user.pk) & lookup(prefix, "organisation_id", actor.organisation_id)


def department_figures_visible(actor: Actor, prefix: str = "") -> Q:
    """Departments whose completion figures the actor reads: all of the organisation for the coordinator,
    the departments one manages for a line manager."""
    if actor.user is None or actor.organisation_id is None:
        return NOTHING
    own = lookup(prefix, "organisation_id", actor.organisation_id)
    if can(actor, Perm.TRAINING_MANAGE):
        return own
    if can(actor, Perm.TRAINING_DEPARTMENT):
        return own & lookup(prefix, "managers", actor.user.pk)
    return NOTHING


def is_takeable(actor: Actor, module: Module) -> bool:
    return holds(module_takeable(actor), module)


def is_managed(actor: Actor, module: Module) -> bool:
    return holds(module_managed(actor), module)


def is_own_attempt(actor: Actor, attempt: Attempt) -> bool:
    return holds(attempt_visible(actor), attempt)


def is_department_visible(actor: Actor, department: Department) -> bool:
    return holds(department_figures_visible(actor), department)
