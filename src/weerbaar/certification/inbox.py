# SPDX-License-Identifier: EUPL-1.2
"""The certification's contribution to "My work": for those who run a partnership, the recertification
(six and three months before the certificate ends) and the yearly evaluation (a 1-meting) falling due.

The rows are the reminders of ``selectors.reminders_due``, read through the managers' rule, so they never
point at a partnership the actor does not run. The same reminders are mailed once by the periodic job.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from weerbaar.certification.selectors import Reminder, reminders_due
from weerbaar.certification.services.reminders import reminder_text
from weerbaar.core.policy import Actor
from weerbaar.inbox.registry import Section, Source, WorkItem, is_overdue, register


def _item(reminder: Reminder) -> WorkItem:
    partnership = reminder.partnership
    return WorkItem(
        kind=_("Certification"),
        title=reminder_text(reminder),
        reference=partnership.number,
        url=reverse("certification:cycle", kwargs={"uuid": partnership.uuid}),
        due=reminder.due_on,
        overdue=is_overdue(reminder.due_on),
    )


def _items(actor: Actor, limit: int) -> list[WorkItem]:
    return [_item(reminder) for reminder in reminders_due(actor=actor)[:limit]]


register(
    Source(
        "certification.reminders",
        Section.STEPS,
        items=_items,
        count=lambda actor: len(reminders_due(actor=actor)),
        pending=lambda actor: sum(1 for r in reminders_due(actor=actor) if is_overdue(r.due_on)),
    )
)
