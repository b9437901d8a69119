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

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

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


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda s: (list(Section).index(s.section), s.name))
