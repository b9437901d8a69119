# SPDX-License-Identifier: EUPL-1.2
"""The drug-waste evidence pack: a ZIP that opens, a real PDF, matching hashes, no reporter, an audited export."""

import csv
import hashlib
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tests.pdf import assert_tagged_and_marked, assert_words_fit, pdf_figure_alts, pdf_page_text, pdf_text
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.constants import Channel
from weerbaar.signals.evidence import evidence_pack_build, evidence_pdf, location_sketch
from weerbaar.signals.tests.authz_spec_intake import _photo
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db

DRUG_WASTE = {
    "dumping_type": "vaten",
    "volume_litres": 600,
    "landowner_type": "agrarier",
    "police_reference": "PL2000-2026012345",
    "cleanup_contractor": "Brabantse Bodemsanering BV",
    "cleanup_costs": Decimal("4850.00"),
}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def tilburg(geography: None, make_org: Any) -> Any:
    return make_org("Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))


@pytest.fixture
def reporter(tilburg: Any, make_org: Any, make_user: Any) -> Any:
    farm = make_org("Maatschap De Vlasakker", OrganisationType.AGRARISCH)
    return make_user(organisation=farm, role=Role.PARTNERVERTEGENWOORDIGER, username="boer.vlasakker")


def _open(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_pack_contents_and_manifest(tilburg: Any, reporter: Any) -> None:
    signal = make_signal(
        actor_for(user=reporter),
        channel=Channel.GEBIEDSPARTNER,
        attachments=[_photo(), _photo()],
        drug_waste=DRUG_WASTE,
        description="Ik, boer Vlasakker, vond vaten achter mijn schuur.",
    )
    pack = evidence_pack_build(signal)
    files = _open(pack.content)
    assert set(files) == {f"{signal.number}.pdf", "foto-01.jpg", "foto-02.jpg", "manifest.csv"}
    assert files[f"{signal.number}.pdf"].startswith(b"%PDF")
    rows = list(csv.DictReader(io.StringIO(files["manifest.csv"].decode())))
    assert {row["bestand"] for row in rows} == set(files) - {"manifest.csv"}
    for row in rows:
        data = files[row["bestand"]]
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
        assert int(row["bytes"]) == len(data)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(files[f"{signal.number}.pdf"])).pages)
    assert signal.number in text and "PL2000-2026012345" in text and "Tilburg" in text
    assert "Vlasakker" not in text and "schuur" not in text
    everything = b"".join(files.values())
    for identity in (b"boer.vlasakker", b"Vlasakker", reporter.last_name.encode(), b"@example.invalid"):
        assert identity not in everything


def test_sketch_has_the_outline_and_the_point(tilburg: Any) -> None:
    sketch = location_sketch(make_signal())
    assert sketch.rings and all(len(ring.split()) >= 3 for ring in sketch.rings)
    assert sketch.marker is not None
    size = float(sketch.size)
    for ring in sketch.rings:
        for pair in ring.split():
            x, y = (float(c) for c in pair.split(","))
            assert 0 <= x <= size and 0 <= y <= size
    assert 0 < float(sketch.marker.x) < size and 0 < float(sketch.marker.y) < size
    assert "Tilburg" in sketch.description


def test_summary_is_tagged_marked_on_every_page_and_fits(tilburg: Any) -> None:
    """A pack with many photos and a long contractor name: the summary runs over pages, each one carries the
    classification and its page number, nothing leaves the page, and the sketch has its text alternative."""
    long_name = "Bodemsaneringsenafvalverwijderingsonderneming Midden-Brabant en Omstreken BV"
    signal = make_signal(drug_waste={**DRUG_WASTE, "cleanup_contractor": long_name})
    with translation.override("nl"):
        pdf = evidence_pdf(signal, [f"foto-{n:02d}.jpg" for n in range(1, 71)])
    pages = assert_tagged_and_marked(pdf, classification="Vertrouwelijk")
    assert pages >= 2
    assert_words_fit(pdf)
    text = pdf_text(pdf)
    assert long_name in text and "foto-70.jpg" in text and "EUR 4.850,00" in text
    for page in range(2, pages + 1):  # the photo table's header row repeats
        assert "Bestand" in pdf_page_text(pdf, page)
    sketch = location_sketch(signal)
    assert pdf_figure_alts(pdf) == [sketch.description]
    assert "Situatieschets" in text and "rood kruis" in text


def test_export_needs_a_purpose_and_is_audited(tilburg: Any, make_user: Any, client_for: Any) -> None:
    signal = make_signal(attachments=[_photo()], drug_waste=DRUG_WASTE)
    client = client_for(make_user(organisation=tilburg, role=Role.MELDPUNT))
    url = reverse("signals:evidence", kwargs={"uuid": signal.uuid})
    assert client.get(url).status_code == 200
    refused = client.post(url, {"purpose": ""})
    assert refused.status_code == 200
    assert not AuditEvent.objects.filter(action="export").exists()
    response = client.post(url, {"purpose": "Claim provinciale vergoeding"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment")
    assert f"{signal.number}.pdf" in _open(response.content)
    event = AuditEvent.objects.get(action="export")
    assert event.purpose == "Claim provinciale vergoeding"
    assert event.object_uuid == signal.uuid


def test_only_for_drug_waste_and_only_for_exporters(tilburg: Any, make_user: Any, client_for: Any) -> None:
    cannabis = make_signal(phenomenon="hennepteelt")
    exporter = client_for(make_user(organisation=tilburg, role=Role.MELDPUNT))
    assert exporter.get(reverse("signals:evidence", kwargs={"uuid": cannabis.uuid})).status_code == 404
    dumping = make_signal()
    analyst = client_for(make_user(organisation=tilburg, role=Role.RIEC_ANALIST))
    assert analyst.get(reverse("signals:evidence", kwargs={"uuid": dumping.uuid})).status_code == 403
