# SPDX-License-Identifier: EUPL-1.2
"""The debrief figures: exact for planners, suppressed through ``core.disclosure`` for the other members."""

from collections import defaultdict
from dataclasses import dataclass

from weerbaar.accounts.constants import Perm
from weerbaar.actions.constants import (
    LegalDomain,
    Sanction,
)
from weerbaar.actions.models import (
    FollowUp,
    Operation,
)
from weerbaar.actions.selectors.follow_ups import follow_up_done
from weerbaar.core import disclosure
from weerbaar.core.policy import Actor, can

# --------------------------------------------------------------------------------------------------
# Debrief
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    values: list[str]


@dataclass(frozen=True)
class Debrief:
    """The figures of one operation as the actor may see them.

    Planners read exact counts, with the non-compliant findings per row. Every other member reads the
    totals per row through ``core.disclosure`` (1 to 4 as "< 5", complementary suppression against the
    total, no share over a small group): the figures cover other partners' findings. A table that cannot
    be protected is left out (``None``).
    """

    exact: bool
    locations: str
    locations_checked: str
    findings: str
    compliant_share: str
    by_domain: list[Row] | None
    by_partner: list[Row] | None
    sanctions: list[Row] | None
    follow_ups_open: str
    follow_ups_done: str


def _table(counts: dict[str, list[int]], labels: dict[str, str], exact: bool) -> list[Row] | None:
    keys = sorted(counts, key=lambda k: str(labels.get(k, k)))
    if exact:
        return [Row(str(labels.get(k, k)), [str(v) for v in counts[k]]) for k in keys]
    totals = [counts[k][0] for k in keys]
    status = disclosure.protect_counts(totals)
    if status is None:
        return None
    return [
        Row(str(labels.get(k, k)), [disclosure.cell_display(n, st)])
        for k, n, st in zip(keys, totals, status, strict=True)
    ]


def operation_debrief(*, actor: Actor, operation: Operation) -> Debrief | None:
    """Figures of the operation: locations checked, share compliant, findings per domain and partner,
    sanctions on the spot, follow-ups open and done. None for anyone who may not see the operation."""
    if not can(actor, Perm.ACTIONS_VIEW, operation):
        return None
    exact = can(actor, Perm.ACTIONS_MANAGE, operation)
    rules = disclosure.rules_for(disclosure.Audience.PARTNERS)

    def show(n: int) -> str:
        return str(n) if exact else disclosure.show(n, rules)

    findings = list(
        operation.findings.values_list("location_id", "organisation__name", "domain", "compliant", "sanction")
    )
    checked = len({f[0] for f in findings})
    compliant = sum(1 for f in findings if f[3])
    by_domain: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_partner: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    sanctions: dict[str, list[int]] = defaultdict(lambda: [0])
    for _location, organisation, domain, is_compliant, sanction in findings:
        for table, key in ((by_domain, domain), (by_partner, organisation)):
            table[key][0] += 1
            table[key][1] += 0 if is_compliant else 1
        if sanction != Sanction.GEEN:
            sanctions[sanction][0] += 1
    if exact:
        share = f"{round(100 * compliant / len(findings))} %" if findings else disclosure.NOT_SHOWN
    else:
        share = disclosure.audience_share(compliant, len(findings), rules)
    follow_ups = list(FollowUp.objects.filter(finding__operation=operation).select_related("signal", "intervention"))
    done = sum(1 for f in follow_ups if follow_up_done(f))
    return Debrief(
        exact=exact,
        locations=show(operation.locations.count()),
        locations_checked=show(checked),
        findings=show(len(findings)),
        compliant_share=share,
        by_domain=_table(by_domain, {str(k): str(v) for k, v in LegalDomain.choices}, exact),
        by_partner=_table(by_partner, {}, exact),
        sanctions=_table(sanctions, {str(k): str(v) for k, v in Sanction.choices}, exact),
        follow_ups_open=show(len(follow_ups) - done),
        follow_ups_done=show(done),
    )
