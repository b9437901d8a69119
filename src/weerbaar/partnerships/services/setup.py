# SPDX-License-Identifier: EUPL-1.2
"""Setting a partnership up: the partnership itself, participants with their ceiling, representatives and
the declaration of intent or covenant. Only those who run the partnership (``partnerships.manage``)."""

import hashlib
import secrets
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.uploads import sanitise_upload
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships.ceiling import allowed_ceilings
from weerbaar.partnerships.constants import DataClass, DocumentKind, LegalBasis
from weerbaar.partnerships.geometry import area_from_geojson, area_from_municipalities
from weerbaar.partnerships.models import (
    DirectoryEntry,
    Participant,
    Partnership,
    PartnershipDocument,
    Representative,
    number_new,
)
from weerbaar.partnerships.services._common import acting_user, require

#: The set-up fields a facilitator edits (the area is set through ``municipalities`` or ``area_geojson``).
SETUP_FIELDS = ("name", "area_type", "objectives", "decision_agreements", "communication_agreements")
OFFICES = ("chair", "project_leader", "facilitator")


def _number_free() -> str:
    while True:
        number = number_new("G")
        if not Partnership.objects.filter(number=number).exists():
            return number


def _area(municipalities: list[Municipality], area_geojson: str) -> tuple[dict[str, Any], bool]:
    if area_geojson.strip():
        return area_from_geojson(area_geojson), True
    if not municipalities:
        raise ValidationError(
            {"municipalities": _("Choose the municipalities of the area, or upload its boundary as GeoJSON.")}
        )
    return area_from_municipalities(sorted(m.code for m in municipalities)), False


def _check_ceiling(organisation: Organisation, ceiling: str, legal_basis: str) -> None:
    """Refuse a ceiling the participant could never receive, with the reason (docs/partnerships.md)."""
    if ceiling == DataClass.STRAFRECHTELIJK:
        raise ValidationError(
            {"ceiling": _("Criminal-offence data are never shared in an area partnership; they stay in area B.")}
        )
    if ceiling in allowed_ceilings(private=organisation.is_private, legal_basis=legal_basis):
        return
    if organisation.is_private:
        message = _("A private partner receives at most operational data without persons.")
    else:
        message = _("Personal data need a covenant or a Wgs designation as legal basis.")
    raise ValidationError({"ceiling": message})


@transaction.atomic
def partnership_create(
    *,
    actor: Actor,
    name: str,
    area_type: str,
    objectives: str,
    municipalities: list[Municipality],
    decision_agreements: str = "",
    communication_agreements: str = "",
    area_geojson: str = "",
    chair: User | None = None,
    project_leader: User | None = None,
) -> Partnership:
    """A new partnership led by the actor's organisation, with the actor as facilitator.

    The lead organisation joins as the first participant (covenant; personal data where its type allows)
    and the actor as its representative, so the partnership is never without someone who runs it.
    """
    require(actor, Perm.PARTNERSHIPS_MANAGE)
    user = acting_user(actor)
    lead = actor.organisation
    if lead is None:
        raise ValidationError(_("Choose the organisation you act for first."))
    area, drawn = _area(municipalities, area_geojson)
    partnership = Partnership(
        number=_number_free(),
        name=name.strip(),
        area_type=area_type,
        objectives=objectives.strip(),
        decision_agreements=decision_agreements.strip(),
        communication_agreements=communication_agreements.strip(),
        area=area,
        area_drawn=drawn,
        lead_organisation=lead,
        chair=chair,
        project_leader=project_leader,
        facilitator=user,
        created_by=user,
    )
    partnership.full_clean()
    partnership.save(force_insert=True)
    partnership.municipalities.set(municipalities)
    ceiling = allowed_ceilings(private=lead.is_private, legal_basis=LegalBasis.CONVENANT)[-1]
    participant = Participant(
        partnership=partnership, organisation=lead, ceiling=ceiling, legal_basis=LegalBasis.CONVENANT
    )
    participant.full_clean()
    participant.save(force_insert=True)
    Representative.objects.create(participant=participant, user=user, function=_("Facilitator"))
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=partnership,
        details={"area_drawn": drawn, "municipalities": sorted(m.code for m in municipalities)},
    )
    return partnership


