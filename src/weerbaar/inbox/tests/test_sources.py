# SPDX-License-Identifier: EUPL-1.2
"""Each app's sections of "My work": the actor sees their own work, another organisation sees none of it."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.cases import services as case_services
from weerbaar.cases.constants import MeetingKind
from weerbaar.cases.tests.factories import make_actor, make_case, make_organisation, make_owner_actor
from weerbaar.core.policy import Actor
from weerbaar.inbox.registry import Section, WorkItem
from weerbaar.inbox.selectors import inbox_counts, inbox_pending_count, inbox_sections
from weerbaar.signals.constants import MessageDirection
from weerbaar.signals.models import Signal, SignalMessage
from weerbaar.signals.tests.factories import make_signal
from weerbaar.threats.tests.factories import make_incident

pytestmark = pytest.mark.django_db


def _rows(actor: Actor, section: Section) -> list[WorkItem]:
    return next((s.items for s in inbox_sections(actor=actor) if s.section == section), [])


def _references(actor: Actor, section: Section) -> set[str]:
    return {item.reference for item in _rows(actor, section)}


def test_overdue_signal_and_reporter_answer_reach_the_intake_of_that_organisation_only(
    tilburg: Any, amsterdam: Any, make_user: Any
) -> None:
    signal = make_signal()
    assert signal.organisation_id == tilburg.pk
    Signal.objects.filter(pk=signal.pk).update(acknowledge_due=timezone.now() - timedelta(hours=1))
    SignalMessage.objects.create(signal=signal, direction=MessageDirection.FROM_REPORTER, body="Het busje is er weer.")
    intake = actor_for(user=make_user(organisation=tilburg, role=Role.MELDPUNT))
    elsewhere = actor_for(user=make_user(organisation=amsterdam, role=Role.MELDPUNT))

    steps = _rows(intake, Section.STEPS)
    assert [(i.reference, i.overdue) for i in steps] == [(signal.number, True)]
    assert _references(intake, Section.ANSWERS) == {signal.number}
    assert inbox_pending_count(actor=intake) == 1
    for section in (Section.STEPS, Section.ANSWERS):
        assert _rows(elsewhere, section) == []
    assert inbox_pending_count(actor=elsewhere) == 0


def test_the_menu_counts_overdue_signals_up_to_a_cap(tilburg: Any, make_user: Any, monkeypatch: Any) -> None:
    from weerbaar.signals import inbox as signal_inbox

    for _n in range(3):
        Signal.objects.filter(pk=make_signal().pk).update(acknowledge_due=timezone.now() - timedelta(hours=1))
    intake = actor_for(user=make_user(organisation=tilburg, role=Role.MELDPUNT))
    assert inbox_pending_count(actor=intake) == 3
    monkeypatch.setattr(signal_inbox, "PENDING_CAP", 2)
    assert inbox_pending_count(actor=intake) == 2
    assert len(_rows(intake, Section.STEPS)) == 3  # the list itself is not capped


def test_an_answered_reporter_message_leaves_the_section(tilburg: Any, make_user: Any) -> None:
    signal = make_signal()
    SignalMessage.objects.create(signal=signal, direction=MessageDirection.FROM_REPORTER, body="Antwoord.")
    intake = actor_for(user=make_user(organisation=tilburg, role=Role.MELDPUNT))
    assert inbox_counts(actor=intake)[Section.ANSWERS] == 1
    SignalMessage.objects.create(signal=signal, direction=MessageDirection.TO_REPORTER, body="Dank, nog een vraag.")
    assert inbox_counts(actor=intake)[Section.ANSWERS] == 0


def test_case_steps_requests_actions_and_meetings(db: Any) -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    assert owner.organisation is not None
    case_services.intervention_add(
        actor=owner, case=case, type="sluiting_13b", owner=owner.organisation, started_on=date(2020, 1, 6)
    )
    requester = make_actor(organisation=make_organisation(), role=Role.CASUSREGISSEUR)
    case_services.access_request_create(actor=requester, case=case, reason="Zelfde pand in onze gemeente.")
    today = timezone.localdate()
    meeting = case_services.meeting_create(
        actor=owner, kind=MeetingKind.CASUSOVERLEG, on=today + timedelta(days=3), cases=[case]
    )
    case_services.agenda_decision_record(
        actor=owner,
        item=meeting.agenda.get(),
        decision="Bestuurlijke rapportage opstellen.",
        actions=[("Rapportage opstellen", owner.organisation, today - timedelta(days=1))],
    )
    outsider = make_owner_actor()

    steps = _rows(owner, Section.STEPS)
    assert steps and all(i.reference == case.number for i in steps)
    assert any(i.overdue for i in steps)
    assert _references(owner, Section.DECISIONS) == {case.number}
    actions = _rows(owner, Section.ACTIONS)
    assert [(a.title, a.overdue) for a in actions] == [("Rapportage opstellen", True)]
    assert [m.due for m in _rows(owner, Section.MEETINGS)] == [today + timedelta(days=3)]
    assert inbox_pending_count(actor=owner) == sum(i.overdue for i in steps) + 1 + 1

    # The requester follows their own request, and decides nothing.
    own = _rows(requester, Section.REQUESTS)
    assert [(i.reference, str(i.status)) for i in own] == [(case.number, "Open")]
    assert own[0].url == "/casussen/"
    assert _rows(requester, Section.DECISIONS) == []

    # Another organisation sees nothing of it.
    for section in Section:
        assert _rows(outsider, section) == [], section
    assert inbox_pending_count(actor=outsider) == 0


def test_threat_steps_go_to_the_coordinator_of_the_own_organisation(make_org: Any, make_user: Any) -> None:
    own, other = make_org("Gemeente Eigen"), make_org("Gemeente Ander")
    victim = make_user(organisation=own, role=Role.MEDEWERKER)
    incident = make_incident(victim)
    coordinator = actor_for(user=make_user(organisation=own, role=Role.VEILIGHEIDSCOORDINATOR))
    other_coordinator = actor_for(user=make_user(organisation=other, role=Role.VEILIGHEIDSCOORDINATOR))

    steps = _rows(coordinator, Section.STEPS)
    assert steps and {i.url for i in steps} == {f"/incidenten/{incident.uuid}/"}
    assert _rows(other_coordinator, Section.STEPS) == []
    assert _rows(actor_for(user=victim), Section.STEPS) == []


def test_sections_sort_overdue_first_then_by_due_date(db: Any) -> None:
    from weerbaar.inbox.selectors import _sort_key

    today = timezone.localdate()
    rows = [
        WorkItem(kind="k", title="later", reference="", url="/", due=today + timedelta(days=5)),
        WorkItem(kind="k", title="none", reference="", url="/"),
        WorkItem(kind="k", title="overdue", reference="", url="/", due=today - timedelta(days=1), overdue=True),
        WorkItem(kind="k", title="soon", reference="", url="/", due=today + timedelta(days=1)),
    ]
    assert [r.title for r in sorted(rows, key=_sort_key)] == ["overdue", "soon", "later", "none"]
