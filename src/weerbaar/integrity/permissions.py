# SPDX-License-Identifier: EUPL-1.2
"""Two codes: every public staff member reports (``integrity.report``) and follows his own reports; the
integrity coordinator (confidential adviser) of the organisation handles them (``integrity.handle``).

Neither is for a private partner: a report concerns the employer's own staff and integrity. What each sees
is in ``scopes.py``; a line manager, a security coordinator, a colleague or a council member holds no rule
that reaches a report.
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.integrity import scopes
from weerbaar.integrity.models import PressureReport

declare(
    Perm.INTEGRITY_REPORT,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Report pressure, an offer or a conflict of interest in confidence, and follow one's own reports.",
)
declare(
    Perm.INTEGRITY_HANDLE,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Handle the own organisation's confidential integrity reports as its integrity coordinator.",
)


@register(Perm.INTEGRITY_REPORT)
def report(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None and actor.user is not None
    return isinstance(obj, PressureReport) and scopes.is_own(actor, obj)


@register(Perm.INTEGRITY_HANDLE)
def handle(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None and actor.user is not None
    return isinstance(obj, PressureReport) and scopes.is_handled(actor, obj)
