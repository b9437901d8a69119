# SPDX-License-Identifier: EUPL-1.2
"""Area alerts: a short, non-personal message from the police, a BOA or the facilitator to the partners.

The text passes the content check first (no licence plate, e-mail address, phone number, account number
or address). The partners are told by mail through the outbox — the mail says only that there is a new
alert for the partnership and links to it — and read it in Weerbaar; who read it is kept only to count.
"""

from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.content import content_check
from weerbaar.partnerships.models import AlertReceipt, AreaAlert, Partnership, Representative, number_new
from weerbaar.partnerships.permissions import Shown, Shows
from weerbaar.partnerships.services._common import acting_user, point_pair, require

#: What the alert mail shows: the partnership's name, which is operational data; nothing of the alert.
ALERT_MAIL_SHOWN = Shown(DataClass.OPERATIONEEL)


def _number_free() -> str:
    while True:
        number = number_new("B")
        if not AreaAlert.objects.filter(number=number).exists():
            return number


def alert_recipients(*, partnership: Partnership) -> list[User]:
    """Members who receive the alert: each asked of the policy as they would act for the partnership
    (a representative for the participant's organisation, an office holder for their own)."""
    candidates: dict[int, tuple[User, UUID | None]] = {}
    for representative in Representative.objects.filter(
        participant__partnership=partnership, participant__left_at__isnull=True, ended_at__isnull=True
    ).select_related("user", "participant__organisation"):
        candidates.setdefault(
            representative.user_id, (representative.user, representative.participant.organisation.uuid)
        )
    for office in ("chair", "project_leader", "facilitator"):
        holder = getattr(partnership, office)
        if holder is not None:
            candidates.setdefault(holder.pk, (holder, None))
    recipients = []
    for user, organisation_uuid in candidates.values():
        if not user.is_active:
            continue
        member = actor_for(user=user, organisation_uuid=organisation_uuid)
        if can(member, Perm.PARTNERSHIPS_VIEW, Shows(partnership, ALERT_MAIL_SHOWN)):
            recipients.append(user)
    return sorted(recipients, key=lambda u: u.pk)


def alert_mail_body(partnership: Partnership, alert: AreaAlert) -> str:
    url = settings.WEERBAAR_BASE_URL + reverse(
        "partnerships:alert", kwargs={"uuid": partnership.uuid, "alert_uuid": alert.uuid}
    )
    return "\n".join(
        [
            _("There is a new area alert for %(name)s.") % {"name": partnership.name},
            "",
            _("Read it in Weerbaar: %(url)s") % {"url": url},
        ]
    )


@transaction.atomic
def alert_send(
    *,
    actor: Actor,
    partnership: Partnership,
    theme: str,
    text: str,
    location_text: str = "",
    latitude: object = None,
    longitude: object = None,
    guidance: str = "",
) -> AreaAlert:
    require(actor, Perm.PARTNERSHIPS_ALERT, partnership)
    user = acting_user(actor)
    organisation = actor.organisation
    if organisation is None:  # the policy admits no actor without one; kept for the type checker
        raise PermissionDenied
    text, location_text, guidance = text.strip(), location_text.strip(), guidance.strip()
    content_check(text=text, location_text=location_text, guidance=guidance)
    lat, lon = point_pair(latitude, longitude)
    alert = AreaAlert(
        number=_number_free(),
        partnership=partnership,
        sender=user,
        sender_organisation=organisation,
        theme=theme,
        text=text,
        location_text=location_text,
        latitude=lat,
        longitude=lon,
        guidance=guidance,
    )
    alert.full_clean()
    alert.save(force_insert=True)
    # The sender has read what they wrote.
    AlertReceipt.objects.create(alert=alert, user=user)
    recipients = [r for r in alert_recipients(partnership=partnership) if r.pk != user.pk and r.email]
    subject = _("New area alert")
    body = alert_mail_body(partnership, alert)
    for recipient in recipients:
        outbox_enqueue(recipient=recipient.email, subject=subject, body=body)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=alert,
        details={"partnership": str(partnership.uuid), "theme": theme, "mailed": len(recipients)},
    )
    return alert


@transaction.atomic
def alert_read_mark(*, actor: Actor, alert: AreaAlert) -> bool:
    """Record that the actor read the alert (once). True when this was the first time."""
    require(actor, Perm.PARTNERSHIPS_VIEW, alert)
    user = acting_user(actor)
    _receipt, created = AlertReceipt.objects.get_or_create(alert=alert, user=user)
    return created
