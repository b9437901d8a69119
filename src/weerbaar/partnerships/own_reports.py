# SPDX-License-Identifier: EUPL-1.2
"""The status of the signals a partner reported themselves, for the partner's start page.

The second door from area B into area A (with ``trends``): it reads only through the signals' own
selector for reporters (``signals.view_own``, the reporter's own signals), so it shows nothing the
partner could not already follow under "My reports": the number, the date and the status.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from weerbaar.core.policy import Actor
from weerbaar.signals.selectors import signal_list_reported_by

#: How many of the latest reports the start page shows.
SHOWN = 5


@dataclass(frozen=True)
class OwnReport:
    uuid: UUID
    number: str
    received_at: datetime
    status: str


def own_reports(*, actor: Actor) -> tuple[list[OwnReport], int]:
    """The actor's latest reports (at most ``SHOWN``) and how many there are in all."""
    signals = signal_list_reported_by(actor=actor)
    latest = [
        OwnReport(signal.uuid, signal.number or "", signal.received_at, str(signal.get_status_display()))
        for signal in signals[:SHOWN]
    ]
    return latest, signals.count()
