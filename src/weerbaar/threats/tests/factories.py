# SPDX-License-Identifier: EUPL-1.2
"""Synthetic incidents for tests."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.threats import services
from weerbaar.threats.models import Incident

DATA: dict[str, Any] = {
    "victim_role": "raadslid",
    "forms": ["bedreiging"],
    "channel": "social_media",
    "target": "persoon",
    "place": "Stadhuis",
    "severity": 4,
    "description": "Bedreigend bericht na raadsvergadering (synthetisch).",
    "perpetrator_description": "",
    "linked_process": "vergunningen",
    "undermining_related": "onbekend",
    "influenced_decision": "nee",
    "influence_explanation": "",
}


def make_incident(victim: User, **overrides: Any) -> Incident:
    data = {**DATA, "occurred_at": timezone.now() - timedelta(hours=2), **overrides}
    identifier = data.pop("perpetrator_identifier", "")
    return services.incident_report(
        actor=actor_for(user=victim), victim=victim, data=data, perpetrator_identifier=identifier
    )


MEASURE = {
    "domain": "wonen",
    "description": "Camera bij de voordeur",
    "provider": "Beveiligingsbedrijf (synthetisch)",
    "starts_on": date(2026, 1, 5),
    "ends_on": None,
    "cost_bearer": "werkgever",
    "review_on": date(2026, 4, 1),
}
