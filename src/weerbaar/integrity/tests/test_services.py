# SPDX-License-Identifier: EUPL-1.2
"""The services of integrity reports: filing, the workflow, notes, and the two deliberate hand-overs."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.integrity import services
from weerbaar.integrity.constants import Status
from weerbaar.integrity.models import PressureReport
from weerbaar.integrity.tests.factories import SECRET, actor, make_report
from weerbaar.signals.constants import Channel as SignalChannel
from weerbaar.signals.models import Signal
from weerbaar.threats.models import Incident, VictimPerson

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tilburg: Any, amsterdam: Any, make_user: Any) -> dict[str, Any]:
    return {
        "staff": make_user(organisation=tilburg, role=Role.MEDEWERKER),
        "coordinator": make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR),
        "security": make_user(organisation=tilburg, role=Role.VEILIGHEIDSCOORDINATOR),
        "manager": make_user(organisation=tilburg, role=Role.LEIDINGGEVENDE),
        "elsewhere": make_user(organisation=amsterdam, role=Role.INTEGRITEITSCOORDINATOR),
    }


def _incident(report: PressureReport, who: Any, **overrides: Any) -> str:
    data: dict[str, Any] = {
        "forms": ["beinvloeding"],
        "channel": "persoonlijk",
        "target": "persoon",
        "office": "ambtenaar",
        "occurred_at": timezone.now() - timedelta(days=3),
        "severity": 3,
        "description": "Een poging tot omkoping bij de vergunningverlening.",
    }
    data.update(overrides)
    return services.report_to_incident(actor=actor(who), report=report, expected_version=report.version, **data)


def test_a_report_goes_to_the_reporters_organisation_with_its_history(people: dict[str, Any], tilburg: Any) -> None:
    report = make_report(people["staff"])

    assert report.organisation == tilburg
    assert report.reporter == people["staff"]
    assert report.status == Status.ONTVANGEN
    assert report.reference.startswith("IM-")
    assert [c.to_status for c in report.status_changes.all()] == [Status.ONTVANGEN]


def test_a_report_needs_an_account_of_what_happened(people: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        services.report_submit(actor=actor(people["staff"]), kind="aanbod", when="week", account="   ")
    assert "account" in exc.value.message_dict


def test_the_coordinator_moves_the_report_and_keeps_notes(people: dict[str, Any]) -> None:
    report = make_report(people["staff"])
    coordinator = actor(people["coordinator"])

    report = services.report_transition(
        actor=coordinator, report=report, to_status=Status.IN_GESPREK, reason="Afspraak", expected_version=1
    )
    services.note_add(actor=coordinator, report=report, text="Advies: niet ingaan op het aanbod.")
    report = services.report_transition(
        actor=coordinator, report=report, to_status=Status.GESLOTEN, expected_version=report.version
    )

    assert report.status == Status.GESLOTEN
    assert report.ended_at is not None
    assert [c.to_status for c in report.status_changes.all()] == [Status.ONTVANGEN, Status.IN_GESPREK, Status.GESLOTEN]
    assert report.notes.get().text.startswith("Advies")
    with pytest.raises(ValidationError):
        services.note_add(actor=coordinator, report=report, text="Te laat.")


def test_a_move_the_workflow_does_not_allow_is_refused(people: dict[str, Any]) -> None:
    report = make_report(people["staff"])
    coordinator = actor(people["coordinator"])
    services.report_transition(actor=coordinator, report=report, to_status=Status.GESLOTEN, expected_version=None)

    with pytest.raises(ValidationError):
        services.report_transition(actor=coordinator, report=report, to_status=Status.IN_GESPREK, expected_version=None)


@pytest.mark.parametrize("who", ["security", "manager", "elsewhere", "staff"])
def test_nobody_but_the_organisations_coordinator_handles_a_report(people: dict[str, Any], who: str) -> None:
    report = make_report(people["staff"])

    with pytest.raises(PermissionDenied):
        services.report_transition(
            actor=actor(people[who]), report=report, to_status=Status.IN_GESPREK, expected_version=None
        )
    with pytest.raises(PermissionDenied):
        services.note_add(actor=actor(people[who]), report=report, text="x")
    with pytest.raises(PermissionDenied):
        _incident(report, people[who])
    assert not Incident.objects.exists()


def test_handing_over_registers_an_incident_for_the_reporter_with_only_what_the_coordinator_typed(
    people: dict[str, Any], tilburg: Any
) -> None:
    report = make_report(people["staff"])

    number = _incident(report, people["coordinator"])

    incident = Incident.objects.get(number=number)
    assert incident.organisation == tilburg
    assert incident.description == "Een poging tot omkoping bij de vergunningverlening."
    assert SECRET not in incident.description
    assert report.reference not in incident.description
    assert VictimPerson.objects.get(incident=incident).user == people["staff"]
    report.refresh_from_db()
    assert report.incident_number == number
    assert report.status == Status.DOORVERWEZEN
    with pytest.raises(ValidationError):
        _incident(report, people["coordinator"])


def test_handing_over_files_a_signal_without_a_reporter(people: dict[str, Any]) -> None:
    report = make_report(people["staff"])

    number = services.report_to_signal(
        actor=actor(people["coordinator"]),
        report=report,
        expected_version=report.version,
        phenomenon="overig",
        description="Een ondernemer probeert ambtenaren om te kopen.",
    )

    signal = Signal.objects.get(number=number)
    assert signal.channel == SignalChannel.VERTROUWENSPERSOON
    assert signal.reporter is None
    assert SECRET not in signal.description
    report.refresh_from_db()
    assert report.signal_number == number
