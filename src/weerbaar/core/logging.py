# SPDX-License-Identifier: EUPL-1.2
"""Structured (JSON-lines) logging. Log records carry ids and codes, never personal data."""

import json
import logging
from datetime import UTC, datetime
from typing import Any

from weerbaar.core.context import request_id_var

# Attributes every LogRecord has; anything else was passed through ``extra=``.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}
# Extra keys we allow into the log line. Anything else is dropped, so personal data cannot slip in.
_ALLOWED_EXTRA = {"view", "status", "method", "route", "duration_ms", "event", "count", "task", "object_uuid"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class RequestRecordFilter(logging.Filter):
    """Keeps the method, route and status of a request record and drops what was filled into its message.

    ``django.request``, ``django.server`` and ``gunicorn.error`` put the path (``django.server`` with the
    query string), the client's address and sometimes the exception text in the message; a path can hold
    a search term or a code. The route is the URL pattern (``api/v1/meldingen/<uuid:uuid>``), never the
    values in it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        status = getattr(record, "status_code", None)
        method = getattr(request, "method", None)
        if method is None and record.name == "django.server" and isinstance(record.args, tuple) and record.args:
            method = str(record.args[0]).split(" ", 1)[0]
        match = getattr(request, "resolver_match", None)
        if isinstance(method, str):
            record.method = method
        if status is not None:
            record.status = status
        if match is not None and getattr(match, "route", None):
            record.route = match.route
        if record.name.startswith("django."):
            failed = record.exc_info is not None or (isinstance(status, int) and status >= 500)
            record.msg = "request failed" if failed else "request"
        # Elsewhere (gunicorn) the fixed message text stays; the values put into it (paths, addresses) go.
        record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key in _ALLOWED_EXTRA:
                payload[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            # The exception type only: messages and tracebacks can contain submitted values.
            payload["exception"] = record.exc_info[0].__name__
        return json.dumps(payload, ensure_ascii=False, default=str)
