# SPDX-License-Identifier: EUPL-1.2
"""Documents: a Django template rendered to a tagged PDF (PDF/UA-1) with WeasyPrint.

Every PDF Weerbaar hands out is made here, so every one of them follows the same rules (docs/documents.md):

- **tagged** (PDF/UA-1): headings, lists and tables carry their structure, the document has a title and a
  language (the active one), and every image or drawing has a text alternative — WeasyPrint reports a
  missing one as an error, and :func:`document_render` refuses to hand out a document with errors;
- **marked**: the classification at the top and "Pagina X van Y" with the date of making at the foot of
  *every* page (page margin boxes, so they hold however the content flows);
- **printable**: one stylesheet (``documents/print.css``) whose tables fit the page: fixed layout, column
  widths by class, long words wrapped inside their cell, and the header row repeated on every page;
- **closed**: nothing is fetched while rendering. The URL fetcher answers ``data:`` URIs and the project's
  own static files from disk, and stops the rendering at any other address.

A new document is a template that extends ``documents/base.html`` and fills ``{% block content %}``, and one
call::

    pdf = document_render(
        template="cases/documents/closure_report.html",
        context={"case": case, ...},
        title=_("Accountability report %(number)s") % {"number": case.number},
        classification=case.get_classification_display(),
    )

The caller decides who may have the document and audits the export; this module only renders.
"""

import logging
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.defaultfilters import date as date_format
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

#: The base URL documents are rendered against: ``{% static %}`` paths resolve under it, and only those are
#: read (from disk). It names no host, so nothing can be fetched through it.
BASE_URL: Final = "file:///"
PDF_VARIANT: Final = "pdf/ua-1"

#: WeasyPrint logs what breaks PDF/UA (a missing alt text or language) as errors on this logger.
_LOGGER_NAME: Final = "weasyprint"


class DocumentError(Exception):
    """The document could not be made as the rules require (a resource outside the kit, a missing
    text alternative, ...). A programming error: the message says what to fix in the template."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the base template shows of the document itself (``document`` in the context)."""

    title: str
    classification: str
    generated_at: datetime
    lang: str


def local_resource(url: str) -> tuple[bytes, str]:
    """The bytes and content type of a static file the document refers to; :class:`DocumentError` for any
    other address. ``data:`` URIs never reach this function (WeasyPrint's own handler decodes them)."""
    prefix = urljoin(BASE_URL, settings.STATIC_URL)
    if url.startswith(prefix):
        path = static_file_path(unquote(url[len(prefix) :].split("?")[0].split("#")[0]))
        if path is not None:
            return path.read_bytes(), _content_type(path)
    raise DocumentError(f"Documents may use data: URIs and static files only, not {url!r}.")


def _local_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that answers ``data:`` URIs and the project's static files and stops the
    rendering at any other address (``fail_on_errors``): a document that needed the network would depend on
    who answers at render time and tell that party what is being rendered, and a silently missing picture
    is worse than a refusal. WeasyPrint is imported here, on first use, so a process that makes no document
    never loads it (or pango)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                # urllib's data: handler decodes in memory; no other protocol is allowed to the parent.
                return super().fetch(url, headers)
            body, content_type = local_resource(url)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    return LocalOnlyFetcher(allowed_protocols=("data",), fail_on_errors=True, allow_redirects=False)


def static_file_path(name: str) -> Path | None:
    """The local file behind a static name: the collected file (hashed names included), else the finders'."""
    if not name or name.startswith("/") or ".." in Path(name).parts:
        return None
    candidates: list[str] = []
    with suppress(NotImplementedError):  # a storage without local files
        candidates.append(staticfiles_storage.path(name))
    found = finders.find(name)
    if isinstance(found, str):
        candidates.append(found)
    return next((Path(c) for c in candidates if Path(c).is_file()), None)


_CONTENT_TYPES: Final = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


def _content_type(path: Path) -> str:
    return _CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string. Everything but letters and digits is written as a hex escape ended
    by a space (which the escape consumes), so no value (a title, a label) can end the string or the rule
    it stands in, and every space stays a space."""
    return '"' + "".join(c if c.isalnum() else f"\\{ord(c):x} " for c in text) + '"'


def _page_counter_content() -> str:
    """CSS ``content`` for "Pagina 3 van 7" in the active language: the translated sentence around the
    page counters."""
    sentence = _("Page %(page)s of %(pages)s")
    parts = []
    for piece in re.split(r"(%\(page\)s|%\(pages\)s)", sentence):
        if piece == "%(page)s":
            parts.append("counter(page)")
        elif piece == "%(pages)s":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def _page_css(info: DocumentInfo) -> str:
    """The page margin boxes: classification on top, date of making and page number at the foot."""
    made = _("Made on %(date)s") % {"date": date_format(timezone.localtime(info.generated_at), "j F Y, H:i")}
    return (
        "@page {"
        f" @top-center {{ content: {css_string(info.classification.upper())}; }}"
        f" @bottom-left {{ content: {css_string(made)}; }}"
        f" @bottom-right {{ content: {_page_counter_content()}; }}"
        " }"
    )


class _ErrorCollector(logging.Handler):
    """Collects WeasyPrint's error messages of this thread's rendering (a missing alt text, a missing
    language): a PDF/UA document with such an error is not handed out."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_errors() -> Iterator[_ErrorCollector]:
    collector = _ErrorCollector()
    logger = logging.getLogger(_LOGGER_NAME)
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def document_render(
    *,
    template: str,
    context: Mapping[str, Any],
    title: str,
    classification: str,
    generated_at: datetime | None = None,
) -> bytes:
    """Render ``template`` (extending ``documents/base.html``) to a tagged PDF/UA-1 document.

    ``title`` becomes the document's title (metadata and first heading), ``classification`` is printed at
    the top of every page (upper case), the language is the active one. Raises :class:`DocumentError` when
    the template asks for a resource outside the kit or WeasyPrint reports an error (e.g. an image without
    a text alternative).
    """
    info = DocumentInfo(
        title=title,
        classification=classification,
        generated_at=generated_at or timezone.now(),
        lang=translation.get_language() or settings.LANGUAGE_CODE,
    )
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError

    html = render_to_string(template, {**context, "document": info})
    fetcher = _local_only_fetcher()
    with _weasyprint_errors() as errors:
        try:
            pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
                stylesheets=[CSS(string=_page_css(info), url_fetcher=fetcher)],
                pdf_variant=PDF_VARIANT,
                uncompressed_pdf=False,
            )
        except FatalURLFetchingError as exc:  # a BaseException in WeasyPrint: turn it into an ordinary error
            raise DocumentError(str(exc.__cause__ or exc)) from exc
    if errors.messages:
        raise DocumentError("; ".join(errors.messages))
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf without a target returns bytes
        raise DocumentError("WeasyPrint returned no PDF.")
    return pdf


def euro(amount: Decimal | None) -> str:
    """An amount as Dutch documents write it, "EUR 1.234,56" (with a no-break space); "—" for none."""
    if amount is None:
        return "—"
    # A no-break space: the amount never wraps away from its currency in a narrow column.
    return f"EUR\u00a0{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
