# SPDX-License-Identifier: EUPL-1.2
"""Who may see which signal, written once as a filter (see :mod:`weerbaar.core.scopes`).

Two rules, nothing else:

- **intake**: screened staff of the intake organisation handle the signals sent to it (view, intake, weigh,
  export; which of those is the permission's business, not the signal's);
- **reported by**: a reporter — a private partner too — follows the status of the signals they reported
  themselves, never anyone else's.

``prefix`` is the path from another model to the signal, e.g. ``"signal__"`` for a subject named in it.
"""

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, holds, lookup
from weerbaar.signals.models import SchakelteamMeeting, Signal


def signal_of_intake(actor: Actor, prefix: str = "") -> Q:
    """Signals sent to the actor's organisation: the scope of every intake permission (without the permission)."""
    if actor.organisation_id is None:
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id)


def _intake(actor: Actor, code: str, prefix: str) -> Q:
    if not can(actor, code):
        return NOTHING
    return signal_of_intake(actor, prefix)


def signal_visible(actor: Actor, prefix: str = "") -> Q:
    """Signals the actor may read in full (``signals.view``)."""
    return _intake(actor, Perm.SIGNALS_VIEW, prefix)


def signal_exportable(actor: Actor, prefix: str = "") -> Q:
    """Signals whose content the actor may take out of Weerbaar (``signals.export``)."""
    return _intake(actor, Perm.SIGNALS_EXPORT, prefix)


def signal_weighable(actor: Actor, prefix: str = "") -> Q:
    """Signals the actor may weigh in the schakelteam (``signals.weigh``)."""
    return _intake(actor, Perm.SIGNALS_WEIGH, prefix)


def signal_handled(actor: Actor, prefix: str = "") -> Q:
    """Signals the actor's intake team handles (``signals.intake``): qualifying, legal hold, retention."""
    return _intake(actor, Perm.SIGNALS_INTAKE, prefix)


def signal_reported_by(actor: Actor, prefix: str = "") -> Q:
    """Signals the actor reported personally, without the permission to follow them."""
    if actor.user is None:
        return NOTHING
    return lookup(prefix, "reporter_id", actor.user.pk)


def signal_followed(actor: Actor, prefix: str = "") -> Q:
    """Signals whose status the actor may follow as their reporter (``signals.view_own``)."""
    if not can(actor, Perm.SIGNALS_VIEW_OWN):
        return NOTHING
    return signal_reported_by(actor, prefix)


def meeting_visible(actor: Actor, prefix: str = "") -> Q:
    """Schakelteam meetings of the actor's organisation, for those who weigh (``signals.weigh``)."""
    if not can(actor, Perm.SIGNALS_WEIGH) or actor.organisation_id is None:
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id)


def in_intake(actor: Actor, signal: Signal | None) -> bool:
    """The object-level face of :func:`signal_of_intake` (the permission rules of intake use it)."""
    return holds(signal_of_intake(actor), signal)


def is_reporter(actor: Actor, signal: Signal | None) -> bool:
    """The object-level face of :func:`signal_reported_by`."""
    return holds(signal_reported_by(actor), signal)


def meeting_is_visible(actor: Actor, meeting: SchakelteamMeeting | None) -> bool:
    return holds(meeting_visible(actor), meeting)
