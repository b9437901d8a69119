# SPDX-License-Identifier: EUPL-1.2
"""Reads of "My work": the registered sources, collected per section and sorted; nothing of their own.

Each source reads through its app's selectors, which the actor's visibility rules scope; the inbox adds
no query of its own, so it cannot show more than the apps' pages do.
"""

from dataclasses import dataclass
from datetime import date

from django_stubs_ext import StrOrPromise

from weerbaar.core.policy import Actor
from weerbaar.inbox.registry import Section, WorkItem, sources

#: Rows per source on the page; the section's count still counts them all.
ROW_LIMIT = 50


@dataclass(frozen=True)
class InboxSection:
    section: Section
    label: StrOrPromise
    count: int
    items: list[WorkItem]

    @property
    def truncated(self) -> bool:
        return len(self.items) < self.count


def _sort_key(item: WorkItem) -> tuple[bool, date, str]:
    # Overdue first, then the nearest due date; rows without one (meetings are dated) last.
    return (not item.overdue, item.due_date or date.max, str(item.title))


def inbox_sections(*, actor: Actor) -> list[InboxSection]:
    """The sections that have a source, in page order, each with all its rows counted."""
    collected: dict[Section, tuple[int, list[WorkItem]]] = {}
    for source in sources():
        count, items = collected.get(source.section, (0, []))
        collected[source.section] = (count + source.count(actor), items + source.items(actor, ROW_LIMIT))
    return [
        InboxSection(section, section.label, count, sorted(items, key=_sort_key))
        for section in Section
        if section in collected
        for count, items in [collected[section]]
    ]


def inbox_counts(*, actor: Actor) -> dict[Section, int]:
    """The number of rows per section (the digest's only content)."""
    counts: dict[Section, int] = {}
    for source in sources():
        counts[source.section] = counts.get(source.section, 0) + source.count(actor)
    return counts


def inbox_pending_count(*, actor: Actor) -> int:
    """Rows that need action now: overdue steps and decisions waiting (the number on the menu item)."""
    if not actor.is_authenticated:
        return 0
    return sum(source.pending(actor) for source in sources() if source.pending is not None)
