# SPDX-License-Identifier: EUPL-1.2
"""Findings: what one partner found at one location, recorded once however often the form is sent.

Idempotency: the client generates a key (the finding form renders one in a hidden field; an API client
sends its own). The key is unique per operation in the database. A retry with the same key — a double
tap, a resubmitted form, a phone that lost its connection after sending — gets the first finding back.
Two retries racing each other both try the insert inside a savepoint; the database lets one through and
the other reads the winner's row after the unique index refused its own.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.actions.constants import (
    FINDING_STATUSES,
    IDEMPOTENCY_KEY_LENGTH,
    OperationStatus,
    Sanction,
    Severity,
)
from weerbaar.actions.models import Finding, FindingPhoto, Location, Operation, OperationStatusChange
from weerbaar.actions.services._common import acting_organisation, acting_user, require
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.core.uploads import CleanFile
from weerbaar.organisations.models import Organisation

MAX_PHOTOS = 5  # as many as the form's photo field takes at a time


@dataclass(frozen=True)
class FindingRecorded:
    finding: Finding
    #: False when the key had been used before: ``finding`` is the one recorded then.
    created: bool


def _existing(operation: Operation, key: str, actor: Actor) -> Finding | None:
    finding = Finding.objects.filter(operation=operation, idempotency_key=key).first()
    if finding is not None and (finding.created_by_id != getattr(actor.user, "pk", None)):
        # Somebody else's key: never hand out another person's finding.
        raise ValidationError({"idempotency_key": _("This form was already used. Open the form again.")})
    return finding


def _photo_store(finding: Finding, clean: CleanFile) -> FindingPhoto:
    photo = FindingPhoto(finding=finding, content_type=clean.content_type, size=len(clean.content))
    relative = f"actions/{finding.operation.uuid}/{photo.uuid}.{clean.extension}"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(clean.content)
    target.chmod(0o600)
    photo.path = relative
    photo.sha256 = hashlib.sha256(clean.content).hexdigest()
    photo.full_clean()
    photo.save(force_insert=True)
    return photo


def photo_read(photo: FindingPhoto) -> bytes:
    return (Path(settings.MEDIA_ROOT) / photo.path).read_bytes()


@transaction.atomic
def finding_record(
    *,
    actor: Actor,
    operation: Operation,
    location: Location,
    domain: str,
    checked: str,
    compliant: bool,
    idempotency_key: str,
    organisation: Organisation | None = None,
    legal_ground: str = "",
    severity: str = Severity.GEEN,
    sanction: str = Sanction.GEEN,
    notes: str = "",
    photos: Sequence[CleanFile] = (),
) -> FindingRecorded:
    """Record the finding of the actor's organisation (a planner may record one for another partner, e.g.
    a private grid operator without access) at ``location``, from a legal domain that organisation takes
    part in. Idempotent per (operation, ``idempotency_key``): see the module's docstring.

    The first finding of a briefed operation starts it (status *in progress*).
    """
    require(actor, Perm.ACTIONS_CHECK, operation)
    user = acting_user(actor)
    key = idempotency_key.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_LENGTH:
        raise ValidationError({"idempotency_key": _("The form is incomplete. Open it again.")})
    existing = _existing(operation, key, actor)
    if existing is not None:
        return FindingRecorded(existing, created=False)
    if operation.status not in FINDING_STATUSES:
        raise ValidationError(_("Findings are recorded from the briefing until the debrief."))
    if location.operation_id != operation.pk:
        raise PermissionDenied
    on_behalf = organisation if organisation is not None else acting_organisation(actor)
    if on_behalf.pk != actor.organisation_id and not can(actor, Perm.ACTIONS_MANAGE, operation):
        raise PermissionDenied
    partner = operation.partners.filter(organisation=on_behalf, domain=domain).first()
    if partner is None:
        raise ValidationError({"domain": _("This organisation does not take part from this legal domain.")})
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("Add at most %(max)d photos.") % {"max": MAX_PHOTOS}})
    finding = Finding(
        operation=operation,
        location=location,
        organisation=on_behalf,
        domain=domain,
        checked=checked.strip(),
        compliant=compliant,
        legal_ground=legal_ground.strip() or partner.legal_basis,
        severity=Severity.GEEN if compliant else severity,
        sanction=sanction,
        notes=notes.strip(),
        idempotency_key=key,
        created_by=user,
    )
    finding.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            finding.save(force_insert=True)
    except IntegrityError:
        # A concurrent retry with the same key committed first: hand back its finding.
        winner = _existing(operation, key, actor)
        if winner is None:
            raise
        return FindingRecorded(winner, created=False)
    for clean in photos:
        _photo_store(finding, clean)
    if operation.status == OperationStatus.BRIEFED:
        updated = Operation.objects.filter(pk=operation.pk, status=OperationStatus.BRIEFED).update(
            status=OperationStatus.IN_PROGRESS, version=F("version") + 1
        )
        if updated:
            OperationStatusChange.record(
                operation=operation,
                actor=user,
                from_status=OperationStatus.BRIEFED,
                to_status=OperationStatus.IN_PROGRESS,
            )
            operation.status = OperationStatus.IN_PROGRESS
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=finding,
        details={
            "operation": str(operation.uuid),
            "location": str(location.uuid),
            "domain": domain,
            "compliant": compliant,
            "photos": len(photos),
        },
    )
    return FindingRecorded(finding, created=True)
