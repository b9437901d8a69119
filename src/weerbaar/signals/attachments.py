# SPDX-License-Identifier: EUPL-1.2
"""Attachments: checked on content (not name), re-encoded without metadata, stored outside the web root.

Photos are decoded by Pillow and re-encoded from their pixels only, so EXIF (GPS, camera, owner) and other
metadata cannot survive. PDFs are rewritten page by page by pypdf without document information or XMP.
Everything happens in memory; only a file that passed is written, under ``MEDIA_ROOT/signals``.
"""

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from weerbaar.signals.constants import ATTACHMENT_MAX_BYTES
from weerbaar.signals.models import Attachment, Signal

Image.MAX_IMAGE_PIXELS = 60_000_000  # refuse decompression bombs
_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP", "HEIF", "MPO"}


@dataclass(frozen=True)
class ProcessedFile:
    content: bytes
    content_type: str
    extension: str


def _clean_image(data: bytes) -> ProcessedFile:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in _IMAGE_FORMATS:
                raise ValidationError(_("This kind of image is not accepted. Send a JPEG or PNG photo."))
            upright = ImageOps.exif_transpose(image)  # keep the orientation the camera meant, then drop EXIF
            has_alpha = upright.mode in {"RGBA", "LA"} or (upright.mode == "P" and "transparency" in upright.info)
            clean = Image.new("RGBA" if has_alpha else "RGB", upright.size)
            clean.paste(upright.convert("RGBA" if has_alpha else "RGB"))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationError(_("This file is not a readable photo or PDF.")) from exc
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, format="PNG", optimize=True)
        return ProcessedFile(out.getvalue(), "image/png", "png")
    clean.save(out, format="JPEG", quality=88)
    return ProcessedFile(out.getvalue(), "image/jpeg", "jpg")


def _clean_pdf(data: bytes) -> ProcessedFile:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("Password-protected PDFs cannot be accepted."))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.metadata = None  # no Author, Creator, Producer, dates
        if "/Metadata" in writer._root_object:  # noqa: SLF001 - XMP stream in the catalogue
            del writer._root_object["/Metadata"]  # noqa: SLF001
        out = io.BytesIO()
        writer.write(out)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(_("This file is not a readable photo or PDF.")) from exc
    return ProcessedFile(out.getvalue(), "application/pdf", "pdf")


def process_upload(upload: UploadedFile[bytes]) -> ProcessedFile:
    """Validate and clean one upload in memory. Raises ValidationError with a readable message."""
    if upload.size is None or upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("A file may be at most 10 MB."))
    data = upload.read(ATTACHMENT_MAX_BYTES + 1)
    if len(data) > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("A file may be at most 10 MB."))
    if data.startswith(b"%PDF-"):
        return _clean_pdf(data)
    return _clean_image(data)


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
