# SPDX-License-Identifier: EUPL-1.2
"""The audit pack: a tagged PDF (``core.documents``) with the analysis, the measures matrix, the evidence
list and the working-group minutes, and a ZIP with that PDF, the evidence files and the signed covenant.

What is left out, always: photos of findings (personal data) and any figure below the threshold (shown
"< 5"). The PDF is operational; the ZIP holds the signed covenant, which carries signatures and names, so
it is for those who receive personal data (the view declares it). Both exports are audited.
"""

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.audit.constants import AuditAction
from weerbaar.certification import selectors
from weerbaar.certification.models import CertificationCycle
from weerbaar.certification.services._common import file_path, record, require_manager
from weerbaar.certification.services.cycle import cycle_gate
from weerbaar.core.documents import document_render
from weerbaar.core.policy import Actor
from weerbaar.partnerships.constants import DocumentKind
from weerbaar.partnerships.services import document_path

TEMPLATE = "certification/documents/audit_pack.html"


@dataclass(frozen=True)
class Pack:
    filename: str
    content: bytes


def _context(actor: Actor, cycle: CertificationCycle) -> dict[str, object]:
    baseline, follow_up = selectors.measurement_pair(actor=actor, cycle=cycle)
    walks = []
    for walk in selectors.walk_list(actor=actor, cycle=cycle).order_by("walked_on", "pk"):
        walks.append({"walk": walk, "findings": list(selectors.finding_list(actor=actor, walk=walk))})
    return {
        "cycle": cycle,
        "partnership": cycle.partnership,
        "baseline": baseline,
        "baseline_rows": selectors.figure_rows(measurement=baseline) if baseline else [],
        "follow_up": follow_up,
        "comparison": selectors.measurement_comparison(baseline=baseline, follow_up=follow_up) if follow_up else [],
        "walks": walks,
        "measures": list(selectors.measure_list(actor=actor, cycle=cycle)),
        "meetings": list(selectors.meeting_list(actor=actor, cycle=cycle).order_by("held_on", "pk")),
        "gate": cycle_gate(cycle=cycle),
    }


def audit_pack_pdf_render(*, actor: Actor, cycle: CertificationCycle) -> bytes:
    return document_render(
        template=TEMPLATE,
        context=_context(actor, cycle),
        title=_("Audit pack %(name)s") % {"name": cycle.partnership.name},
        classification=_("Confidential"),
    )


def _name(cycle: CertificationCycle) -> str:
    return f"auditdossier-{cycle.partnership.number}-ronde-{cycle.round}"


@transaction.atomic
def audit_pack_pdf(*, actor: Actor, cycle: CertificationCycle) -> Pack:
    require_manager(actor, cycle)
    pdf = audit_pack_pdf_render(actor=actor, cycle=cycle)
    record(actor, cycle, AuditAction.EXPORT, export="audit_pack_pdf", sha256=hashlib.sha256(pdf).hexdigest())
    return Pack(f"{_name(cycle)}.pdf", pdf)


@transaction.atomic
def audit_pack_zip(*, actor: Actor, cycle: CertificationCycle) -> Pack:
    """The PDF, every evidence file of the matrix and the signed covenant, with a manifest of checksums."""
    require_manager(actor, cycle)
    files: list[tuple[str, bytes]] = [(f"{_name(cycle)}.pdf", audit_pack_pdf_render(actor=actor, cycle=cycle))]
    for index, measure in enumerate(selectors.measure_list(actor=actor, cycle=cycle), start=1):
        path = file_path(measure) if measure.has_file else None
        if path is not None and path.is_file():
            files.append((f"bewijs/{index:02d}-{measure.uuid.hex[:8]}{path.suffix}", path.read_bytes()))
    covenant = (
        cycle.partnership.documents.filter(kind=DocumentKind.CONVENANT)
        .exclude(stored_name="")
        .order_by("-signed_on")
        .first()
    )
    if covenant is not None:
        path = document_path(covenant)
        if path.is_file():
            files.append((f"convenant{path.suffix}", path.read_bytes()))
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
    content = out.getvalue()
    record(actor, cycle, AuditAction.EXPORT, export="audit_pack_zip", files=len(files))
    return Pack(f"{_name(cycle)}.zip", content)
