# SPDX-License-Identifier: EUPL-1.2
"""Reporting routes in the authorization matrix: every role reports and sees its own; anyone reports anonymously."""

from typing import Any

from tests.authz import ALL_ROLES, Route, World
from weerbaar.accounts.selectors import actor_for
from weerbaar.signals.models import Signal
from weerbaar.signals.tests.factories import AMSTERDAM_POINT, TILBURG_POINT, make_signal


def _own_reported_signal(world: World, scope: str) -> dict[str, Any]:
    """A signal reported by the scope's staff member; no matrix actor reported it, so it is foreign to all."""

    def create() -> Signal:
        reporter = actor_for(user=world.subject_user[scope])
        return make_signal(reporter, point=TILBURG_POINT if scope == "own" else AMSTERDAM_POINT)

    signal = world.once(f"own_reported_signal_{scope}", create)
    return {"uuid": signal.uuid}


SPEC: dict[str, Route] = {
    "signals:report": Route("roles", ALL_ROLES),
    # Without a signal just sent there is nothing to confirm: back to "My signals".
    "signals:report_done": Route("roles", ALL_ROLES, ok=(302,)),
    "signals:my_list": Route("roles", ALL_ROLES),
    # The matrix's actors never reported the signal they are shown, also those of its own organisation:
    # only its reporter sees it (tested in test_public.py), so for every one of them it does not exist.
    "signals:my_detail": Route("roles", ALL_ROLES, ok=(404,), scoped="strict", kwargs=_own_reported_signal),
    "signals:public_report": Route("public"),
    "signals:public_received": Route("public"),
    "signals:public_follow_up": Route("public"),
    "signals:boundaries_geojson": Route("public"),
}
