# SPDX-License-Identifier: EUPL-1.2
"""Which audience's disclosure rules apply to a viewer (``weerbaar.core.disclosure``).

Public staff who handle signals, cases or threats read as **internal**; a partner representative (and
anyone at a private organisation) as **partners**; a council member, whose documents may become public,
as **council** (rounded to 5, percentages over 100 or more). A viewer with roles of several kinds reads
under the internal rules only when one of his roles is internal. No partner role holds ``insights.view``
yet (a partner's only view of cases is need-to-know, which gives no organisation figures), and the
**public** audience has no role (a published report, later); their rules are in place for when they do.
"""

from weerbaar.accounts.constants import Role
from weerbaar.core.disclosure import Audience
from weerbaar.core.policy import Actor

INTERNAL_ROLES = frozenset(
    {
        Role.MELDPUNT,
        Role.SCHAKELTEAM,
        Role.CASUSREGISSEUR,
        Role.RIEC_ANALIST,
        Role.PROGRAMMAMANAGER,
        Role.VEILIGHEIDSCOORDINATOR,
    }
)


def audience_of(actor: Actor) -> Audience:
    if actor.organisation is not None and actor.organisation.is_private:
        return Audience.PARTNERS
    if actor.roles & INTERNAL_ROLES:
        return Audience.INTERNAL
    if Role.PARTNERVERTEGENWOORDIGER in actor.roles:
        return Audience.PARTNERS
    return Audience.COUNCIL