@transaction.atomic
def partnership_update(
    *,
    actor: Actor,
    partnership: Partnership,
    expected_version: int | None,
    data: dict[str, Any],
    municipalities: list[Municipality] | None = None,
    area_geojson: str = "",
) -> Partnership:
    """Change the set-up: name, kind of area, objectives, agreements, office holders, the area."""
    require(actor, Perm.PARTNERSHIPS_MANAGE, partnership)
    partnership = lock_for_update(Partnership, partnership, expected_version)
    changed = [name for name in (*SETUP_FIELDS, *OFFICES) if name in data and getattr(partnership, name) != data[name]]
    for name in changed:
        value = data[name]
        setattr(partnership, name, value.strip() if isinstance(value, str) else value)
    if partnership.facilitator is None:
        raise ValidationError({"facilitator": _("A partnership always has a facilitator.")})
    area_changed = False
    if area_geojson.strip() or (
        municipalities is not None
        and {m.pk for m in municipalities} != set(partnership.municipalities.values_list("pk", flat=True))
    ):
        current = municipalities if municipalities is not None else list(partnership.municipalities.all())
        partnership.area, partnership.area_drawn = _area(current, area_geojson)
        if municipalities is not None:
            partnership.municipalities.set(municipalities)
        changed += ["area", "area_drawn"]
        area_changed = True
    if not changed:
        return partnership
    partnership.full_clean()
    bump_version(partnership, [*changed, "updated_at"])
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=partnership,
        details={"fields": sorted(set(changed)), "area_changed": area_changed},
    )
    return partnership


@transaction.atomic
def participant_add(
    *,
    actor: Actor,
    partnership: Partnership,
    organisation: Organisation,
    ceiling: str,
    legal_basis: str,
    joined_at: date | None = None,
) -> Participant:
    require(actor, Perm.PARTNERSHIPS_MANAGE, partnership)
    if partnership.participants.filter(organisation=organisation, left_at__isnull=True).exists():
        raise ValidationError({"organisation": _("This organisation already takes part.")})
    if not organisation.is_active:
        raise ValidationError({"organisation": _("This organisation is no longer active on Weerbaar.")})
    _check_ceiling(organisation, ceiling, legal_basis)
    participant = Participant(
        partnership=partnership,
        organisation=organisation,
        ceiling=ceiling,
        legal_basis=legal_basis,
        joined_at=joined_at or timezone.localdate(),
    )
    participant.full_clean()
    participant.save(force_insert=True)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=partnership,
        details={
            "participant_added": str(participant.uuid),
            "organisation": str(organisation.uuid),
            "ceiling": ceiling,
            "legal_basis": legal_basis,
        },
    )
    return participant


@transaction.atomic
def participant_ceiling_set(*, actor: Actor, participant: Participant, ceiling: str, legal_basis: str) -> Participant:
    """Agree another ceiling or legal basis with a participant (audited with old and new values)."""
    partnership = participant.partnership
    require(actor, Perm.PARTNERSHIPS_MANAGE, partnership)
    if participant.left_at is not None:
        raise ValidationError(_("This participant has left the partnership."))
    _check_ceiling(participant.organisation, ceiling, legal_basis)
    before = {"ceiling": participant.ceiling, "legal_basis": participant.legal_basis}
    participant.ceiling, participant.legal_basis = ceiling, legal_basis
    participant.full_clean()
    participant.save(update_fields=["ceiling", "legal_basis"])
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=partnership,
        details={
            "participant": str(participant.uuid),
            "ceiling": [before["ceiling"], ceiling],
            "legal_basis": [before["legal_basis"], legal_basis],
        },
    )
    return participant


@transaction.atomic
def participant_leave(*, actor: Actor, participant: Participant, left_at: date | None = None) -> Participant:
    """The participant leaves: its representatives stop, its directory entry is no longer shown."""
    partnership = participant.partnership
    require(actor, Perm.PARTNERSHIPS_MANAGE, partnership)
    if participant.organisation_id == partnership.lead_organisation_id:
        raise ValidationError(_("The lead organisation cannot leave its own partnership."))
    if participant.left_at is not None:
        raise ValidationError(_("This participant has already left."))
    participant.left_at = left_at or timezone.localdate()
    participant.full_clean()
    participant.save(update_fields=["left_at"])
    participant.representatives.filter(ended_at__isnull=True).update(ended_at=timezone.now())
    # Nobody is reached through the entry of a participant that left: its contact data go now, the entry
    # itself when its retention ends (``partnerships.retention``).
    erased = DirectoryEntry.objects.filter(participant=participant).update(
        contact_name="", contact_phone="", contact_email="", contact_consent=False, consent_at=None, consent_by=None
    )
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=partnership,
        details={"participant_left": str(participant.uuid), "directory_contact_erased": bool(erased)},
    )
    return participant


