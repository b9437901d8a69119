# SPDX-License-Identifier: EUPL-1.2
"""The evidence pack of a drug-waste dumping, for the provincial compensation claim (docs/domain.md §4).

A ZIP with a PDF summary (place, date, drug-waste details and a location sketch drawn from the municipal
boundary), the photos (already re-encoded without metadata when they were uploaded) and ``manifest.csv``
with the SHA-256 of every file. The reporter is never in the pack: no name, organisation, channel
reference, description or dialogue — only what the claim needs.
"""

import csv
import hashlib
import io
import math
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.geo.spatial import Area, municipality_areas
from weerbaar.signals.attachments import attachment_read
from weerbaar.signals.constants import Phenomenon
from weerbaar.signals.models import DrugWasteDetails, Signal

SKETCH_SIZE = 80 * mm


@dataclass(frozen=True)
class EvidencePack:
    filename: str
    content: bytes


def _area(code: str) -> Area | None:
    return next((a for a in municipality_areas() if a.code == code), None)


def _point_of(signal: Signal) -> tuple[float, float] | None:
    if signal.latitude is not None and signal.longitude is not None:
        return float(signal.longitude), float(signal.latitude)
    return None


def location_sketch(signal: Signal) -> Drawing:
    """The municipality's outline with the spot marked; a simple equirectangular sketch, not a survey map."""
    drawing = Drawing(SKETCH_SIZE, SKETCH_SIZE)
    area = _area(signal.municipality.code) if signal.municipality is not None else None
    point = _point_of(signal)
    if area is None:
        drawing.add(String(4, SKETCH_SIZE / 2, _("No boundary available."), fontName="Helvetica", fontSize=8))
        return drawing
    min_x, min_y, max_x, max_y = area.bbox
    # Longitude degrees are shorter than latitude degrees at Dutch latitudes.
    aspect = math.cos(math.radians((min_y + max_y) / 2))
    span = max((max_x - min_x) * aspect, max_y - min_y) or 1.0
    margin = 4.0
    scale = (SKETCH_SIZE - 2 * margin) / span

    def project(lon: float, lat: float) -> tuple[float, float]:
        return margin + (lon - min_x) * aspect * scale, margin + (lat - min_y) * scale

    for polygon in area.polygons:
        for ring in polygon:
            points = [coordinate for lon, lat in ring for coordinate in project(lon, lat)]
            drawing.add(Polygon(points, strokeColor=colors.HexColor("#1f4e79"), fillColor=None, strokeWidth=0.8))
    if point is not None:
        x, y = project(*point)
        drawing.add(Circle(x, y, 3.2, fillColor=colors.HexColor("#c00000"), strokeColor=colors.white))
        drawing.add(Line(x - 6, y, x + 6, y, strokeColor=colors.HexColor("#c00000"), strokeWidth=0.6))
        drawing.add(Line(x, y - 6, x, y + 6, strokeColor=colors.HexColor("#c00000"), strokeWidth=0.6))
    drawing.add(Line(SKETCH_SIZE - 10, SKETCH_SIZE - 20, SKETCH_SIZE - 10, SKETCH_SIZE - 8, strokeWidth=0.8))
    drawing.add(String(SKETCH_SIZE - 12.5, SKETCH_SIZE - 6, "N", fontName="Helvetica", fontSize=7))
    return drawing


def _money(amount: Decimal | None) -> str:
    return f"EUR {amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".") if amount is not None else "—"


