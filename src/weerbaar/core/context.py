# SPDX-License-Identifier: EUPL-1.2
"""Per-request context (request id) for logs, problem responses and audit events.

It lives in core, the bottom layer, so the middleware that sets it and every app that reads it (audit
stores it on each event) import downwards.
"""

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("weerbaar_request_id", default="")
