# SPDX-License-Identifier: EUPL-1.2
"""Synthetic demo incidents for area C (threats) in Gemeente Tilburg. Idempotent; call after the users exist.

One incident is against a council member without an account, registered by the coordinator, assessed and
shared with the police liaison by name. The closed incident has no open step: closing cancels them. Two
incidents were closed about five years ago, so the retention overview has something to show: one reaches
the end of its retention within the warning period, the other has passed it and is kept by a legal hold.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.threats import services
from weerbaar.threats.constants import AssessmentOutcome, Status, StepKind, VictimRole
from weerbaar.threats.models import FollowUpStep, Incident, StatusChange
from weerbaar.threats.retention import incident_legal_hold_set

_BASE = {
    "victim_role": "ambtenaar",
    "channel": "social_media",
    "target": "persoon",
    "place": "",
    "severity": 3,
    "perpetrator_description": "",
    "linked_process": "handhaving",
    "undermining_related": "onbekend",
    "influenced_decision": "nee",
    "influence_explanation": "",
}

#: What the coordinator knows of the (synthetic) perpetrator; stored only as sealed marks.
_PERPETRATOR = {"given_names": "Demo", "surname": "Dader", "birth_date": "1985-01-01", "account": "@demo_dader_een"}
#: Against a council member without an account; registered by the coordinator.
_COUNCIL_MEMBER = "Raadslid Demo de Vries"
_DEMO: list[tuple[str, int, dict[str, Any], dict[str, Any], list[str]]] = [
    # marker (in the description), days ago, overrides, what is known of the perpetrator, steps to finish
    ("[demo-1]", 40, {"forms": ["bedreiging"], "severity": 4}, _PERPETRATOR, ["ack", "resp"]),
    (
        "[demo-2]",
        12,
        {"forms": ["intimidatie", "wachten_bij_huis"], "channel": "thuis"},
        {"account": "https://social.example/Demo_Dader_Een/"},
        ["ack"],
    ),
    ("[demo-3]", 4, {"forms": ["verbaal"], "channel": "telefoon", "linked_process": "vergunningen"}, {}, []),
    (
        "[demo-4]",
        80,
        {"forms": ["doxing"], "influenced_decision": "ja", "influence_explanation": "Synthetisch."},
        {},
        ["ack", "resp", "close"],
    ),
    (
        "[demo-5]",
        6,
        {"forms": ["bedreiging", "doxing"], "victim_role": VictimRole.RAADSLID, "linked_process": "politiek"},
        {},
        ["ack", "assess", "police"],
    ),
    # Closed about five years ago (the dates are set below, relative to today): retention ends soon, or ended.
    ("[demo-6]", 5 * 365 + 60, {"forms": ["verbaal"], "channel": "persoonlijk"}, {}, ["ack", "resp", "close"]),
    ("[demo-7]", 5 * 365 + 120, {"forms": ["bedreiging"], "severity": 5}, {}, ["ack", "resp", "close"]),
]

#: The end of retention of the long-closed incidents, in days from today (negative: already passed).
_RETENTION_ENDS_IN = {"[demo-6]": 18, "[demo-7]": -12}
#: The legal hold that keeps an incident past the end of its retention.
_LEGAL_HOLD = {"[demo-7]": "Civiele procedure van de medewerker tegen de dader loopt nog (synthetisch)."}


def _closed_years_ago(incident: Incident, *, ends_in_days: int) -> None:
    """Move the closure (and the report) back so that retention ends ``ends_in_days`` from today."""
    ends = timezone.localdate() + timedelta(days=ends_in_days)
    years = int(settings.THREATS_RETENTION_YEARS)
    try:
        closed_on = ends.replace(year=ends.year - years)
    except ValueError:  # 29 February
        closed_on = date(ends.year - years, 2, 28)
    closed_at = timezone.make_aware(datetime.combine(closed_on, time(16, 0)))
    StatusChange.objects.filter(incident=incident, to_status=Status.AFGESLOTEN).update(at=closed_at)
    Incident.objects.filter(pk=incident.pk).update(created_at=incident.occurred_at)


@transaction.atomic
def threats_demo_load() -> int:
    """Create the demo incidents that do not exist yet; returns how many were created."""
    victim = User.objects.filter(username="medewerker.tilburg").first()
    coordinator = User.objects.filter(username="coordinator.tilburg").first()
    police = User.objects.filter(username="liaison.politie").first()
    if victim is None or coordinator is None:
        return 0
    victim_actor, coordinator_actor = actor_for(user=victim), actor_for(user=coordinator)
    created = 0
    for marker, days_ago, overrides, perpetrator, finish in _DEMO:
        if Incident.objects.filter(organisation__name="Gemeente Tilburg", description__startswith=marker).exists():
            continue
        data = {
            **_BASE,
            **overrides,
            "occurred_at": timezone.now() - timedelta(days=days_ago),
            "description": f"{marker} Synthetische demomelding: bericht met bedreiging na een handhavingsbesluit.",
        }
        if marker == "[demo-5]":
            incident = services.incident_report(actor=coordinator_actor, victim_name=_COUNCIL_MEMBER, data=data)
        else:
            incident = services.incident_report(actor=victim_actor, victim=victim, data=data)
        created += 1
        # Pretend the report came in when it happened, so the norm times tell a story (one overdue).
        FollowUpStep.objects.filter(incident=incident).update(due_at=timezone.now() - timedelta(days=days_ago - 1))
        if perpetrator:
            services.perpetrator_record(actor=coordinator_actor, incident=incident, values=perpetrator)
        kinds = {"ack": StepKind.ACKNOWLEDGE, "resp": StepKind.RESPOND_PERPETRATOR}
        for key in finish:
            if key in kinds:
                step = incident.steps.get(kind=kinds[key])
                services.step_complete(actor=coordinator_actor, step=step, note="demo")
        if "assess" in finish:
            services.assessment_record(
                actor=coordinator_actor,
                incident=incident,
                outcome=AssessmentOutcome.ZORGELIJK,
                assessed_by="Politie, team dreigingsmanagement (synthetisch)",
                assessed_on=timezone.localdate() - timedelta(days=2),
                recommended_measures="Camera bij de woning; adres afschermen in openbare registers.",
            )
        if "police" in finish and police is not None:
            services.grant_create(
                actor=coordinator_actor,
                incident=incident,
                grantee=police,
                reason="Politieliaison volgt de dreigingsbeoordeling op (synthetisch).",
            )
        if "close" in finish:
            services.incident_status_change(
                actor=coordinator_actor, incident=incident, to_status="afgesloten", reason="Demo: afgerond"
            )
        if marker in _RETENTION_ENDS_IN:
            _closed_years_ago(incident, ends_in_days=_RETENTION_ENDS_IN[marker])
        if marker in _LEGAL_HOLD:
            incident_legal_hold_set(actor=coordinator_actor, incident=incident, hold=True, reason=_LEGAL_HOLD[marker])
        if marker == "[demo-1]":
            services.measure_create(
                actor=coordinator_actor,
                incident=incident,
                data={
                    "domain": "wonen",
                    "description": "Camera bij de voordeur",
                    "provider": "Demo Beveiliging",
                    "starts_on": timezone.localdate() - timedelta(days=30),
                    "ends_on": None,
                    "cost_bearer": "werkgever",
                    "review_on": timezone.localdate() + timedelta(days=60),
                },
            )
    return created
