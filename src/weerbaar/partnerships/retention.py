# SPDX-License-Identifier: EUPL-1.2
"""Retention of area A data, registered with :mod:`weerbaar.core.retention` (docs/retention.md):

- an **area alert**, with the receipts of who read it, two years after it was sent;
- the **directory entry** of a participant that left, one year after it left (its contact data were erased
  when it left, by ``participant_leave``);
- a **partnership document** (declaration of intent, covenant), seven years after a newer one of the same
  kind replaced it; the current one stays as long as the partnership.

Destruction writes an audit event ``delete`` with the rule and what the object was (number, kind, dates),
never a person: that event is the deletion record. No legal hold and no warning: none of these is
evidence in a case, and nobody but the partnership relies on them.
"""

from datetime import date

from django.db import transaction
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.utils.translation import gettext_lazy

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.retention import (
    DestructionRequest,
    RetentionPolicy,
    add_years,
    retention_destruction_audit,
    retention_files_delete_on_commit,
    retention_policy_register,
)
from weerbaar.partnerships.models import AreaAlert, DirectoryEntry, PartnershipDocument
from weerbaar.partnerships.services.setup import document_path

#: How long each kind of object is kept (docs/retention.md says why).
ALERT_YEARS = 2
ENTRY_YEARS_AFTER_LEAVING = 1
DOCUMENT_YEARS_AFTER_REPLACED = 7


def _audit(obj: Model, request: DestructionRequest | None, details: dict[str, object]) -> None:
    """The deletion record of area A: the audit event, with the rule and what the object was."""
    audit = retention_destruction_audit(request=request, details={"rule": "retention", **details})
    audit_event_record(action=AuditAction.DELETE, obj=obj, **audit)


# --- Area alerts -----------------------------------------------------------------------------------


def _alerts_expired(day: date) -> QuerySet[AreaAlert]:
    return AreaAlert.objects.filter(sent_at__date__lte=add_years(day, -ALERT_YEARS)).order_by("sent_at", "pk")


@transaction.atomic
def _alert_destroy(alert: AreaAlert, today: date, request: DestructionRequest | None = None) -> None:
    """The alert with its read receipts (they cascade)."""
    details = {
        "number": alert.number,
        "theme": alert.theme,
        "sent_on": str(alert.sent_at.date()),
        "receipts": alert.receipts.count(),
    }
    _audit(alert, request, details)
    alert.delete()


ALERTS = retention_policy_register(
    RetentionPolicy(
        name="partnership_alerts",
        title=gettext_lazy("Area alerts"),
        category=gettext_lazy("Area alerts with the receipts of who read them"),
        period=gettext_lazy("2 years after sending"),
        legal_basis=gettext_lazy("GDPR art. 5(1)(e); the covenant of the area partnership"),
        expired=_alerts_expired,
        destroy=_alert_destroy,
        remains=gettext_lazy("the audit event of the deletion: the alert's number, theme and date sent"),
    )
)


# --- Directory entries of participants that left ------------------------------------------------------


def _entries_expired(day: date) -> QuerySet[DirectoryEntry]:
    return DirectoryEntry.objects.filter(
        participant__left_at__isnull=False,
        participant__left_at__lte=add_years(day, -ENTRY_YEARS_AFTER_LEAVING),
    ).order_by("participant__left_at", "pk")


@transaction.atomic
def _entry_destroy(entry: DirectoryEntry, today: date, request: DestructionRequest | None = None) -> None:
    participant = entry.participant
    _audit(entry, request, {"participant": str(participant.uuid), "left_on": str(participant.left_at)})
    entry.delete()


ENTRIES = retention_policy_register(
    RetentionPolicy(
        name="partnership_directory",
        title=gettext_lazy("Directory entries of former participants"),
        category=gettext_lazy("The directory entry of a participant that left the partnership"),
        period=gettext_lazy("contact data when the participant leaves; the entry 1 year after leaving"),
        legal_basis=gettext_lazy("GDPR art. 5(1)(c) and (e); consent of the entry's author (art. 6(1)(a))"),
        expired=_entries_expired,
        destroy=_entry_destroy,
        remains=gettext_lazy("the audit event of the deletion: which participant, and when it left"),
    )
)


# --- Partnership documents ---------------------------------------------------------------------------


def _documents_expired(day: date) -> QuerySet[PartnershipDocument]:
    replaced = PartnershipDocument.objects.filter(
        partnership_id=OuterRef("partnership_id"),
        kind=OuterRef("kind"),
        signed_on__gt=OuterRef("signed_on"),
        signed_on__lte=add_years(day, -DOCUMENT_YEARS_AFTER_REPLACED),
    )
    return PartnershipDocument.objects.filter(Exists(replaced)).order_by("signed_on", "pk")


@transaction.atomic
def _document_destroy(document: PartnershipDocument, today: date, request: DestructionRequest | None = None) -> None:
    """The document with its signatories and its stored file (removed once the deletion is committed)."""
    details = {
        "partnership": str(document.partnership.uuid),
        "kind": document.kind,
        "signed_on": str(document.signed_on),
        "had_file": bool(document.stored_name),
    }
    _audit(document, request, details)
    if document.stored_name:
        retention_files_delete_on_commit(paths=[document_path(document)])
    document.delete()


DOCUMENTS = retention_policy_register(
    RetentionPolicy(
        name="partnership_documents",
        title=gettext_lazy("Partnership documents"),
        category=gettext_lazy("Declarations of intent and covenants of area partnerships, with their files"),
        period=gettext_lazy("as long as the partnership; a replaced one 7 years after the newer one was signed"),
        legal_basis=gettext_lazy(
            "GDPR art. 5(2) (accountability): the covenant is the legal basis on which the partners shared data"
        ),
        expired=_documents_expired,
        destroy=_document_destroy,
        remains=gettext_lazy("the audit event of the deletion: the partnership, the kind and the date of signing"),
    )
)

__all__ = ["ALERTS", "DOCUMENTS", "ENTRIES"]
