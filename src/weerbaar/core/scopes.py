# SPDX-License-Identifier: EUPL-1.2
"""Helpers for visibility rules written once, as a query filter.

Each app's ``scopes.py`` states who may see its objects as a function of the actor that returns a
:class:`~django.db.models.Q`. A list is that filter; a related model reuses it through ``prefix`` (the path
from the related model to the object, ending in ``__``); a decision about one object asks whether the
object is inside the same filter (:func:`holds`). So the list, the page, the provider and the export cannot
disagree: there is nothing to disagree about.
"""

from __future__ import annotations

from typing import Any, Final

from django.db.models import Model, Q

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
