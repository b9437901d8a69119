# SPDX-License-Identifier: EUPL-1.2
"""Correlation (area B). The role grants the function; the context decides what is seen.

A subject's content is visible only through its context's own policy (``contexts.py``): the signal's
intake organisation, a case member under need-to-know, Wpg and consent rules. Everyone else with
``correlation.view`` learns at most that a hit exists in a context of organisation X (hit/no-hit).
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register

declare(
    Perm.CORRELATION_VIEW,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="See the subjects of one's own signals and cases, and hits elsewhere.",
)
declare(
    Perm.CORRELATION_SCREEN,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Screen a name or company against all subjects (e.g. a Bibob quick scan).",
)
declare(
    Perm.CORRELATION_JUDGE,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Judge whether two subjects are the same.",
)
declare(
    Perm.CORRELATION_MANAGE,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Configure correlation: exclusions and batch resolution.",
)


def _organisation(actor: Actor, obj: Any) -> bool:
    return actor.organisation is not None


@register(Perm.CORRELATION_VIEW)
def view_subject(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    from weerbaar.correlation.contexts import visible_q
    from weerbaar.correlation.models import Subject

    return Subject.objects.filter(visible_q(actor), pk=obj.pk).exists()


for _code in (Perm.CORRELATION_SCREEN, Perm.CORRELATION_JUDGE, Perm.CORRELATION_MANAGE):
    register(_code)(_organisation)
