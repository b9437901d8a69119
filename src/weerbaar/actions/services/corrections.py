# SPDX-License-Identifier: EUPL-1.2
"""Corrections after the fact: a finding corrected by its author (marked as corrected, what changed in the
audit trail), a wrongly uploaded photo deleted by the finding's author or a planner."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.actions.constants import FINDING_STATUSES, Sanction, Severity
from weerbaar.actions.models import Finding, FindingPhoto
from weerbaar.actions.scopes import finding_is_visible
from weerbaar.actions.services._common import acting_user, require
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can

_CORRECTABLE = ("checked", "compliant", "legal_ground", "severity", "sanction", "notes")


def may_correct(actor: Actor, finding: Finding) -> bool:
    """Only the author corrects a finding, while findings can still be recorded."""
    return (
        actor.user is not None
        and finding.created_by_id == actor.user.pk
        and finding.operation.status in FINDING_STATUSES
        and can(actor, Perm.ACTIONS_CHECK, finding.operation)
    )


def may_delete_photo(actor: Actor, finding: Finding) -> bool:
    """The finding's author or a planner of the action, while the action is open."""
    if finding.operation.status not in FINDING_STATUSES or not finding_is_visible(actor, finding):
        return False
    author = actor.user is not None and finding.created_by_id == actor.user.pk
    return author or can(actor, Perm.ACTIONS_MANAGE, finding.operation)


@transaction.atomic
def finding_correct(
    *,
    actor: Actor,
    finding: Finding,
    checked: str,
    compliant: bool,
    legal_ground: str = "",
    severity: str = Severity.GEEN,
    sanction: str = Sanction.GEEN,
    notes: str = "",
) -> Finding:
    """Correct the own finding. It is marked as corrected; the audit event names the fields changed (their
    old contents stay in the trail of the original recording)."""
    acting_user(actor)
    if not may_correct(actor, finding):
        raise PermissionDenied
    locked = Finding.objects.select_for_update().get(pk=finding.pk)
    before = {field: getattr(locked, field) for field in _CORRECTABLE}
    locked.checked = checked.strip()
    locked.compliant = compliant
    locked.legal_ground = legal_ground.strip() or locked.legal_ground
    locked.severity = Severity.GEEN if compliant else severity
    locked.sanction = sanction
    locked.notes = notes.strip()
    changed = [field for field in _CORRECTABLE if getattr(locked, field) != before[field]]
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    locked.corrected_at = timezone.now()
    locked.full_clean(validate_constraints=False)
    locked.save(update_fields=[*changed, "corrected_at"])
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        details={"operation": str(locked.operation.uuid), "corrected": changed},
    )
    return locked


@transaction.atomic
def finding_photo_delete(*, actor: Actor, photo: FindingPhoto) -> None:
    """Delete a photo uploaded by mistake; the file goes once the deletion is committed."""
    require(actor, Perm.ACTIONS_VIEW, photo.finding.operation)
    if not may_delete_photo(actor, photo.finding):
        raise PermissionDenied
    audit_event_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=photo,
        details={"finding": str(photo.finding.uuid), "sha256": photo.sha256},
    )
    path = Path(settings.MEDIA_ROOT) / photo.path
    transaction.on_commit(lambda: path.unlink(missing_ok=True))
    photo.delete()
