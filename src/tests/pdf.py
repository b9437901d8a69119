# SPDX-License-Identifier: EUPL-1.2
"""Reading the PDFs Weerbaar makes the way a reader's tools do: poppler's ``pdfinfo`` and ``pdftotext``.

Every document test checks the kit's rules with these (docs/documents.md): tagged, the classification and
"Pagina N van M" on every page, and no word outside the page's text area or on top of another word. The
tools are installed wherever the tests run (CI installs poppler-utils); a missing tool fails the test.
"""

import html
import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

#: The page margins of ``documents/print.css`` left and right, in points (18 mm).
SIDE_MARGIN_PT = 18 / 25.4 * 72
#: Rounding in poppler's word boxes.
TOLERANCE_PT = 0.5


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: list[Word]


def _run(args: list[str], pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        # The poppler tools by name, on a file of our own making: no untrusted input.
        done = subprocess.run(  # noqa: S603
            [*args, str(path), *(["-"] if args[0] == "pdftotext" else [])],
            capture_output=True,
            check=True,
            text=True,
            timeout=60,
        )
        return done.stdout


def pdf_info(pdf: bytes) -> dict[str, str]:
    """``pdfinfo``'s fields (``Tagged``, ``Title``, ``Pages``, ...)."""
    fields = {}
    for line in _run(["pdfinfo"], pdf).splitlines():
        key, _sep, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def _read(text: str) -> str:
    """As a reader reads it: words hyphenated at a line end (WeasyPrint's U+2010) joined again, whitespace
    folded to single spaces."""
    return " ".join(re.sub("\u2010\\s+", "", text).split())


def pdf_page_text(pdf: bytes, page: int) -> str:
    """The text of one page (``pdftotext -f N -l N``), as read (:func:`_read`)."""
    return _read(_run(["pdftotext", "-f", str(page), "-l", str(page)], pdf))


def pdf_text(pdf: bytes) -> str:
    """The text of the whole document, as read (:func:`_read`)."""
    return _read(_run(["pdftotext"], pdf))


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pdf_pages(pdf: bytes) -> list[Page]:
    """Every page with its size and its words' boxes (``pdftotext -bbox``), in points from the top left."""
    pages = []
    for number, match in enumerate(_PAGE.finditer(_run(["pdftotext", "-bbox"], pdf)), start=1):
        words = [
            Word(number, html.unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in _WORD.findall(match.group(3))
        ]
        pages.append(Page(number, float(match.group(1)), float(match.group(2)), words))
    return pages


def assert_tagged_and_marked(pdf: bytes, *, classification: str) -> int:
    """Tagged, with the classification (as printed: upper case) and "Pagina N van M" on every page; returns M."""
    info = pdf_info(pdf)
    assert info["Tagged"] == "yes", info
    total = int(info["Pages"])
    for page in range(1, total + 1):
        text = pdf_page_text(pdf, page)
        assert classification.upper() in text, (page, text[:200])
        assert f"Pagina {page} van {total}" in text, (page, text[-200:])
    return total


def assert_words_fit(pdf: bytes) -> None:
    """No word reaches into the side margins, and no two words on a page overlap: long words wrap inside
    their cell, header cells do not run into each other."""
    for page in pdf_pages(pdf):
        left, right = SIDE_MARGIN_PT - TOLERANCE_PT, page.width - SIDE_MARGIN_PT + TOLERANCE_PT
        for word in page.words:
            assert left <= word.x_min and word.x_max <= right, (page.number, word)
        for index, word in enumerate(page.words):
            for other in page.words[index + 1 :]:
                across = min(word.x_max, other.x_max) - max(word.x_min, other.x_min)
                down = min(word.y_max, other.y_max) - max(word.y_min, other.y_min)
                # Boxes of neighbouring lines touch; text set on top of text overlaps by far more.
                assert across <= 1.0 or down <= 2.0, (page.number, word, other)


def pdf_figure_alts(pdf: bytes) -> list[str]:
    """The text alternatives of the figures (images, drawings) in the PDF's structure tree; a figure
    without one gives ""."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    alts = []
    stack = [root["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if node.get("/S") == "/Figure":
            alts.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            kid = kid.get_object()
            if hasattr(kid, "get"):
                stack.append(kid)
    return alts
