# SPDX-License-Identifier: EUPL-1.2
"""Training's contribution to "My work": the modules assigned to the actor and not yet passed; an overdue one
counts on the menu item. Rows come from ``selectors.assignment_open_list`` (the actor's own only)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from weerbaar.core.policy import Actor
from weerbaar.inbox.registry import Section, Source, WorkItem, register
from weerbaar.training.selectors import assignment_open_list


def _items(actor: Actor, limit: int) -> list[WorkItem]:
    return [
        WorkItem(
            kind=_("Training"),
            title=row.module.title,
            reference="",
            url=reverse("training:module", kwargs={"uuid": row.module.uuid}),
            due=row.due_date,
            overdue=row.overdue,
        )
        for row in assignment_open_list(actor=actor)[:limit]
    ]


def _count(actor: Actor) -> int:
    return len(assignment_open_list(actor=actor))


def _pending(actor: Actor) -> int:
    return sum(1 for row in assignment_open_list(actor=actor) if row.overdue)


register(Source("training.assignments", Section.STEPS, _items, _count, _pending))
