# SPDX-License-Identifier: EUPL-1.2
"""The audit pack: a tagged PDF with the classification and page numbers on every page, figures
suppressed, findings without photos; the ZIP with the PDF, the evidence files and the covenant."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from tests.pdf import assert_tagged_and_marked, assert_words_fit, pdf_text
from weerbaar.audit.models import AuditEvent
from weerbaar.certification import services
from weerbaar.certification.constants import Theme
from weerbaar.certification.tests.world import AuditWorld, audit_world, png
from weerbaar.partnerships.tests.factories import facilitator_actor, make_area

pytestmark = pytest.mark.usefixtures("geography")


@pytest.fixture
def made() -> AuditWorld:
    area = make_area()
    made = audit_world(area.municipality, area=area)
    manager = facilitator_actor(made.partnership)
    # Enough rows to run over more than one page.
    for n in range(30):
        services.finding_add(
            actor=manager,
            walk=made.walk,
            theme=Theme.OVERIG,
            description=f"Bevinding {n + 1}: hekwerk bij de zandweg open, sporen van voertuigen in de berm.",
            photos=[png("red")] if n == 0 else None,
        )
    return made


def test_the_audit_pack_pdf_is_tagged_marked_and_leaves_out_photos_and_small_counts(made: AuditWorld) -> None:
    assert made.area is not None
    client = verified_client(made.area.facilitator)
    response = client.get(reverse("certification:pack_pdf", kwargs={"uuid": made.partnership.uuid}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    pages = assert_tagged_and_marked(pdf, classification="Vertrouwelijk")
    assert pages >= 2
    assert_words_fit(pdf)
    text = pdf_text(pdf)
    assert "Leegstandsaanpak stap 1" in text and "Bevinding 30" in text and "Voortgang maatregelen" in text
    assert "< 5" in text and "9" in text
    # The only count below 5 in this world is the police's 2 thefts: it is in the pack as "< 5".
    assert str(made.photo.uuid) not in text and "foto.png" not in text
    assert AuditEvent.objects.filter(details__export="audit_pack_pdf").exists()


def test_the_zip_holds_the_pdf_the_evidence_and_the_covenant_with_a_manifest(made: AuditWorld) -> None:
    from weerbaar.certification.tests.world import pdf_upload
    from weerbaar.partnerships import services as partnership_services
    from weerbaar.partnerships.constants import DocumentKind

    assert made.area is not None
    partnership_services.document_add(
        actor=facilitator_actor(made.partnership),
        partnership=made.partnership,
        kind=DocumentKind.CONVENANT,
        signed_on=timezone.localdate() - timedelta(days=1),
        signatories=list(made.partnership.participants.filter(left_at__isnull=True)),
        upload=pdf_upload(),
    )
    client = verified_client(made.area.facilitator)
    response = client.get(reverse("certification:pack_zip", kwargs={"uuid": made.partnership.uuid}))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
    assert any(name.endswith(".pdf") and name.startswith("auditdossier-") for name in names)
    assert [name for name in names if name.startswith("bewijs/")] and "convenant.pdf" in names
    assert "manifest.csv" in names
    assert not [name for name in names if "foto" in name]
