# SPDX-License-Identifier: EUPL-1.2
"""Showing correlations (audited, with the enumeration brake) and asking for access from a hit.

A hit tells someone only that a context of organisation X holds the same subject. Each page or answer
that shows such hits is audited as a disclosure; past ``CORRELATION_HIT_DISCLOSURES_PER_HOUR`` the hits
are withheld (the page says so) until the hour has passed. Asking for access is possible only from a
real hit — the requester must see a subject of the same entity — and always answers the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.correlation import limits
from weerbaar.correlation.contexts import provider_for, visible_q
from weerbaar.correlation.models import AccessInquiry, InquiryStatus, Subject
from weerbaar.correlation.selectors import CorrelationReport, correlations_for, hit_target
from weerbaar.notifications.services import outbox_enqueue


@dataclass(frozen=True)
class Shown:
    report: CorrelationReport
    #: True when hits were left out because the hourly limit of disclosures was reached.
    withheld: bool


@transaction.atomic
def correlations_show(*, actor: Actor, subjects: Sequence[Subject], where: str) -> Shown:
    """The correlations of ``subjects`` for display; hits outside access are audited (or withheld)."""
    if not can(actor, Perm.CORRELATION_VIEW) or not subjects:
        return Shown(CorrelationReport(rows=[]), withheld=False)
    allowed = limits.disclosures_left(actor) > 0
    report = correlations_for(actor=actor, subjects=subjects, with_hits=allowed)
    withheld = not allowed and _would_hit(actor, subjects)
    if report.hidden_contexts:
        audit_event_record(
            actor=actor,
            action=AuditAction.DISCLOSE,
            object_type=limits.HIT,
            details={"where": where, "contexts": report.hidden_contexts, "subjects": len(subjects)},
        )
    return Shown(report, withheld)


def _would_hit(actor: Actor, subjects: Sequence[Subject]) -> bool:
    entities = {s.entity_id for s in subjects if s.entity_id is not None}
    own = {s.pk for s in subjects}
    return Subject.objects.filter(entity_id__in=entities).exclude(pk__in=own).exclude(visible_q(actor)).exists()


@transaction.atomic
def hit_access_request(*, actor: Actor, via: Subject, token: str, reason: str) -> None:
    """Ask the organisation responsible for a hit's context for access, because of a hit on ``via``.

    ``token`` is the hit's opaque reference (``selectors.hit_token``). Refused (PermissionDenied) unless it
    is a real hit for this actor from a subject they can see; the context's own procedure takes the request
    (a case access request, or an inquiry to the signal's intake team).
    """
    if not can(actor, Perm.CORRELATION_VIEW) or actor.user is None or actor.organisation is None:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why your organisation needs access.")})
    if not Subject.objects.filter(visible_q(actor), pk=via.pk).exists():
        raise PermissionDenied
    target = hit_target(actor=actor, via=via, token=token)
    if target is None:
        raise PermissionDenied
    provider = provider_for(target)
    if provider is None or not provider.may_request_access(actor):
        raise PermissionDenied
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="correlation.accessrequest",
        object_uuid=target.uuid,
        details={"via": str(via.uuid), "context": provider.kind},
    )
    provider.request_access(actor, target, reason.strip())


@transaction.atomic
def inquiry_create(*, actor: Actor, subject: Subject, reason: str, recipients: list[str], number: str) -> AccessInquiry:
    """Record an inquiry about ``subject``'s context and tell its responsible people (no content)."""
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    if subject.signal_id is not None:
        existing = AccessInquiry.objects.filter(
            subject__signal_id=subject.signal_id, organisation=actor.organisation, status=InquiryStatus.OPEN
        ).first()
        if existing is not None:
            return existing
    inquiry = AccessInquiry(subject=subject, requester=actor.user, organisation=actor.organisation, reason=reason)
    inquiry.full_clean()
    inquiry.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=inquiry, details={"subject": str(subject.uuid)})
    for recipient in recipients:
        outbox_enqueue(
            recipient=recipient,
            subject=_("A request for access after a correlation hit in Weerbaar"),
            body=_(
                "An organisation asks for access after a correlation hit on %(number)s. Log in to Weerbaar to decide."
            )
            % {"number": number},
        )
    return inquiry


@transaction.atomic
def inquiry_answer(*, actor: Actor, inquiry: AccessInquiry, grant: bool, answer: str) -> AccessInquiry:
    """The people who see the subject's context answer; the requester is told that there is an answer."""
    if not Subject.objects.filter(visible_q(actor), pk=inquiry.subject_id).exists():
        raise PermissionDenied
    inquiry = AccessInquiry.objects.select_for_update().select_related("requester").get(pk=inquiry.pk)
    if inquiry.status != InquiryStatus.OPEN:
        raise ValidationError(_("This request has been answered already."))
    if not answer.strip():
        raise ValidationError({"answer": _("Give your answer: how you will share, or why not.")})
    inquiry.status = InquiryStatus.GRANTED if grant else InquiryStatus.REFUSED
    inquiry.answer = answer.strip()
    inquiry.answered_by = actor.user
    inquiry.answered_at = timezone.now()
    inquiry.full_clean()
    inquiry.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=inquiry, details={"status": inquiry.status})
    if inquiry.requester.email:
        outbox_enqueue(
            recipient=inquiry.requester.email,
            subject=_("Your request for access in Weerbaar was answered"),
            body=_("Your request for access after a correlation hit has been answered. Log in to Weerbaar to read it."),
        )
    return inquiry
