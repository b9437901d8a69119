# SPDX-License-Identifier: EUPL-1.2
"""Screening with a purpose: permission, the hourly brake, and a SEARCH audit event with the purpose."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.correlation import limits
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.search import ScreeningResult, screen

SCREENABLE = (SubjectKind.PERSOON, SubjectKind.BEDRIJF, SubjectKind.ADRES)
MAX_RESULTS = 25


class ScreeningLimitError(Exception):
    """The actor made the most screenings allowed in an hour."""


@transaction.atomic
def screening_run(
    *, actor: Actor, kind: str, values: Mapping[str, Any], purpose: str, limit: int = 10
) -> ScreeningResult:
    """Screen a person, company or address (e.g. a Bibob quick scan). Audited with its purpose."""
    if not can(actor, Perm.CORRELATION_SCREEN):
        raise PermissionDenied
    if kind not in SCREENABLE:
        raise ValidationError({"kind": _("Screen a person, a company or an address.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("State the purpose of this search; it is recorded.")})
    if limits.screenings_left(actor) <= 0:
        raise ScreeningLimitError
    result = screen(actor=actor, kind=kind, values=values, limit=max(1, min(limit, MAX_RESULTS)))
    audit_event_record(
        actor=actor,
        action=AuditAction.SEARCH,
        object_type=limits.SCREENING,
        purpose=purpose.strip(),
        details={"kind": kind, "found": len(result.found), "hits": len(result.hits)},
    )
    if result.hits:
        audit_event_record(
            actor=actor,
            action=AuditAction.DISCLOSE,
            object_type=limits.HIT,
            purpose=purpose.strip(),
            details={"where": "screening", "contexts": len(result.hits)},
        )
    return result
