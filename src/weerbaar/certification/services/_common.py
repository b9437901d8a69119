# SPDX-License-Identifier: EUPL-1.2
"""Shared pieces of the certification services: the manager check, audit events and stored files."""

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.certification.models import CertificationCycle, StoredFile
from weerbaar.core.policy import Actor, can
from weerbaar.core.uploads import sanitise_upload


def require_manager(actor: Actor, cycle: CertificationCycle) -> None:
    """Running the cycle is the partnership's managers' work (``partnerships.manage`` on it); else 404."""
    if not can(actor, Perm.PARTNERSHIPS_MANAGE, cycle.partnership):
        raise PermissionDenied


def record(actor: Actor, cycle: CertificationCycle, action: AuditAction, **details: Any) -> None:
    """An audit event on the partnership, naming the cycle and the object by UUID (never texts)."""
    audit_event_record(
        actor=actor,
        action=action,
        obj=cycle.partnership,
        details={"cycle": str(cycle.uuid), **{key: str(value) for key, value in details.items()}},
    )


def file_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "certification"


def file_path(stored: StoredFile) -> Path:
    return file_root() / Path(stored.stored_name).name


def file_store(stored: StoredFile, upload: UploadedFile[bytes]) -> None:
    """Check and clean the upload (``core.uploads``: photos and PDFs only, metadata stripped) and write it."""
    clean = sanitise_upload(upload)
    stored.stored_name = f"{secrets.token_hex(16)}.{clean.extension}"
    stored.content_type = clean.content_type
    stored.size = len(clean.content)
    path = file_path(stored)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(clean.content)
    path.chmod(0o600)
