# SPDX-License-Identifier: EUPL-1.2
"""Optimistic locking: a form carries the version it was loaded with; a save against a newer one is refused.

A service re-reads the object under a row lock with :func:`lock_for_update` (which refuses a stale
version), changes it and saves through :func:`bump_version`, so the next form loaded sees a new version.
"""

from collections.abc import Sequence

from django.db import models
from django.db.models import F


class StaleVersionError(Exception):
    """Someone else changed the object since this form was loaded (the API answers 409)."""


class VersionedModel(models.Model):
    """An object whose actions are versioned."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


def lock_for_update[M: VersionedModel](model: type[M], obj: M, expected_version: int | None) -> M:
    """Re-read ``obj`` under a row lock (inside the caller's transaction); refuse it when the form is stale.

    ``expected_version`` None means the caller has no form (a task, a bulk action): no check.
    """
    locked = model._default_manager.select_for_update().get(pk=obj.pk)  # noqa: SLF001 - public Django API
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersionError
    return locked


def bump_version(obj: VersionedModel, fields: Sequence[str] = ()) -> None:
    """Raise the version in the database (never lost to a concurrent save) and save ``fields``."""
    type(obj)._default_manager.filter(pk=obj.pk).update(version=F("version") + 1)  # noqa: SLF001 - public Django API
    obj.version += 1
    if fields:
        obj.save(update_fields=list(fields))
