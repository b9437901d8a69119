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

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.documents import document_render, euro
from weerbaar.core.policy import Actor
from weerbaar.geo.spatial import Area, municipality_areas
from weerbaar.signals.attachments import attachment_read
from weerbaar.signals.constants import Phenomenon
from weerbaar.signals.models import DrugWasteDetails, Signal

TEMPLATE = "signals/documents/evidence.html"
#: The pack names a police report number and the place of a crime scene: confidential, like a case.
CLASSIFICATION = gettext_lazy("Confidential")
#: The side of the square location sketch, in millimetres (the SVG's user unit).
SKETCH_SIZE = 80.0
_SKETCH_MARGIN = 4.0


@dataclass(frozen=True)
class EvidencePack:
    filename: str
    content: bytes


def _n(value: float) -> str:
    """A number for SVG: always with a decimal point (a template would localise it to "12,5")."""
    return f"{value:.2f}"


@dataclass(frozen=True)
class Marker:
    """The reported spot: a dot with a cross through it (all SVG numbers, as text)."""

    x: str
    y: str
    left: str
    right: str
    top: str
    bottom: str


@dataclass(frozen=True)
class Sketch:
    """The location sketch in SVG user units (millimetres, y downwards), with its text alternative."""

    #: The side of the square, as text for the SVG.
    size: str
    #: Each ring of the municipal boundary as an SVG ``points`` value.
    rings: list[str]
    marker: Marker | None
    #: The north arrow: its x, and the arrow head's points.
    north_x: str
    north_head: str
    description: str


def _sketch(rings: list[str], marker: Marker | None, description: str) -> Sketch:
    x = SKETCH_SIZE - _SKETCH_MARGIN
    return Sketch(
        size=_n(SKETCH_SIZE),
        rings=rings,
        marker=marker,
        north_x=_n(x),
        north_head=f"{_n(x - 1)},6.00 {_n(x)},4.00 {_n(x + 1)},6.00",
        description=description,
    )


def _area(code: str) -> Area | None:
    return next((a for a in municipality_areas() if a.code == code), None)


def _point_of(signal: Signal) -> tuple[float, float] | None:
    if signal.latitude is not None and signal.longitude is not None:
        return float(signal.longitude), float(signal.latitude)
    return None


def _coordinates(point: tuple[float, float]) -> str:
    return f"{point[1]:.5f} N, {point[0]:.5f} E"


def location_sketch(signal: Signal) -> Sketch:
    """The municipality's outline with the spot marked; a simple equirectangular sketch, not a survey map."""
    area = _area(signal.municipality.code) if signal.municipality is not None else None
    point = _point_of(signal)
    if area is None:
        return _sketch([], None, _("No boundary available."))
    min_x, min_y, max_x, max_y = area.bbox
    # Longitude degrees are shorter than latitude degrees at Dutch latitudes.
    aspect = math.cos(math.radians((min_y + max_y) / 2))
    span = max((max_x - min_x) * aspect, max_y - min_y) or 1.0
    scale = (SKETCH_SIZE - 2 * _SKETCH_MARGIN) / span
    # Centred in the square: the shorter side gets the spare room on both sides.
    left = (SKETCH_SIZE - (max_x - min_x) * aspect * scale) / 2
    bottom = (SKETCH_SIZE - (max_y - min_y) * scale) / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        # SVG's y axis points down: north is at the top.
        return left + (lon - min_x) * aspect * scale, SKETCH_SIZE - bottom - (lat - min_y) * scale

    rings = [
        " ".join(",".join(_n(c) for c in project(lon, lat)) for lon, lat in ring)
        for polygon in area.polygons
        for ring in polygon
    ]
    if point is None:
        description = _("Sketch of the municipal boundary of %(municipality)s; no spot was given, only the area.") % {
            "municipality": area.name
        }
        return _sketch(rings, None, description)
    x, y = project(*point)
    marker = Marker(x=_n(x), y=_n(y), left=_n(x - 2), right=_n(x + 2), top=_n(y - 2), bottom=_n(y + 2))
    description = _(
        "Sketch of the municipal boundary of %(municipality)s with the reported spot marked by a red cross "
        "at %(coordinates)s."
    ) % {"municipality": area.name, "coordinates": _coordinates(point)}
    return _sketch(rings, marker, description)


def _rows(signal: Signal, details: DrugWasteDetails | None) -> list[tuple[str, str]]:
    address = " ".join(p for p in (signal.street, signal.house_number) if p)
    place = " ".join(p for p in (signal.postcode, signal.city) if p)
    point = _point_of(signal)
    rows = [
        (_("Signal number"), signal.number or str(signal.uuid)),
        (_("Municipality"), f"{signal.municipality.name} ({signal.municipality.code})" if signal.municipality else "—"),
        (_("Date of the dumping"), date_format(signal.occurred_on, "j F Y") if signal.occurred_on else "—"),
        (_("Received"), date_format(timezone.localtime(signal.received_at), "j F Y, H:i")),
        (_("Location"), ", ".join(p for p in (address, place) if p) or str(signal.get_location_kind_display())),
        (_("Coordinates (WGS84)"), _coordinates(point) if point is not None else _("not given (area only)")),
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
        (_("Clean-up costs"), euro(details.cleanup_costs)),
    ]
    return rows


def evidence_pdf(signal: Signal, photo_names: list[str]) -> bytes:
    """The summary of the pack as a tagged PDF: the facts of the dumping, the location sketch (inline SVG
    with its text alternative) and the photos' file names — nothing of the reporter."""
    details = DrugWasteDetails.objects.filter(signal=signal).first()
    number = signal.number or str(signal.uuid)
    return document_render(
        template=TEMPLATE,
        context={"rows": _rows(signal, details), "sketch": location_sketch(signal), "photos": photo_names},
        title=_("Evidence pack %(number)s") % {"number": number},
        classification=str(CLASSIFICATION),
    )


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
