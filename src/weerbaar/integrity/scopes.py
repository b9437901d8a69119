# SPDX-License-Identifier: EUPL-1.2
"""Who sees a pressure report, written once as query filters (see weerbaar.core.scopes).

Two people, no one else: the reporter (his own reports, whatever organisation he acts for now) and whoever
holds ``integrity.handle`` while acting for the organisation the report was made in. No other code — not
``threats.coordinate``, not a line manager's or council member's — appears here, so no other role reaches a
report.
"""

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, holds, lookup
from weerbaar.integrity.models import PressureReport


def report_own(actor: Actor, prefix: str = "") -> Q:
    """The reports the actor made himself."""
    if not can(actor, Perm.INTEGRITY_REPORT) or actor.user is None:
        return NOTHING
    return lookup(prefix, "reporter_id", actor.user.pk)


def report_handled(actor: Actor, prefix: str = "") -> Q:
    """The reports of the organisation the actor acts for as its integrity coordinator."""
    if not can(actor, Perm.INTEGRITY_HANDLE) or actor.organisation_id is None:
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id)


def is_own(actor: Actor, report: PressureReport | None) -> bool:
    return holds(report_own(actor), report)


def is_handled(actor: Actor, report: PressureReport | None) -> bool:
    return holds(report_handled(actor), report)
