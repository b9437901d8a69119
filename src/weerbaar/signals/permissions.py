# SPDX-License-Identifier: EUPL-1.2
"""Who may see and handle signals (area B): screened staff of the intake organisation only.

A reporter — a private partner too — sees the status of the signals they reported themselves, never
anyone else's and never the handling inside (status-only view). Both rules live in ``scopes.py`` as filters;
a decision about one signal asks whether it is inside the filter.
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.signals.scopes import in_intake, is_reporter

# Reporting in is open to every partner, private ones included (one way); the rest is area B proper.
declare(
    Perm.SIGNALS_REPORT,
    area=Area.B,
    private_allowed=True,
    screening_required=False,
    description="Send a signal in and see that it was received.",
)
declare(
    Perm.SIGNALS_VIEW_OWN,
    area=Area.B,
    private_allowed=True,
    screening_required=False,
    description="Follow the status of the signals one reported oneself.",
)
declare(
    Perm.SIGNALS_VIEW,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Read the signals received by one's own organisation.",
)
declare(
    Perm.SIGNALS_INTAKE,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Qualify received signals: subjects, privacy check, legal hold, status.",
)
declare(
    Perm.SIGNALS_WEIGH,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Weigh qualified signals in the schakelteam and decide on follow-up.",
)
declare(
    Perm.SIGNALS_EXPORT,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Export a signal with its evidence.",
)


def _intake_org(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    return in_intake(actor, obj)


for _code in (Perm.SIGNALS_VIEW, Perm.SIGNALS_INTAKE, Perm.SIGNALS_WEIGH, Perm.SIGNALS_EXPORT):
    register(_code)(_intake_org)


@register(Perm.SIGNALS_REPORT)
def report(actor: Actor, obj: Any) -> bool:
    return actor.organisation is not None


@register(Perm.SIGNALS_VIEW_OWN)
def view_own(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return True
    return is_reporter(actor, obj)
