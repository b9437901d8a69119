# SPDX-License-Identifier: EUPL-1.2
"""Append-only status history: who moved the object where, when and why."""

from datetime import datetime
from typing import Any, NoReturn, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyModel(models.Model):
    """A history row: written once, never changed or deleted (cascading deletes of the owner aside)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__}: history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValueError(f"{type(self).__name__}: history is append-only.")


class StatusHistory(AppendOnlyModel):
    """One row per status change. Subclasses add the foreign key to their object (``related_name=
    "status_changes"``) and may narrow ``from_status``/``to_status`` to their own choices."""

    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30)
    # The row outlives the account (a person may leave); the audit trail names them in any case.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reasoning"), max_length=4000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    @classmethod
    def record(
        cls,
        *,
        actor: Any,
        to_status: str,
        from_status: str = "",
        reason: str = "",
        at: datetime | None = None,
        **owner: Any,
    ) -> Self:
        """Append one change; ``owner`` is the subclass's foreign key (``signal=…``, ``case=…``)."""
        change = cls(
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            reason=reason.strip(),
            at=at or timezone.now(),
            **owner,
        )
        change.save(force_insert=True)
        return change
