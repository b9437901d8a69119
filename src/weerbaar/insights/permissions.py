# SPDX-License-Identifier: EUPL-1.2
"""The situational picture: two codes. ``insights.view`` opens the dashboard, its CSV files and its API;
which figures and which organisations' counts a viewer reads is each series' scope (``weerbaar.core.figures``),
built on the domain apps' own rules. ``insights.organisation`` entitles a role to its own organisation's
figures as a whole where its object scope is narrower (the programme manager: cases on need-to-know) or
absent (the council)."""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register

declare(
    Perm.INSIGHTS_VIEW,
    area=Area.PLATFORM,
    private_allowed=False,
    screening_required=False,
    description="Read the situational picture: suppressed figures within the scope of one's other permissions.",
)
declare(
    Perm.INSIGHTS_ORGANISATION,
    area=Area.PLATFORM,
    private_allowed=False,
    screening_required=False,
    description="Read the own organisation's figures as a whole (suppressed, never a single object).",
)


@register(Perm.INSIGHTS_VIEW)
@register(Perm.INSIGHTS_ORGANISATION)
def figures_only(actor: Actor, obj: Any) -> bool:
    """Page-level only: the figures are aggregates, never an object of their own."""
    return actor.organisation is not None and obj is None
