# SPDX-License-Identifier: EUPL-1.2
"""The integrity desk's one door into area C: registering a threat incident through the threats services.

The only module of this app that imports anything of threats (an import contract in pyproject.toml says
so). The incident is registered for the reporter (the person affected, by his account) with what the
coordinator typed and chose; it keeps nothing of the report — no reference, no kind, no note — and the
report keeps only the incident's number.
"""

from datetime import datetime
from typing import Any

from django_stubs_ext import StrOrPromise

from weerbaar.accounts.models import User
from weerbaar.core.policy import Actor
from weerbaar.threats.constants import Channel, IncidentForm, Target, VictimRole
from weerbaar.threats.services import incident_report

FORM_CHOICES: list[tuple[str, StrOrPromise]] = list(IncidentForm.choices)
CHANNEL_CHOICES: list[tuple[str, StrOrPromise]] = list(Channel.choices)
TARGET_CHOICES: list[tuple[str, StrOrPromise]] = list(Target.choices)
OFFICE_CHOICES: list[tuple[str, StrOrPromise]] = list(VictimRole.choices)
DEFAULT_OFFICE = VictimRole.AMBTENAAR
DEFAULT_TARGET = Target.PERSOON


def register_incident(
    *,
    actor: Actor,
    victim: User,
    forms: list[str],
    channel: str,
    target: str,
    office: str,
    occurred_at: datetime,
    severity: int,
    description: str,
) -> str:
    """Register the incident; returns its number."""
    data: dict[str, Any] = {
        "forms": forms,
        "channel": channel,
        "target": target,
        "victim_role": office,
        "occurred_at": occurred_at,
        "severity": severity,
        "description": description,
    }
    incident = incident_report(actor=actor, data=data, victim=victim, forwarded=True)
    return str(incident.number)
