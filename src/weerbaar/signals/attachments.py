# SPDX-License-Identifier: EUPL-1.2
"""Attachments of signals: sanitised in memory by :mod:`weerbaar.core.uploads` (content checked,
metadata removed), then written under ``MEDIA_ROOT/signals`` (outside the web root) and served only
through permission-checked views.
"""

import hashlib
from pathlib import Path
from uuid import uuid4

from django.conf import settings

from weerbaar.core.uploads import CleanFile, sanitise_upload
from weerbaar.signals.models import Attachment, Signal

#: A photo or PDF that passed the checks in :mod:`weerbaar.core.uploads`.
ProcessedFile = CleanFile
process_upload = sanitise_upload


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "signals"


def attachment_store(*, signal: Signal, processed: ProcessedFile, added_by: object | None) -> Attachment:
    relative = f"signals/{signal.uuid}/{uuid4()}.{processed.extension}"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(processed.content)
    target.chmod(0o600)
    attachment = Attachment(
        signal=signal,
        path=relative,
        content_type=processed.content_type,
        size=len(processed.content),
        sha256=hashlib.sha256(processed.content).hexdigest(),
        added_by=added_by,  # type: ignore[misc]
    )
    attachment.full_clean()
    attachment.save(force_insert=True)
    return attachment


def attachment_read(attachment: Attachment) -> bytes:
    return (Path(settings.MEDIA_ROOT) / attachment.path).read_bytes()


def attachment_files_delete(signal: Signal) -> int:
    removed = 0
    folder = _root() / str(signal.uuid)
    if folder.is_dir():
        for child in folder.iterdir():
            child.unlink(missing_ok=True)
            removed += 1
        folder.rmdir()
    return removed
