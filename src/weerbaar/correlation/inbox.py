# SPDX-License-Identifier: EUPL-1.2
"""The correlation's contribution to "My work": access inquiries after a hit, waiting for the people who
see the subject's context, and the state of the inquiries the actor made.

The requester learns only the decision: their own rows name no context, number or subject.
"""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.policy import Actor
from weerbaar.correlation.contexts import describe
from weerbaar.correlation.models import AccessInquiry, InquiryStatus
from weerbaar.correlation.selectors import subjects_visible
from weerbaar.inbox.registry import Section, Source, WorkItem, register, register_query

#: How long an answered inquiry of one's own stays in the list, so the answer is seen.
ANSWERED_SHOWN_DAYS = 30


def _to_answer(actor: Actor) -> QuerySet[AccessInquiry]:
    """Open inquiries on subjects the actor may see: the people responsible for the context answer them."""
    return AccessInquiry.objects.filter(
        status=InquiryStatus.OPEN, subject__in=subjects_visible(actor=actor).values("pk")
    ).select_related("subject")


def _decision_items(actor: Actor, limit: int) -> list[WorkItem]:
    inquiries = list(_to_answer(actor).order_by("created_at", "pk")[:limit])
    subjects = [inquiry.subject for inquiry in inquiries]
    contexts = describe(subjects, full_for={s.pk for s in subjects})
    items = []
    for inquiry in inquiries:
        context = contexts.get(inquiry.subject_id)
        items.append(
            WorkItem(
                kind=_("Access after a correlation hit"),
                title=context.kind_label if context is not None else _("Subject"),
                reference=context.label if context is not None else "",
                url=reverse("correlation:subject", kwargs={"uuid": inquiry.subject.uuid}),
                due=timezone.localtime(inquiry.created_at),
                status=_("Waiting for your decision"),
            )
        )
    return items


def _own(actor: Actor) -> QuerySet[AccessInquiry]:
    if actor.user is None or actor.organisation_id is None:
        return AccessInquiry.objects.none()
    since = timezone.now() - timedelta(days=ANSWERED_SHOWN_DAYS)
    return AccessInquiry.objects.filter(
        Q(status=InquiryStatus.OPEN) | Q(answered_at__gte=since),
        requester_id=actor.user.pk,
        organisation_id=actor.organisation_id,
    )


def _own_item(inquiry: AccessInquiry) -> WorkItem:
    return WorkItem(
        kind=_("Access after a correlation hit"),
        title=_("Your request for access"),
        reference="",
        url=reverse("correlation:overview"),
        status=inquiry.get_status_display(),
    )


register(
    Source(
        "correlation.inquiries",
        Section.DECISIONS,
        items=_decision_items,
        count=lambda actor: _to_answer(actor).count(),
        pending=lambda actor: _to_answer(actor).count(),
    )
)
register_query("correlation.own_inquiries", Section.REQUESTS, _own, _own_item, order_by=("-created_at", "-pk"))
