# SPDX-License-Identifier: EUPL-1.2
"""Mail the certificates' reminders through the outbox, once each (run by a periodic job:
``manage.py certification_reminders``). The mail says only that something is due, with a link."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.certification.constants import ReminderKind
from weerbaar.certification.models import ReminderSent
from weerbaar.certification.selectors import Reminder, reminders_due
from weerbaar.notifications.services import outbox_enqueue


def reminder_text(reminder: Reminder) -> str:
    name = reminder.partnership.name
    if reminder.kind == ReminderKind.EVALUATION:
        return _("Yearly evaluation of %(name)s: record the 1-meting before %(date)s.") % {
            "name": name,
            "date": reminder.due_on.isoformat(),
        }
    return _("The certificate of %(name)s ends on %(date)s: prepare the recertification.") % {
        "name": name,
        "date": reminder.due_on.isoformat(),
    }


@transaction.atomic
def reminders_send(*, today: date | None = None) -> int:
    """Mail every due reminder not mailed before to the partnership's facilitator; the number mailed."""
    today = today or timezone.localdate()
    sent = 0
    for reminder in reminders_due(today=today):
        _row, created = ReminderSent.objects.get_or_create(
            certificate=reminder.certificate, kind=reminder.kind, due_on=reminder.due_on
        )
        if not created:
            continue
        facilitator = reminder.partnership.facilitator
        if facilitator is None or not facilitator.email:
            continue
        url = settings.WEERBAAR_BASE_URL + reverse("certification:cycle", kwargs={"uuid": reminder.partnership.uuid})
        outbox_enqueue(
            recipient=facilitator.email,
            subject=_("Certification: reminder"),
            body="\n".join([reminder_text(reminder), "", _("See it in Weerbaar: %(url)s") % {"url": url}]),
        )
        sent += 1
    return sent
