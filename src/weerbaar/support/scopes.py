# SPDX-License-Identifier: EUPL-1.2
"""Who sees what of the trusted contact's desk, written once as query filters (see weerbaar.core.scopes).

A report or referral belongs to the desk of the trusted contact it was given to: it is seen by whoever
holds ``support.view`` while acting for that trusted contact's organisation (the contact and a colleague
who takes over). The policy already refuses ``support.view`` to anyone who enforces, so no enforcement role
reaches any of these rules.
"""

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, holds, lookup
from weerbaar.support.models import ApproachedReport, Referral


def _desk(actor: Actor, prefix: str) -> Q:
    if not can(actor, Perm.SUPPORT_VIEW) or actor.organisation_id is None:
        return NOTHING
    return lookup(prefix, "trusted_contact__organisation_id", actor.organisation_id)


def report_visible(actor: Actor, prefix: str = "") -> Q:
    """Confidential "I have been approached" reports given to the actor's desk."""
    return _desk(actor, prefix)


def referral_visible(actor: Actor, prefix: str = "") -> Q:
    """Support referrals kept by the actor's desk."""
    return _desk(actor, prefix)


def is_report_visible(actor: Actor, report: ApproachedReport) -> bool:
    return holds(report_visible(actor), report)


def is_referral_visible(actor: Actor, referral: Referral) -> bool:
    return holds(referral_visible(actor), referral)
