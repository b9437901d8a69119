# SPDX-License-Identifier: EUPL-1.2
"""The directory: each participant writes its own entry, through its representatives.

Contact details (name, work phone, work e-mail) are personal data. They are stored and shown only with
the author's consent; withdrawing consent erases them. The free texts may not carry them past the
consent (the content check refuses phone numbers, e-mail addresses and the like there).
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linkage.normalise import normalise_email, normalise_phone
from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.partnerships.constants import EXPERTISE_MAX_TAGS, EXPERTISE_TAG_MAX
from weerbaar.partnerships.content import content_check
from weerbaar.partnerships.models import DirectoryEntry, Participant
from weerbaar.partnerships.services._common import acting_user, point_pair, require

CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")
TEXT_FIELDS = ("description", "offers", "reachability")


def expertise_tags(value: str | list[str]) -> list[str]:
    """Tags from a comma-separated text (or a list): trimmed, lower case, unique, in the order given."""
    raw = value.split(",") if isinstance(value, str) else value
    tags: list[str] = []
    for item in raw:
        tag = " ".join(str(item).split()).lower()
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > EXPERTISE_MAX_TAGS:
        raise ValidationError(
            {"expertise": _("Give at most %(max)s areas of expertise.") % {"max": EXPERTISE_MAX_TAGS}}
        )
    if any(len(tag) > EXPERTISE_TAG_MAX for tag in tags):
        raise ValidationError(
            {"expertise": _("An area of expertise is at most %(max)s characters.") % {"max": EXPERTISE_TAG_MAX}}
        )
    return tags


def _contact(data: dict[str, Any]) -> dict[str, str]:
    name = " ".join(str(data.get("contact_name") or "").split())
    phone_text = str(data.get("contact_phone") or "").strip()
    email_text = str(data.get("contact_email") or "").strip()
    errors: dict[str, str] = {}
    phone = normalise_phone(phone_text) if phone_text else ""
    if phone_text and not phone:
        errors["contact_phone"] = _("Enter a phone number, such as 06 12345678 or 013 1234567.")
    email = normalise_email(email_text) if email_text else ""
    if email_text and not email:
        errors["contact_email"] = _("Enter an e-mail address, such as name@example.nl.")
    if errors:
        raise ValidationError(errors)
    return {"contact_name": name, "contact_phone": phone or "", "contact_email": email or ""}


@transaction.atomic
def directory_entry_save(
    *, actor: Actor, participant: Participant, expected_version: int | None, data: dict[str, Any]
) -> DirectoryEntry:
    """Write the participant's entry (created on first save). Only its own representatives may.

    ``data``: description, expertise (text or list), offers, reachability, contact_name, contact_phone,
    contact_email, contact_consent, latitude, longitude (both or neither; kept at about 100 m).
    """
    require(actor, Perm.PARTNERSHIPS_DIRECTORY, participant)
    user = acting_user(actor)
    entry = DirectoryEntry.objects.filter(participant=participant).first()
    if entry is not None:
        entry = lock_for_update(DirectoryEntry, entry, expected_version)
    else:
        entry = DirectoryEntry(participant=participant, updated_by=user)
    texts = {name: str(data.get(name) or "").strip() for name in TEXT_FIELDS}
    content_check(**texts)
    latitude, longitude = point_pair(data.get("latitude"), data.get("longitude"))
    consent = bool(data.get("contact_consent"))
    contact = _contact(data) if consent else dict.fromkeys(CONTACT_FIELDS, "")
    if consent and not any(contact.values()):
        raise ValidationError(
            {"contact_consent": _("Fill in at least one contact detail to share, or give no consent.")}
        )
    values: dict[str, Any] = {
        **texts,
        **contact,
        "expertise": expertise_tags(data.get("expertise") or ""),
        "latitude": latitude,
        "longitude": longitude,
        "contact_consent": consent,
    }
    changed = [name for name, value in values.items() if _differs(getattr(entry, name), value)]
    for name, value in values.items():
        setattr(entry, name, value)
    if consent and (not entry.consent_at or any(name in changed for name in (*CONTACT_FIELDS, "contact_consent"))):
        entry.consent_at, entry.consent_by = timezone.now(), user
        changed += ["consent_at", "consent_by"]
    if not consent:
        entry.consent_at, entry.consent_by = None, None
    entry.updated_by = user
    entry.full_clean()
    created = entry.pk is None
    if created:
        entry.save(force_insert=True)
    elif changed:
        bump_version(entry, [*values, "consent_at", "consent_by", "updated_by", "updated_at"])
    if created or changed:
        audit_event_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=participant.partnership,
            details={
                "directory_entry": str(entry.uuid),
                "participant": str(participant.uuid),
                "fields": sorted(set(changed)),
                "contact_consent": consent,
            },
        )
    return entry


def _differs(current: Any, new: Any) -> bool:
    if isinstance(current, Decimal) or isinstance(new, Decimal):
        return (None if current is None else Decimal(current)) != (None if new is None else Decimal(new))
    return bool(current != new)
