# SPDX-License-Identifier: EUPL-1.2
"""Reads through the API that the audit trail records.

A detail resource whose reads are audited (a signal, an item of a case) records every ``GET``, and a
transition that answers with the object as that ``GET`` shows it records its answer the same way.
"""

from django.db import transaction
from django.db.models import Model

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor


def api_read_record(*, actor: Actor, obj: Model, **details: str) -> None:
    """Audit a read of ``obj`` through the API (``via: api``), with ``details`` such as the part read."""
    with transaction.atomic():
        audit_event_record(actor=actor, action=AuditAction.READ, obj=obj, details={"via": "api", **details})
