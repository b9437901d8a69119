# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's retention of incidents in the UI: the legal hold on its own page (consequences stated,
a reason to set and to lift it, audited), destroying an expired incident now, and the overview."""

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.core.retention import retention_destroy_now, retention_ended_list, retention_ending_list, retention_policy
from weerbaar.threats import services
from weerbaar.threats.constants import Status
from weerbaar.threats.models import DeletionRecord, Incident, StatusChange
from weerbaar.threats.retention import incident_legal_hold_set
from weerbaar.threats.tests.factories import MEASURE, make_incident

REASON = "De civiele procedure is afgerond; bewaren is niet meer nodig."


@pytest.fixture(autouse=True)
def _settings(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.THREATS_RETENTION_YEARS = 5


@pytest.fixture
def people(make_org: Any, make_user: Any) -> dict[str, Any]:
    own = make_org("Gemeente Eigen")
    return {
        "victim": make_user(organisation=own, role=Role.MEDEWERKER),
        "coordinator": make_user(organisation=own, role=Role.VEILIGHEIDSCOORDINATOR),
        "privacy": make_user(organisation=own, role=Role.PRIVACY_OFFICER),
        "other_coordinator": make_user(organisation=make_org("Gemeente Ander"), role=Role.VEILIGHEIDSCOORDINATOR),
    }


def _closed(people: dict[str, Any], *, ends_in_days: int, coordinator: str = "coordinator") -> Incident:
    """A closed incident whose retention (five years after closure) ends ``ends_in_days`` from today."""
    actor = actor_for(user=people[coordinator])
    victim = people["victim"] if coordinator == "coordinator" else people[coordinator]
    incident = make_incident(victim)
    services.measure_create(actor=actor, incident=incident, data=MEASURE)
    services.incident_status_change(actor=actor, incident=incident, to_status=Status.AFGESLOTEN, reason="Klaar.")
    ends = timezone.localdate() + timedelta(days=ends_in_days)
    closed_on = ends.replace(year=ends.year - 5)
    closed_at = timezone.make_aware(datetime.combine(closed_on, time(15, 0)))
    StatusChange.objects.filter(incident=incident, to_status=Status.AFGESLOTEN).update(at=closed_at)
    return Incident.objects.get(pk=incident.pk)


def test_the_hold_page_states_the_date_and_needs_a_reason_to_set_and_to_lift(people: dict[str, Any]) -> None:
    incident = _closed(people, ends_in_days=12)
    ends = (timezone.localdate() + timedelta(days=12)).isoformat()
    client = verified_client(people["coordinator"])
    url = reverse("threats:legal_hold", args=[incident.uuid])
    page = client.get(url).content.decode()
    assert f"niet vernietigd op {ends}" in page
    missing = client.post(url, {"hold": "aan", "reason": " "})
    assert missing.status_code == 400 and not Incident.objects.get(pk=incident.pk).legal_hold
    done = client.post(url, {"hold": "aan", "reason": "Strafzaak tegen de dader loopt nog"})
    assert done.status_code == 302 and done["Location"] == reverse("threats:detail", args=[incident.uuid])
    incident.refresh_from_db()
    assert (incident.legal_hold, incident.legal_hold_reason) == (True, "Strafzaak tegen de dader loopt nog")
    event = AuditEvent.objects.get(object_uuid=incident.uuid, details__legal_hold=True)
    assert (event.actor_uuid, event.purpose) == (people["coordinator"].uuid, "Strafzaak tegen de dader loopt nog")

    lift_page = client.get(url).content.decode()
    assert f"vernietigd op {ends}" in lift_page and "Bewaarplicht opheffen" in lift_page
    assert client.post(url, {"hold": "uit", "reason": ""}).status_code == 400
    assert Incident.objects.get(pk=incident.pk).legal_hold
    assert client.post(url, {"hold": "uit", "reason": REASON}).status_code == 302
    assert not Incident.objects.get(pk=incident.pk).legal_hold
    # A second submit of the lift is refused on the page, and changes nothing.
    assert client.post(url, {"hold": "uit", "reason": REASON}).status_code == 400
    assert AuditEvent.objects.filter(object_uuid=incident.uuid, details__legal_hold=False).count() == 1


def test_the_hold_page_of_an_open_incident_says_retention_starts_at_closure(people: dict[str, Any]) -> None:
    incident = make_incident(people["victim"])
    page = verified_client(people["coordinator"]).get(reverse("threats:legal_hold", args=[incident.uuid]))
    assert page.status_code == 200 and "nog open" in page.content.decode()


def test_only_the_own_coordinator_reaches_the_retention_pages(people: dict[str, Any]) -> None:
    incident = _closed(people, ends_in_days=-1)
    for name in ("threats:legal_hold", "threats:destroy"):
        url = reverse(name, args=[incident.uuid])
        assert verified_client(people["coordinator"]).get(url).status_code == 200
        assert verified_client(people["other_coordinator"]).get(url).status_code == 404
        assert verified_client(people["victim"]).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        retention_destroy_now(
            actor=actor_for(user=people["other_coordinator"]),
            policy=retention_policy("threats"),
            obj=incident,
            reason=REASON,
        )
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_destroy_now_writes_the_same_deletion_record_and_audits_the_reason(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    incident = _closed(people, ends_in_days=-1)
    client = verified_client(people["coordinator"])
    url = reverse("threats:destroy", args=[incident.uuid])
    page = client.get(url).content.decode()
    for fact in ("1 beschermingsmaatregel", "niet ongedaan", "vernietigingsverslag"):
        assert fact in page, fact
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"reason": REASON})
    assert done.status_code == 302 and done["Location"] == reverse("core:retention")
    assert not Incident.objects.filter(pk=incident.pk).exists()
    record = DeletionRecord.objects.get(incident_uuid=incident.uuid)
    assert (record.rule, record.deleted_by) == ("retention:closed", "on request (retention ended)")
    assert record.retention_until == timezone.localdate() - timedelta(days=1)
    event = AuditEvent.objects.get(action="delete", object_uuid=incident.uuid)
    assert (event.actor_uuid, event.purpose, event.details["on_request"]) == (people["coordinator"].uuid, REASON, True)
    again = client.post(url, {"reason": REASON}, follow=True)
    assert again.status_code == 200 and "al vernietigd" in again.content.decode()
    assert DeletionRecord.objects.filter(incident_uuid=incident.uuid).count() == 1


def test_destroy_now_is_refused_while_retention_runs_or_a_hold_keeps_it(people: dict[str, Any]) -> None:
    coordinator = actor_for(user=people["coordinator"])
    running, held, open_incident = _closed(people, ends_in_days=2), _closed(people, ends_in_days=-5), None
    open_incident = make_incident(people["victim"])
    incident_legal_hold_set(actor=coordinator, incident=held, hold=True, reason="Strafzaak loopt")
    policy = retention_policy("threats")
    client = verified_client(people["coordinator"])
    for incident in (running, Incident.objects.get(pk=held.pk), open_incident):
        with pytest.raises(ValidationError):
            retention_destroy_now(actor=coordinator, policy=policy, obj=incident, reason=REASON)
        url = reverse("threats:destroy", args=[incident.uuid])
        assert 'data-testid="destroy-refused"' in client.get(url).content.decode()
        assert client.post(url, {"reason": REASON}).status_code == 409
    assert Incident.objects.filter(pk__in=[running.pk, held.pk, open_incident.pk]).count() == 3
    assert not DeletionRecord.objects.exists()


def test_the_overview_shows_the_coordinators_incidents_and_who_holds_them(people: dict[str, Any]) -> None:
    coordinator = actor_for(user=people["coordinator"])
    held, soon, later = (
        _closed(people, ends_in_days=-40),
        _closed(people, ends_in_days=20),
        _closed(people, ends_in_days=31),
    )
    elsewhere = _closed(people, ends_in_days=-1, coordinator="other_coordinator")
    incident_legal_hold_set(actor=coordinator, incident=held, hold=True, reason="Civiele claim van het slachtoffer")
    policy = retention_policy("threats")
    assert list(retention_ended_list(actor=coordinator, policy=policy)) == [held]
    assert list(retention_ending_list(actor=coordinator, policy=policy)) == [soon]
    other = actor_for(user=people["other_coordinator"])
    assert list(retention_ended_list(actor=other, policy=policy)) == [elsewhere]
    page = verified_client(people["coordinator"]).get(reverse("core:retention")).content.decode()
    assert held.number in page and soon.number in page and later.number not in page
    assert elsewhere.number not in page
    assert "Civiele claim van het slachtoffer" in page and people["coordinator"].display_name in page
    assert "Bedreigend bericht" not in page  # never the content
    dpo = verified_client(people["privacy"]).get(reverse("core:retention")).content.decode()
    assert held.number not in dpo


def test_the_incident_page_shows_retention_to_the_coordinator_only(people: dict[str, Any]) -> None:
    incident = _closed(people, ends_in_days=-1)
    page = verified_client(people["coordinator"]).get(reverse("threats:detail", args=[incident.uuid])).content
    assert b'data-testid="destroy-link"' in page and b'data-testid="legal-hold-link"' in page
    victim_page = verified_client(people["victim"]).get(reverse("threats:detail", args=[incident.uuid])).content
    assert b'data-testid="retention"' not in victim_page
