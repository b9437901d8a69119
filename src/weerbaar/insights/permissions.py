# SPDX-License-Identifier: EUPL-1.2
"""The situational picture: two codes. ``insights.view`` opens the dashboard, its CSV files and its API;
which figures and which organisations' counts a viewer reads is each series' scope (``weerbaar.core.figures``),
built on the domain apps' own rules. ``insights.organisation`` entitles a role to its own organisation's
figures as a whole where its object scope is narrower (the programme manager: cases on need-to-know) or
absent (the council).

Reports: ``insights.report_make`` (the case director / OOV adviser, the RIEC analyst, the programme manager)
makes reports and reads every report of the own organisation; ``insights.report_council`` (the council member)
reads the own organisation's reports to the council only, public and confidential."""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.insights.constants import COUNCIL_KINDS

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


declare(
    Perm.INSIGHTS_REPORT_MAKE,
    area=Area.PLATFORM,
    private_allowed=False,
    screening_required=False,
    description="Make reports of the situational picture and read every report of the own organisation.",
)
declare(
    Perm.INSIGHTS_REPORT_COUNCIL,
    area=Area.PLATFORM,
    private_allowed=False,
    screening_required=False,
    description="Read the own organisation's reports to the council (public and confidential).",
)


@register(Perm.INSIGHTS_REPORT_MAKE)
def report_of_own_organisation(actor: Actor, obj: Any) -> bool:
    """Without a report: the list and the form. With one: a report of the actor's own organisation."""
    if actor.organisation is None:
        return False
    return obj is None or getattr(obj, "organisation_id", None) == actor.organisation_id


@register(Perm.INSIGHTS_REPORT_COUNCIL)
def council_report_of_own_organisation(actor: Actor, obj: Any) -> bool:
    """A report to the council of the actor's own organisation (the list, without a report)."""
    if not report_of_own_organisation(actor, obj):
        return False
    return obj is None or getattr(obj, "kind", None) in COUNCIL_KINDS
