# SPDX-License-Identifier: EUPL-1.2
"""What each domain app contributes to "My work", registered from its own ``inbox.py``.

The inbox app only collects, sorts and renders: it imports no domain app, so the separation between the
areas (threats never meets signals, cases or correlation) holds here too. A source reads through its own
app's selectors and scopes, so the inbox shows exactly what the actor could find on the app's pages.

A source answers three questions for an actor: its rows (at most ``limit``), how many rows there are, and
how many of them need action now (overdue or waiting for a decision: the number on the menu item). The
counts are ``.count()`` queries, so the menu badge costs a few indexed counts, never a list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.core.policy import Actor


class Section(StrEnum):
    """The sections of the page, in the order they are shown."""

    STEPS = "steps"
    DECISIONS = "decisions"
    ANSWERS = "answers"
    ACTIONS = "actions"
    MEETINGS = "meetings"
    REQUESTS = "requests"
    ALERTS = "alerts"

    @property
    def label(self) -> StrOrPromise:
        return SECTION_LABELS[self]


SECTION_LABELS: dict[Section, StrOrPromise] = {
    Section.STEPS: _("Steps due soon or overdue"),
    Section.DECISIONS: _("Waiting for your decision"),
    Section.ANSWERS: _("Answers from reporters"),
    Section.ACTIONS: _("Meeting actions"),
    Section.MEETINGS: _("Upcoming meetings"),
    Section.REQUESTS: _("Your access requests"),
    Section.ALERTS: _("Area alerts you have not read"),
}

#: How far ahead a step counts as "falling due" and a meeting as "upcoming".
DUE_SOON_DAYS = 7
MEETING_DAYS = 14


@dataclass(frozen=True)
class WorkItem:
    """One row: a link to the object by its number or title, never by personal data.

    ``kind`` names what the row is ("Signal to qualify", "Access request"); ``reference`` is the object's
    number (empty when the actor may not learn it); ``status`` is shown for rows without a due date.
    """

    kind: StrOrPromise
    title: StrOrPromise
    reference: str
    url: str
    due: date | datetime | None = None
    overdue: bool = False
    status: StrOrPromise = ""

    @property
    def due_date(self) -> date | None:
        if isinstance(self.due, datetime):
            return self.due.date()
        return self.due


@dataclass(frozen=True)
class Source:
    """One app's contribution to a section (``name`` is unique, e.g. ``"cases.interventions"``)."""

    name: str
    section: Section
    items: Callable[[Actor, int], list[WorkItem]]
    count: Callable[[Actor], int]
    #: Rows that need action now; None when none of the source's rows ever do (meetings, own requests).
    pending: Callable[[Actor], int] | None = None


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Register (or, when a module is imported twice, keep) a source under its name."""
    _SOURCES.setdefault(source.name, source)
    return source


def register_query[M: Model](
    name: str,
    section: Section,
    rows: Callable[[Actor], QuerySet[M]],
    item: Callable[[M], WorkItem],
    *,
    order_by: Sequence[str],
    pending: Callable[[Actor], QuerySet[Any]] | None = None,
) -> Source:
    """Register a source whose rows are one query, so the list and its counts can never disagree.

    The list is the first ``limit`` rows in ``order_by`` order, each made a row by ``item``; ``pending``
    narrows the query to the rows that need action now.
    """

    def items(actor: Actor, limit: int) -> list[WorkItem]:
        return [item(row) for row in rows(actor).order_by(*order_by)[:limit]]

    return register(
        Source(
            name,
            section,
            items=items,
            count=lambda actor: rows(actor).count(),
            pending=None if pending is None else lambda actor: pending(actor).count(),
        )
    )


class DueRows[M: Model](Protocol):
    def __call__(self, actor: Actor, *, overdue_only: bool = False) -> QuerySet[M]: ...


def register_due[M: Model](
    name: str, section: Section, rows: DueRows[M], item: Callable[[M], WorkItem], *, order_by: Sequence[str]
) -> Source:
    """Register a source of rows falling due: those already overdue are the ones that need action now."""
    return register_query(
        name, section, rows, item, order_by=order_by, pending=lambda actor: rows(actor, overdue_only=True)
    )


def is_overdue(due: date | datetime | None) -> bool:
    """A moment is overdue once it has passed, a day once it is before today (a row due today is not late)."""
    if due is None:
        return False
    if isinstance(due, datetime):
        return due < timezone.now()
    return due < timezone.localdate()


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda s: (list(Section).index(s.section), s.name))
