# SPDX-License-Identifier: EUPL-1.2
"""Correlation (area B). The role grants the function; the context decides what is seen.

A subject's content is visible only through its context's own policy (``contexts.py``): the signal's
intake organisation, a case member under need-to-know, Wpg and consent rules. Everyone else with
``correlation.view`` learns at most that a hit exists in a context of organisation X (hit/no-hit).
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, register


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
