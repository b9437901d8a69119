# SPDX-License-Identifier: EUPL-1.2
"""Helpers for visibility rules written once, as a query filter.

Each app's ``scopes.py`` states who may see its objects as a function of the actor that returns a
:class:`~django.db.models.Q`. A list is that filter; a related model reuses it through ``prefix`` (the path
from the related model to the object, ending in ``__``); a decision about one object asks whether the
object is inside the same filter (:func:`holds`). So the list, the page, the provider and the export cannot
disagree: there is nothing to disagree about.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Final, cast

from django.db.models import Model, Q
from django.utils import timezone

from weerbaar.core.policy import Actor

#: Matches nothing, without a query: Django answers an empty ``IN`` before it reaches the database.
NOTHING: Final = Q(pk__in=[])


def holds(q: Q, obj: Model | None) -> bool:
    """Whether the stored ``obj`` is inside the filter ``q`` (the object-level face of a list-level rule)."""
    if obj is None or obj.pk is None:
        return False
    manager: Any = obj._meta.default_manager  # noqa: SLF001 - _meta is public Django API
    return bool(manager.filter(pk=obj.pk).filter(q).exists())


def lookup(prefix: str, path: str, value: Any) -> Q:
    """``Q(<prefix><path>=value)``: one condition of a rule, seen from the model ``prefix`` starts at."""
    return Q(**{f"{prefix}{path}": value})


# --------------------------------------------------------------------------------------------------
# Need-to-know membership
# --------------------------------------------------------------------------------------------------
#
# Several kinds of object (a case, a joint action) are seen by their members only. A membership row names
# an organisation (``user`` empty: its staff with the right permission) or a named person, and may end
# (``ends_on`` is the last day). These two filters are that rule, for any such membership model.


def membership_active(prefix: str = "") -> Q:
    """Memberships that have not ended (``ends_on`` is the last day of membership)."""
    return lookup(prefix, "ends_on__isnull", True) | lookup(prefix, "ends_on__gte", timezone.localdate())


def membership_of(actor: Actor, prefix: str = "") -> Q:
    """The actor's active memberships: of their organisation (unnamed) or of themselves (named)."""
    if actor.user is None or actor.organisation_id is None:
        return NOTHING
    whose = (lookup(prefix, "organisation_id", actor.organisation_id) & lookup(prefix, "user__isnull", True)) | (
        lookup(prefix, "user_id", actor.user.pk)
    )
    return whose & membership_active(prefix)


# --------------------------------------------------------------------------------------------------
# What a rule resolves to, remembered for the rest of a read-only request
# --------------------------------------------------------------------------------------------------
#
# A page asks the same rule several times (the menu's counts, the blocks of the start page, the list):
# a membership rule written as nested subqueries costs the ORM milliseconds to build each time, and a rule
# that resolves ids costs a query each time. While a GET or HEAD request is served
# (``core.middleware.ReadMemoMiddleware``) such a rule may resolve once and be remembered under a key that
# names the actor; a request that writes, a task and a test outside a request always resolve afresh.

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("weerbaar_scope_memo", default=None)


def remembering() -> bool:
    """Whether rules may be remembered now (inside a read-only request)."""
    return _memo.get() is not None


def remembered[T](key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per key inside a read-only request; every time outside one."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return cast(T, memo[key])


def actor_key(actor: Any) -> tuple[Any, ...]:
    """What a rule's answer depends on of the actor: who, for which organisation, with which permissions."""
    return (actor.user.pk if actor.user else None, actor.organisation_id, actor.permissions)


@contextmanager
def memo_while_reading() -> Iterator[None]:
    """Remember resolved rules until the block ends (one read-only request)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)
