# SPDX-License-Identifier: EUPL-1.2
"""Writes of "My work": the digest preference and the daily digest mail (counts and a link, nothing else)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.inbox.models import DigestPreference
from weerbaar.inbox.registry import Section
from weerbaar.inbox.selectors import inbox_counts
from weerbaar.notifications.services import outbox_enqueue


@transaction.atomic
def digest_preference_set(*, actor: Actor, daily: bool) -> DigestPreference:
    """Switch the actor's daily digest on or off (their own preference only)."""
    if actor.user is None:
        raise PermissionDenied
    preference, _created = DigestPreference.objects.select_for_update().get_or_create(user=actor.user)
    if preference.daily != daily:
        preference.daily = daily
        preference.full_clean()
        preference.save(update_fields=["daily", "updated_at"])
        audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=preference, details={"daily": daily})
    return preference


def digest_body(counts: dict[Section, int]) -> str:
    """The mail text: one line per section with something waiting, and the link. No titles, names or numbers."""
    lines = [_("This is waiting for you in Weerbaar:"), ""]
    lines += [f"- {section.label}: {count}" for section in Section if (count := counts.get(section, 0))]
    lines += ["", _("See it under My work: %(url)s") % {"url": settings.WEERBAAR_BASE_URL + reverse("inbox:index")}]
    return "\n".join(lines)


def digest_send(*, user: User) -> bool:
    """Send ``user`` today's digest, once a day and only with something waiting; True when a mail went out."""
    today = timezone.localdate()
    with transaction.atomic():
        preference = DigestPreference.objects.select_for_update().filter(user=user, daily=True).first()
        if preference is None or preference.last_sent_on == today or not user.is_active or not user.email:
            return False
        actor = actor_for(user=user)
        counts = inbox_counts(actor=actor)
        if not any(counts.values()):
            return False
        with translation.override(settings.LANGUAGE_CODE):
            outbox_enqueue(recipient=user.email, subject=_("Your work in Weerbaar"), body=digest_body(counts))
        preference.last_sent_on = today
        preference.save(update_fields=["last_sent_on"])
    return True


def digest_send_all() -> int:
    """Send the digest to every subscribed user; the number of mails sent."""
    users = User.objects.filter(pk__in=DigestPreference.objects.filter(daily=True).values("user")).order_by("pk")
    return sum(digest_send(user=user) for user in users)
