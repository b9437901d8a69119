# SPDX-License-Identifier: EUPL-1.2
"""Every log line is JSON: also a server error, also at DEBUG level, and never a photo's EXIF."""

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from PIL import Image

from weerbaar.core.policy import PUBLIC, access
from weerbaar.core.uploads import sanitise_bytes


@access(PUBLIC)
def broken(request: HttpRequest, number: int) -> HttpResponse:
    raise ValueError(f"geheime-inhoud {request.body.decode()} {number}")


class Urls:
    urlpatterns = [path("kapot/<int:number>/", broken)]


def _handler_of(name: str) -> logging.StreamHandler[Any]:
    handlers = logging.getLogger(name).handlers
    assert handlers, f"{name} has no handler: Python would print it as plain text"
    handler = handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    return handler


@pytest.fixture
def request_log() -> Iterator[io.StringIO]:
    handler = _handler_of("django.request")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield buffer
    finally:
        handler.setStream(previous)


@pytest.mark.django_db
def test_a_server_error_is_one_json_line_without_body_or_path(
    settings: Any, request_log: io.StringIO, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.ROOT_URLCONF = Urls
    response = Client(raise_request_exception=False).post(
        "/kapot/4711/?naam=jan.jansen", data="omschrijving=Jan Jansen", content_type="text/plain"
    )
    assert response.status_code == 500
    lines = [line for line in request_log.getvalue().splitlines() if line]
    assert len(lines) == 1, lines
    entry = json.loads(lines[0])
    assert entry["logger"] == "django.request" and entry["level"] == "ERROR"
    assert entry["exception"] == "ValueError"
    assert entry["request_id"] and entry["request_id"] == response["X-Request-ID"]
    assert (entry["method"], entry["status"], entry["route"]) == ("POST", 500, "kapot/<int:number>/")
    for secret in ("Jan Jansen", "jan.jansen", "geheime-inhoud", "4711", "Traceback"):
        assert secret not in lines[0]
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "Traceback" not in captured.out


def test_request_loggers_all_have_json_handlers() -> None:
    from weerbaar.core.logging import JsonFormatter

    for name in ("django.request", "django.server", "gunicorn.error"):
        assert isinstance(_handler_of(name).formatter, JsonFormatter)


def test_django_server_lines_hold_no_query_string() -> None:
    handler = _handler_of("django.server")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /zoeken/?naam=jan.jansen HTTP/1.1", 200, 12, extra={"status_code": 200}
        )
    finally:
        handler.setStream(previous)
    entry = json.loads(buffer.getvalue())
    assert "jan.jansen" not in buffer.getvalue()
    assert (entry["method"], entry["status"]) == ("GET", 200)


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (32, 24), (10, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Merk van de camera"  # Make
    gps = exif.get_ifd(0x8825)  # GPSInfo
    gps[1], gps[2] = "N", (51.0, 33.0, 20.0)
    buffer = io.BytesIO()
    image.save(buffer, "jpeg", exif=exif.tobytes())
    return buffer.getvalue()


def test_pillow_never_logs_exif_at_debug_level(caplog: pytest.LogCaptureFixture) -> None:
    console = logging.getLogger().handlers[0]
    assert isinstance(console, logging.StreamHandler)
    buffer = io.StringIO()
    previous = console.setStream(buffer)
    try:
        # As with LOG_LEVEL=DEBUG: the root logger and its handlers pass debug records.
        with caplog.at_level(logging.DEBUG):
            photo = jpeg_with_exif()
            with Image.open(io.BytesIO(photo)) as image:
                assert image.getexif().get_ifd(0x8825)
            sanitise_bytes(photo)
    finally:
        console.setStream(previous)
    assert not [r for r in caplog.records if r.name.startswith("PIL")]
    assert "PIL" not in buffer.getvalue() and "Merk van de camera" not in buffer.getvalue()
    assert logging.getLogger("PIL").getEffectiveLevel() >= logging.WARNING