def representable_users(*, participant: Participant) -> list[User]:
    """People who can represent the participant: a current role at its organisation that lets them take
    part in a partnership (``partnerships.view``), and not representing it already."""
    organisation = participant.organisation
    current = set(participant.representatives.filter(ended_at__isnull=True).values_list("user_id", flat=True))
    users = (
        User.objects.filter(
            is_active=True,
            pk__in=RoleAssignment.objects.current().filter(organisation=organisation).values("user_id"),
        )
        .exclude(pk__in=current)
        .order_by("last_name", "first_name", "username")
    )
    return [
        user
        for user in users
        if Perm.PARTNERSHIPS_VIEW in actor_for(user=user, organisation_uuid=organisation.uuid).permissions
    ]


@transaction.atomic
def representative_add(*, actor: Actor, participant: Participant, user: User, function: str) -> Representative:
    partnership = participant.partnership
    require(actor, Perm.PARTNERSHIPS_MANAGE, partnership)
    if participant.left_at is not None:
        raise ValidationError(_("This participant has left the partnership."))
    if user not in representable_users(participant=participant):
        raise ValidationError(
            {
                "user": _(
                    "This person cannot represent %(organisation)s: they need a current role there that takes "
                    "part in area partnerships, and may not represent it already."
                )
                % {"organisation": participant.organisation.name}
            }
        )
    representative = Representative(participant=participant, user=user, function=function.strip())
    representative.full_clean()
    representative.save(force_insert=True)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=partnership,
        details={"representative_added": str(representative.uuid), "participant": str(participant.uuid)},
    )
    return representative


@transaction.atomic
def representative_end(*, actor: Actor, representative: Representative) -> Representative:
    partnership = representative.participant.partnership
    require(actor, Perm.PARTNERSHIPS_MANAGE, partnership)
    if representative.ended_at is not None:
        return representative
    representative.ended_at = timezone.now()
    representative.save(update_fields=["ended_at"])
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=partnership,
        details={"representative_ended": str(representative.uuid)},
    )
    return representative


def document_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "partnerships"


def document_path(document: PartnershipDocument) -> Path:
    return document_root() / Path(document.stored_name).name


@transaction.atomic
def document_add(
    *,
    actor: Actor,
    partnership: Partnership,
    kind: str,
    signed_on: date,
    signatories: list[Participant],
    upload: UploadedFile[bytes] | None = None,
) -> PartnershipDocument:
    """Record a declaration of intent or covenant; the file goes through the shared upload check."""
    require(actor, Perm.PARTNERSHIPS_MANAGE, partnership)
    user = acting_user(actor)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The date of signing cannot lie in the future.")})
    if not signatories:
        raise ValidationError({"signatories": _("Choose who signed it.")})
    if any(s.partnership_id != partnership.pk for s in signatories):
        raise ValidationError({"signatories": _("Only participants of this partnership can sign it.")})
    document = PartnershipDocument(partnership=partnership, kind=kind, signed_on=signed_on, uploaded_by=user)
    written: Path | None = None
    if upload is not None:
        clean = sanitise_upload(upload)
        document.stored_name = f"{secrets.token_hex(16)}.{clean.extension}"
        document.content_type = clean.content_type
        document.size = len(clean.content)
        written = document_path(document)
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_bytes(clean.content)
        written.chmod(0o600)
    try:
        document.full_clean()
        document.save(force_insert=True)
        document.signatories.set(signatories)
        audit_event_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=partnership,
            details={
                "document_added": str(document.uuid),
                "kind": kind,
                "signatories": len(signatories),
                "sha256": hashlib.sha256(written.read_bytes()).hexdigest() if written else "",
            },
        )
    except Exception:
        if written is not None:
            written.unlink(missing_ok=True)
        raise
    return document
