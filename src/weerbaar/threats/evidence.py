# SPDX-License-Identifier: EUPL-1.2
"""Evidence files: checked by content, metadata stripped, stored outside the web root.

Images are decoded with Pillow, verified, and their pixels copied into a fresh image that is saved
without EXIF/XMP/ICC text (PNG, or JPEG for photos). PDFs are rewritten page by page with pypdf without
the document information dictionary and XMP metadata. Anything else is refused.
"""

import io
import secrets
import warnings
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.threats.models import Evidence, Incident

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000


def evidence_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "threats"


def _clean_image(data: bytes) -> tuple[bytes, str, str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError(_("The image is too large."))
                fmt = image.format or ""
                image.load()
                upright = ImageOps.exif_transpose(image) or image
                mode = "RGB" if fmt == "JPEG" else ("RGBA" if "A" in upright.getbands() else "RGB")
                pixels = upright.convert(mode)
                clean = Image.new(mode, pixels.size)
                clean.paste(pixels)
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise ValidationError(_("This file is not a readable image or PDF.")) from exc
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, format="JPEG", quality=90)
        return out.getvalue(), "image/jpeg", "jpg"
    clean.save(out, format="PNG")
    return out.getvalue(), "image/png", "png"


def _clean_pdf(data: bytes) -> tuple[bytes, str, str]:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("Password-protected PDF files cannot be added."))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        for page in writer.pages:
            page.pop("/Metadata", None)
        writer._root_object.pop("/Metadata", None)  # noqa: SLF001 - pypdf offers no public way to drop XMP
        writer._info = None  # noqa: SLF001 - drop the document information dictionary (author, tool)
        out = io.BytesIO()
        writer.write(out)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(_("This file is not a readable image or PDF.")) from exc
    return out.getvalue(), "application/pdf", "pdf"


def evidence_clean(data: bytes) -> tuple[bytes, str, str]:
    """``(clean bytes, content type, extension)``; raises ``ValidationError`` for anything else."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    if data.startswith(b"%PDF-"):
        return _clean_pdf(data)
    return _clean_image(data)


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
