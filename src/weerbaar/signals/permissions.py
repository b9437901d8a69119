# SPDX-License-Identifier: EUPL-1.2
"""Who may see and handle signals (area B): screened staff of the intake organisation only.

A reporter — a private partner too — sees the status of the signals they reported themselves, never
anyone else's and never the handling inside (status-only view).
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, register


def _intake_org(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    return actor.organisation_id is not None and getattr(obj, "organisation_id", None) == actor.organisation_id


for _code in (Perm.SIGNALS_VIEW, Perm.SIGNALS_INTAKE, Perm.SIGNALS_WEIGH, Perm.SIGNALS_EXPORT):
    register(_code)(_intake_org)


@register(Perm.SIGNALS_REPORT)
def report(actor: Actor, obj: Any) -> bool:
    return actor.organisation is not None


@register(Perm.SIGNALS_VIEW_OWN)
def view_own(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return True
    return actor.user is not None and getattr(obj, "reporter_id", None) == actor.user.pk
