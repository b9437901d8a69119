# SPDX-License-Identifier: EUPL-1.2
"""Per-request context (request id) for audit events and logs."""

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("weerbaar_request_id", default="")
