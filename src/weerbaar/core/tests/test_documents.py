# SPDX-License-Identifier: EUPL-1.2
"""The document kit: tagged PDF/UA, classification and page numbers on every page, tables that fit the
page, a title and a language, nothing fetched from outside, no image without a text alternative."""

import base64
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.templatetags.static import static
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from tests.pdf import assert_tagged_and_marked, assert_words_fit, pdf_figure_alts, pdf_info, pdf_page_text
from weerbaar.core.documents import DocumentError, css_string, document_render, euro

TEMPLATE = "documents_check/sample.html"
LONG_WORD = "Gemeentebelastingeninvorderingsafdelingsmedewerkersoverlegvergaderingsverslag"


@pytest.fixture(autouse=True)
def _test_templates(settings: Any) -> None:
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates"]},
    ]


def _rows(count: int) -> list[tuple[str, str]]:
    return [
        (f"Organisatie {n} {LONG_WORD}", f"Regel {n}: overleg over de aanpak in het buitengebied.")
        for n in range(count)
    ]


def _render(*, title: str = "Proefdocument", classification: str = "Vertrouwelijk", **context: Any) -> bytes:
    defaults: dict[str, Any] = {"rows": _rows(3), "image": "", "alt": ""}
    return document_render(
        template=TEMPLATE, context={**defaults, **context}, title=title, classification=classification
    )


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (31, 78, 121)).save(out, format="PNG")
    return out.getvalue()


def test_a_long_table_is_tagged_marked_on_every_page_and_fits() -> None:
    with translation.override("nl"):
        pdf = _render(rows=_rows(90))
    pages = assert_tagged_and_marked(pdf, classification="Vertrouwelijk")
    assert pages >= 3
    info = pdf_info(pdf)
    assert info["Title"] == "Proefdocument"
    assert info["Page size"].startswith("595.276 x 841.89")
    # The header row repeats on every page the table reaches.
    for page in range(2, pages + 1):
        assert "Organisatie met een lange kop" in pdf_page_text(pdf, page)
    assert_words_fit(pdf)
    # The date of making is at the foot of every page, in words.
    assert "Gemaakt op" in pdf_page_text(pdf, pages)
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert catalog["/MarkInfo"]["/Marked"]
    assert "pdfuaid" in catalog["/Metadata"].get_object().get_data().decode()


def test_page_numbers_follow_the_active_language() -> None:
    with translation.override("en"):
        pdf = _render(rows=_rows(60))
    text = pdf_page_text(pdf, 1)
    assert "Page 1 of" in text and "Pagina" not in text
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en"


def test_a_classification_is_printed_as_given_never_read_as_css() -> None:
    hostile = 'Geheim"; } @page { @bottom-right { content: "x'
    with translation.override("nl"):
        pdf = _render(classification=hostile, rows=_rows(40))
    # Page 2 has the classification in its top margin only (page 1 also names it in the text).
    page = pdf_page_text(pdf, 2)
    assert 'GEHEIM"; } @PAGE { @BOTTOM-RIGHT { CONTENT: "X' in page
    assert "Pagina 2 van" in page
    assert css_string('a"b c') == '"a\\22 b\\20 c"'


def test_data_uri_images_with_alt_text_are_embedded() -> None:
    image = "data:image/png;base64," + base64.b64encode(_png()).decode()
    pdf = _render(image=image, alt="Blauw vierkant")
    assert pdf_figure_alts(pdf) == ["Blauw vierkant"]
    assert _has_image(pdf)


def test_an_image_without_alt_text_is_refused() -> None:
    image = "data:image/png;base64," + base64.b64encode(_png()).decode()
    with pytest.raises(DocumentError, match="alt"):
        _render(image=image)


def test_static_files_are_read_from_disk(settings: Any, tmp_path: Path) -> None:
    (tmp_path / "documents-check").mkdir()
    (tmp_path / "documents-check" / "square.png").write_bytes(_png())
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    pdf = _render(image=static("documents-check/square.png"), alt="Blauw vierkant")
    assert pdf_figure_alts(pdf) == ["Blauw vierkant"]
    assert _has_image(pdf)


def _has_image(pdf: bytes) -> bool:
    reader = PdfReader(io.BytesIO(pdf))
    return any(page.images for page in reader.pages)


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org/logo.png",
        "http://127.0.0.1:9/logo.png",
        "file:///etc/hostname",
        "/static/../../config/settings/base.py",
        "/static/does-not-exist.png",
    ],
)
def test_nothing_else_is_fetched(address: str) -> None:
    with pytest.raises(DocumentError):
        _render(image=address, alt="Logo")


def test_euro_is_written_the_dutch_way() -> None:
    assert euro(Decimal("1234567.5")) == "EUR\u00a01.234.567,50"
    assert euro(None) == "—"