def _rows(signal: Signal, details: DrugWasteDetails | None) -> list[tuple[str, str]]:
    address = " ".join(p for p in (signal.street, signal.house_number) if p)
    place = " ".join(p for p in (signal.postcode, signal.city) if p)
    point = _point_of(signal)
    rows = [
        (_("Signal number"), signal.number or str(signal.uuid)),
        (_("Municipality"), f"{signal.municipality.name} ({signal.municipality.code})" if signal.municipality else "—"),
        (_("Date of the dumping"), signal.occurred_on.isoformat() if signal.occurred_on else "—"),
        (_("Received"), timezone.localtime(signal.received_at).strftime("%Y-%m-%d %H:%M")),
        (_("Location"), ", ".join(p for p in (address, place) if p) or str(signal.get_location_kind_display())),
        (
            _("Coordinates (WGS84)"),
            f"{point[1]:.5f} N, {point[0]:.5f} E" if point is not None else _("not given (area only)"),
        ),
    ]
    if details is None:
        rows.append((_("Drug-waste details"), _("not recorded yet")))
        return rows
    rows += [
        (_("Kind of dumping"), str(details.get_dumping_type_display())),
        (_("Estimated volume"), f"{details.volume_litres} l" if details.volume_litres is not None else "—"),
        (_("Landowner"), str(details.get_landowner_type_display()) or "—"),
        (_("Police report number"), details.police_reference or "—"),
        (_("Clean-up contractor"), details.cleanup_contractor or "—"),
        (_("Clean-up costs"), _money(details.cleanup_costs)),
    ]
    return rows


def evidence_pdf(signal: Signal, photo_names: list[str]) -> bytes:
    details = DrugWasteDetails.objects.filter(signal=signal).first()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=True, pageCompression=1)
    pdf.setTitle(_("Evidence pack %(number)s") % {"number": signal.number})
    pdf.setAuthor("")
    pdf.setCreator("Weerbaar")
    _width, height = A4
    y = height - 25 * mm
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawString(20 * mm, y, _("Drug-waste dumping — evidence pack"))
    y -= 7 * mm
    pdf.setFont("Helvetica", 9)
    pdf.drawString(
        20 * mm,
        y,
        _("For the provincial compensation claim. Made on %(date)s.") % {"date": timezone.localdate().isoformat()},
    )
    y -= 10 * mm
    for label, value in _rows(signal, details):
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(20 * mm, y, label)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(75 * mm, y, value[:90])
        y -= 6 * mm
    y -= 4 * mm
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(20 * mm, y, _("Location sketch"))
    y -= 3 * mm + SKETCH_SIZE
    renderPDF.draw(location_sketch(signal), pdf, 20 * mm, y)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(
        20 * mm, y - 5 * mm, _("Outline: municipal boundary (CBS 2025, generalised). Red cross: reported spot.")
    )
    y -= 15 * mm
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(20 * mm, y, _("Photos in this pack"))
    pdf.setFont("Helvetica", 10)
    for name in photo_names or [_("none")]:
        y -= 6 * mm
        pdf.drawString(25 * mm, y, name)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def evidence_pack_build(signal: Signal) -> EvidencePack:
    """Build the ZIP in memory. Only photos go in: they were stripped of metadata when stored."""
    if signal.phenomenon != Phenomenon.DRUGSAFVALDUMPING:
        raise ValidationError(_("An evidence pack exists only for drug-waste dumpings."))
    files: list[tuple[str, bytes]] = []
    photos = [a for a in signal.attachments.all() if a.content_type.startswith("image/")]
    for index, attachment in enumerate(photos, start=1):
        extension = "png" if attachment.content_type == "image/png" else "jpg"
        files.append((f"foto-{index:02d}.{extension}", attachment_read(attachment)))
    number = signal.number or str(signal.uuid)
    files.insert(0, (f"{number}.pdf", evidence_pdf(signal, [name for name, _data in files])))
    manifest = io.StringIO()
    writer = csv.writer(manifest, lineterminator="\n")
    writer.writerow(["bestand", "bytes", "sha256"])
    for name, data in files:
        writer.writerow([name, len(data), hashlib.sha256(data).hexdigest()])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
        archive.writestr("manifest.csv", manifest.getvalue().encode())
    return EvidencePack(filename=f"bewijspakket-{number}.zip", content=out.getvalue())


@transaction.atomic
def evidence_pack_export(*, actor: Actor, signal: Signal, purpose: str) -> EvidencePack:
    """Build the pack and record the export, with its purpose, in the audit trail."""
    if not purpose.strip():
        raise ValidationError({"purpose": _("Give the purpose of this export.")})
    pack = evidence_pack_build(signal)
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=signal,
        purpose=purpose.strip(),
        details={"kind": "evidence_pack", "bytes": len(pack.content)},
    )
    return pack
