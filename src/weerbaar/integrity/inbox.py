# SPDX-License-Identifier: EUPL-1.2
"""Integrity's contribution to "My work": the reports the integrity coordinator still works on.

Rows come from ``selectors.handled_report_list`` (``scopes.report_handled``), so only the coordinator of the
report's organisation sees them — never the reporter's line manager or colleagues. A row names the report by
its reference and its kind, never the reporter or what was told. A report received and not yet taken up
counts on the menu item, like a decision waiting.
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.policy import Actor
from weerbaar.inbox.registry import Section, WorkItem, register_query
from weerbaar.integrity.constants import OPEN, Status
from weerbaar.integrity.models import PressureReport
from weerbaar.integrity.selectors import handled_report_list


def _open(actor: Actor) -> QuerySet[PressureReport]:
    return handled_report_list(actor=actor).filter(status__in=OPEN)


def _waiting(actor: Actor) -> QuerySet[PressureReport]:
    return handled_report_list(actor=actor).filter(status=Status.ONTVANGEN)


def _item(report: PressureReport) -> WorkItem:
    return WorkItem(
        kind=_("Integrity report"),
        title=report.get_kind_display(),
        reference=report.reference,
        url=reverse("integrity:detail", kwargs={"uuid": report.uuid}),
        due=timezone.localtime(report.received_at),
        status=report.get_status_display(),
    )


register_query("integrity.reports", Section.DECISIONS, _open, _item, order_by=("-received_at", "-pk"), pending=_waiting)
