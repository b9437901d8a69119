# SPDX-License-Identifier: EUPL-1.2
"""The barrier model as a PDF, through the documents kit (tagged, classification and page numbers on every
page). The caller has found the model through the selectors; this audits the export."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.documents import document_render
from weerbaar.core.policy import Actor, can
from weerbaar.knowledge import selectors
from weerbaar.knowledge.models import BarrierModel


def barrier_model_pdf(*, actor: Actor, barrier_model: BarrierModel, number: int | None = None) -> bytes:
    """One version (the current one by default) of a barrier model the actor sees. Audited as EXPORT."""
    if not can(actor, Perm.KNOWLEDGE_VIEW, barrier_model):
        raise PermissionDenied
    version = selectors.barrier_model_version(barrier_model=barrier_model, number=number)
    if version is None:
        raise PermissionDenied
    with transaction.atomic():
        pdf = document_render(
            template="knowledge/documents/barrier_model.html",
            context={
                "barrier_model": barrier_model,
                "version": version,
                "history": selectors.barrier_model_history(barrier_model=barrier_model),
            },
            title=_("Barrier model %(title)s") % {"title": version.title},
            classification=_("Confidential"),
        )
        audit_event_record(
            actor=actor,
            action=AuditAction.EXPORT,
            obj=barrier_model,
            purpose="barrier model",
            details={"format": "pdf", "version": version.number},
        )
    return pdf
