# SPDX-License-Identifier: EUPL-1.2
"""The partnerships' contribution to "My work": the area alerts the actor has not read yet.

Every row starts from the alerts the actor receives (``selectors.alert_list``, through ``scopes.py`` and
the ceiling), so it never points at an alert the actor could not open. Area A stays apart: this module
imports only the inbox's registry.
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.policy import Actor
from weerbaar.inbox.registry import Section, WorkItem, register_query
from weerbaar.partnerships.models import AreaAlert
from weerbaar.partnerships.selectors import alert_unread_list


def _unread(actor: Actor) -> QuerySet[AreaAlert]:
    return alert_unread_list(actor=actor)


def _alert_item(alert: AreaAlert) -> WorkItem:
    return WorkItem(
        kind=_("Area alert"),
        title=f"{alert.get_theme_display()} — {alert.partnership.name}",
        reference=alert.number,
        url=reverse("partnerships:alert", kwargs={"uuid": alert.partnership.uuid, "alert_uuid": alert.uuid}),
        due=timezone.localtime(alert.sent_at),
        status=_("Not read"),
    )


# An unread alert is waiting for the reader: it counts on the menu item like a decision waiting.
register_query(
    "partnerships.alerts", Section.ALERTS, _unread, _alert_item, order_by=("-sent_at", "-pk"), pending=_unread
)
