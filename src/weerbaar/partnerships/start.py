# SPDX-License-Identifier: EUPL-1.2
"""The partner's block on the start page: per partnership the latest alerts (``operationeel``) and the
suppressed trends of the area (``aggregaat``), then the status of the partner's own reports.

Each part declares its class and is read through the rules that admit only members whose ceiling reaches
it, so a participant agreed at ``aggregaat`` sees the trends and not the alerts.
"""

from typing import Any

from weerbaar.core.policy import Actor
from weerbaar.partnerships import selectors
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.own_reports import own_reports
from weerbaar.partnerships.permissions import Shown
from weerbaar.partnerships.trends import area_trend

#: What each part of the block shows.
ALERTS_SHOWN = Shown(DataClass.OPERATIONEEL)
TRENDS_SHOWN = Shown(DataClass.AGGREGAAT)
#: Alerts per partnership on the start page.
LATEST_ALERTS = 3


def start_context(actor: Actor) -> dict[str, Any] | None:
    """The block's content, or None when the actor is a member of no partnership."""
    # The block shows a partnership's name and link, not its area or municipalities: the area (a GeoJSON of up
    # to 20,000 points) is read only when the trend has to prepare it again (``geometry.prepared_area``).
    partnerships = list(
        selectors.partnership_list(actor=actor, data_class=TRENDS_SHOWN.required).prefetch_related(None).defer("area")
    )
    if not partnerships:
        return None
    # One query for every partnership the actor receives alerts in, through the same rule as the alerts.
    receiving = set(
        selectors.partnership_list(actor=actor, data_class=ALERTS_SHOWN.required)
        .prefetch_related(None)
        .values_list("pk", flat=True)
    )
    blocks = []
    for partnership in partnerships:
        operational = partnership.pk in receiving
        alerts = list(selectors.alert_list(actor=actor, partnership=partnership)[:LATEST_ALERTS]) if operational else []
        blocks.append(
            {
                "partnership": partnership,
                "operational": operational,
                "alerts": alerts,
                "trend": area_trend(partnership=partnership),
            }
        )
    reports, report_count = own_reports(actor=actor)
    return {"blocks": blocks, "reports": reports, "report_count": report_count}
