# SPDX-License-Identifier: EUPL-1.2
import pytest

from weerbaar.demo.services import demo_load
from weerbaar.demo.threats import threats_demo_load
from weerbaar.threats.constants import Status, StepStatus
from weerbaar.threats.models import FollowUpStep, Incident, PerpetratorMark


@pytest.mark.django_db
def test_demo_loads_threat_incidents_once() -> None:
    demo_load()  # loads the threat incidents among the rest
    # Seven of the threats demo, and one the integrity coordinator handed over from a pressure report.
    assert Incident.objects.count() == 8
    assert threats_demo_load() == 0  # idempotent
    assert Incident.objects.count() == 8
    marks = PerpetratorMark.objects.filter(feature="account")
    assert marks.count() == 2
    assert len({m.mark for m in marks}) == 1  # the same account twice: a repeat-perpetrator link


@pytest.mark.django_db
def test_demo_has_no_closed_incident_with_an_open_step() -> None:
    demo_load()
    closed = Incident.objects.filter(status=Status.AFGESLOTEN)
    assert closed.exists()
    assert not FollowUpStep.objects.filter(incident__in=closed, status=StepStatus.OPEN).exists()
    assert FollowUpStep.objects.filter(incident__in=closed, status=StepStatus.CANCELLED).exists()


@pytest.mark.django_db
def test_demo_has_a_council_member_without_an_account_shared_with_the_police() -> None:
    demo_load()
    incident = Incident.objects.get(victim_person__name="Raadslid Demo de Vries")
    assert incident.victim_person.user_id is None and incident.victim_role == "raadslid"
    assert incident.number and incident.number.startswith("D")
    assert incident.assessments.get().outcome == "zorgelijk"
    grant = incident.grants.get()
    assert grant.organisation.type == "politie" and grant.revoked_at is None


@pytest.mark.django_db
def test_demo_gives_the_retention_overview_an_incident_ending_soon_and_a_held_one() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from weerbaar.accounts.models import User
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.core.retention import retention_ended_list, retention_ending_list, retention_policy

    demo_load()
    coordinator = actor_for(user=User.objects.get(username="coordinator.tilburg"))
    policy = retention_policy("threats")
    ended = list(retention_ended_list(actor=coordinator, policy=policy))
    ending = list(retention_ending_list(actor=coordinator, policy=policy))
    assert [incident.description[:8] for incident in ended] == ["[demo-7]"]
    assert ended[0].legal_hold and ended[0].legal_hold_reason
    assert [incident.description[:8] for incident in ending] == ["[demo-6]"]
    closed = timezone.localdate(ending[0].closed_at)
    assert closed.replace(year=closed.year + 5) == timezone.localdate() + timedelta(days=18)
