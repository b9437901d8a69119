# SPDX-License-Identifier: EUPL-1.2
"""Uploaded photos and PDFs: checked on content (not name), re-encoded without metadata, in memory.

Used by every app that accepts files (signals' attachments, threats' evidence). Photos are decoded by
Pillow, verified, and re-encoded from their pixels only, so EXIF (GPS, camera, owner), XMP and ICC text
cannot survive; the orientation the camera meant is applied first. PDFs are rewritten page by page by
pypdf without the document-information dictionary and XMP. Anything else is refused with a readable
message. Nothing is written anywhere here: callers store only what passed.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP", "MPO"}


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str


def _unreadable() -> ValidationError:
    return ValidationError(_("This file is not a readable photo or PDF."))


def _clean_image(data: bytes) -> CleanFile:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in _IMAGE_FORMATS:
                    raise ValidationError(_("This kind of image is not accepted. Send a JPEG or PNG photo."))
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError(_("The image is too large."))
                image.load()
                upright = ImageOps.exif_transpose(image) or image
                alpha = "A" in upright.getbands() or (upright.mode == "P" and "transparency" in upright.info)
                mode = "RGBA" if alpha else "RGB"
                clean = Image.new(mode, upright.size)
                clean.paste(upright.convert(mode))
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise _unreadable() from exc
    out = io.BytesIO()
    if alpha:
        clean.save(out, format="PNG", optimize=True)
        return CleanFile(out.getvalue(), "image/png", "png")
    clean.save(out, format="JPEG", quality=88)
    return CleanFile(out.getvalue(), "image/jpeg", "jpg")


def _clean_pdf(data: bytes) -> CleanFile:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("Password-protected PDFs cannot be accepted."))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        for page in writer.pages:
            page.pop("/Metadata", None)
        writer.metadata = None  # no Author, Creator, Producer, dates
        writer._root_object.pop("/Metadata", None)  # noqa: SLF001 - pypdf has no public way to drop XMP
        out = io.BytesIO()
        writer.write(out)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _unreadable() from exc
    return CleanFile(out.getvalue(), "application/pdf", "pdf")


def sanitise_bytes(data: bytes) -> CleanFile:
    if len(data) > MAX_BYTES:
        raise ValidationError(_("A file may be at most 10 MB."))
    if data.startswith(b"%PDF-"):
        return _clean_pdf(data)
    return _clean_image(data)


def sanitise_upload(upload: UploadedFile[bytes]) -> CleanFile:
    """Validate and clean one upload in memory; raises ValidationError with a readable message."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError(_("A file may be at most 10 MB."))
    return sanitise_bytes(upload.read(MAX_BYTES + 1))
