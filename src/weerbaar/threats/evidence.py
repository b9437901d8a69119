# SPDX-License-Identifier: EUPL-1.2
"""Evidence files: sanitised by :mod:`weerbaar.core.uploads` (content checked, metadata removed),
stored outside the web root under ``MEDIA_ROOT/threats``, served only through permission-checked views.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.uploads import MAX_BYTES, sanitise_bytes
from weerbaar.threats.models import Evidence, Incident


def evidence_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "threats"


def evidence_clean(data: bytes) -> tuple[bytes, str, str]:
    """``(clean bytes, content type, extension)``; raises ``ValidationError`` for anything else."""
    clean = sanitise_bytes(data)
    return clean.content, clean.content_type, clean.extension


@transaction.atomic
def evidence_add(*, actor: Actor, incident: Incident, upload: UploadedFile[bytes], label: str = "") -> Evidence:
    if actor.user is None:
        raise ValidationError(_("Log in first."))
    if (upload.size or 0) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    content, content_type, extension = evidence_clean(upload.read())
    stored_name = f"{secrets.token_hex(16)}.{extension}"
    evidence = Evidence(
        incident=incident,
        stored_name=stored_name,
        content_type=content_type,
        size=len(content),
        label=label,
        uploaded_by=actor.user,
    )
    evidence.full_clean()
    root = evidence_root()
    root.mkdir(parents=True, exist_ok=True)
    path = root / stored_name
    path.write_bytes(content)
    try:
        evidence.save(force_insert=True)
        audit_event_record(
            actor=actor, action=AuditAction.UPDATE, obj=incident, details={"evidence_added": str(evidence.uuid)}
        )
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return evidence


def evidence_path(evidence: Evidence) -> Path:
    return evidence_root() / Path(evidence.stored_name).name
