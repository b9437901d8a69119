# SPDX-License-Identifier: EUPL-1.2
"""The schakelteam meeting: an agenda of qualified signals and a decision per signal, in one sitting."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.signals.constants import WEIGHING_OUTCOMES, Status
from weerbaar.signals.models import MeetingItem, SchakelteamMeeting, Signal
from weerbaar.signals.services import signal_transition


@dataclass(frozen=True)
class Decision:
    signal_uuid: str
    outcome: str  # one of WEIGHING_OUTCOMES, or "" to postpone
    reasoning: str


@transaction.atomic
def meeting_create(*, actor: Actor, on: date) -> SchakelteamMeeting:
    """A meeting with every qualified signal of the organisation on its agenda."""
    if actor.user is None or actor.organisation is None:
        raise ValidationError(_("A meeting needs a chair and an organisation."))
    meeting = SchakelteamMeeting(organisation=actor.organisation, date=on, chair=actor.user)
    meeting.full_clean()
    meeting.save(force_insert=True)
    signals = Signal.objects.filter(organisation=actor.organisation, status=Status.GEKWALIFICEERD).order_by(
        "received_at"
    )
    MeetingItem.objects.bulk_create([MeetingItem(meeting=meeting, signal=s) for s in signals])
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=meeting, details={"agenda": len(signals)})
    return meeting


@transaction.atomic
def meeting_decide(*, actor: Actor, meeting: SchakelteamMeeting, decisions: list[Decision]) -> int:
    """Record all decisions of the sitting at once: every decision applies, or none does."""
    if meeting.closed_at is not None:
        raise ValidationError(_("This meeting is closed; its decisions can no longer change."))
    items = {str(item.signal.uuid): item for item in meeting.items.select_related("signal")}
    decided = 0
    now = timezone.now()
    for decision in decisions:
        item = items.get(decision.signal_uuid)
        if item is None:
            raise ValidationError(_("A decision refers to a signal that is not on the agenda."))
        if not decision.outcome:
            continue
        if decision.outcome not in WEIGHING_OUTCOMES:
            raise ValidationError(_("Choose one of the weighing outcomes."))
        signal_transition(actor=actor, signal=item.signal, to_status=decision.outcome, reason=decision.reasoning)
        item.decision = decision.outcome
        item.reasoning = decision.reasoning.strip()
        item.decided_by = actor.user
        item.decided_at = now
        item.save(update_fields=["decision", "reasoning", "decided_by", "decided_at"])
        decided += 1
    meeting.closed_at = now
    meeting.save(update_fields=["closed_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=meeting, details={"decided": decided})
    return decided
