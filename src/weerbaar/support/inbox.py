# SPDX-License-Identifier: EUPL-1.2
"""The desk's contribution to "My work": reports waiting for the trusted contact, and open referrals.

Rows come from the desk's selectors (``scopes.py``), so only the trusted contact's own desk sees them; they
name a report or referral by its reference, never the entrepreneur.
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.policy import Actor
from weerbaar.inbox.registry import Section, WorkItem, register_query
from weerbaar.support.models import ApproachedReport, Referral
from weerbaar.support.selectors import referral_list, report_list


def _reports(actor: Actor) -> QuerySet[ApproachedReport]:
    return report_list(actor=actor, open_only=True)


def _report_item(report: ApproachedReport) -> WorkItem:
    return WorkItem(
        kind=_("Approached entrepreneur"),
        title=report.municipality.name,
        reference=report.reference,
        url=reverse("support:report", kwargs={"uuid": report.uuid}),
        due=timezone.localtime(report.received_at),
        status=report.get_status_display(),
    )


def _referrals(actor: Actor) -> QuerySet[Referral]:
    return referral_list(actor=actor, open_only=True)


def _referral_item(referral: Referral) -> WorkItem:
    return WorkItem(
        kind=_("Support referral"),
        title=referral.provider.name,
        reference=referral.reference,
        url=reverse("support:referral", kwargs={"uuid": referral.uuid}),
        due=timezone.localtime(referral.created_at),
        status=referral.get_status_display(),
    )


# An entrepreneur waiting to be called back counts on the menu item like a decision waiting.
register_query(
    "support.reports",
    Section.DECISIONS,
    _reports,
    _report_item,
    order_by=("-received_at", "-pk"),
    pending=_reports,
)
register_query("support.referrals", Section.STEPS, _referrals, _referral_item, order_by=("-created_at", "-pk"))
