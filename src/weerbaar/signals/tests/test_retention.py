# SPDX-License-Identifier: EUPL-1.2
"""Retention of signals as the intake team sees and acts on it: the overview, and destroying an expired
signal before the daily run (through the policy's own ``destroy``, with a reason, refused while the
retention runs or a legal hold keeps it, once only)."""

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.core.retention import (
    retention_destroy_now,
    retention_ended_list,
    retention_ending_list,
    retention_policy,
    retention_run,
)
from weerbaar.signals.attachments import ProcessedFile
from weerbaar.signals.constants import Status
from weerbaar.signals.models import DeletionRecord, Signal
from weerbaar.signals.services import legal_hold_set, message_to_reporter
from weerbaar.signals.tests.factories import AMSTERDAM_POINT, make_signal

REASON = "Bewaarplicht opgeheven na de uitspraak; niets meer nodig."


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def people(tilburg: Any, amsterdam: Any, make_user: Any) -> dict[str, Any]:
    return {
        "intake": make_user(organisation=tilburg, role=Role.MELDPUNT),
        "schakelteam": make_user(organisation=tilburg, role=Role.SCHAKELTEAM),
        "other_intake": make_user(organisation=amsterdam, role=Role.MELDPUNT),
        "privacy": make_user(organisation=tilburg, role=Role.PRIVACY_OFFICER),
    }


def _photo() -> ProcessedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (120, 90, 40)).save(out, format="JPEG")
    return ProcessedFile(out.getvalue(), "image/jpeg", "jpg")


def _decided(*, ends_in_days: int, **kwargs: Any) -> Signal:
    """A signal whose retention ends ``ends_in_days`` from today (negative: ended that long ago)."""
    signal = make_signal(**kwargs)
    Signal.objects.filter(pk=signal.pk).update(
        status=Status.GEEN_ACTIE, retention_until=timezone.localdate() + timedelta(days=ends_in_days)
    )
    return Signal.objects.get(pk=signal.pk)


def test_destroy_now_uses_the_policys_destroy_with_the_reason_audited(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    intake = actor_for(user=people["intake"])
    signal = _decided(ends_in_days=-1, attachments=[_photo()])
    message_to_reporter(actor=intake, signal=signal, body="Nog een vraag?")
    path = Path(settings.MEDIA_ROOT) / signal.attachments.get().path
    assert path.exists()
    policy = retention_policy("signals")
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_destroy_now(actor=intake, policy=policy, obj=signal, reason=REASON) is True
    assert not Signal.objects.filter(pk=signal.pk).exists()
    assert not path.exists()
    record = DeletionRecord.objects.get(signal_uuid=signal.uuid)
    assert (record.signal_number, record.rule, record.deleted_by) == (
        signal.number,
        "retention:geen_actie",
        "on request (retention ended)",
    )
    assert REASON not in record.reason and people["intake"].username not in record.deleted_by
    event = AuditEvent.objects.get(action="delete", object_uuid=signal.uuid)
    assert (event.actor_uuid, event.purpose) == (people["intake"].uuid, REASON)
    assert event.details == {"rule": "retention", "on_request": True}
    # A second submit finds nothing left: nothing happens, no second record or event.
    assert retention_destroy_now(actor=intake, policy=policy, obj=signal, reason=REASON) is False
    assert DeletionRecord.objects.filter(signal_uuid=signal.uuid).count() == 1
    assert AuditEvent.objects.filter(action="delete", object_uuid=signal.uuid).count() == 1


def test_destroy_now_refuses_running_retention_holds_outsiders_and_short_reasons(people: dict[str, Any]) -> None:
    intake = actor_for(user=people["intake"])
    policy = retention_policy("signals")
    running = _decided(ends_in_days=3)
    undecided = make_signal()
    held = _decided(ends_in_days=-2)
    legal_hold_set(actor=intake, signal=held, hold=True, reason="Bezwaarprocedure loopt")
    expired = _decided(ends_in_days=-1)
    for signal in (running, undecided, held):
        with pytest.raises(ValidationError):
            retention_destroy_now(actor=intake, policy=policy, obj=signal, reason=REASON)
    with pytest.raises(ValidationError):
        retention_destroy_now(actor=intake, policy=policy, obj=expired, reason="te kort")
    for outsider in ("schakelteam", "other_intake", "privacy"):
        with pytest.raises(PermissionDenied):
            retention_destroy_now(actor=actor_for(user=people[outsider]), policy=policy, obj=expired, reason=REASON)
    assert Signal.objects.filter(pk__in=[s.pk for s in (running, undecided, held, expired)]).count() == 4
    assert not DeletionRecord.objects.exists()
    assert not AuditEvent.objects.filter(action="delete").exists()


def test_overview_lists_what_ended_and_what_ends_soon_for_the_own_intake_team_only(people: dict[str, Any]) -> None:
    intake = actor_for(user=people["intake"])
    policy = retention_policy("signals")
    ended, held = _decided(ends_in_days=-1), _decided(ends_in_days=-30)
    soon, later = _decided(ends_in_days=10), _decided(ends_in_days=31)
    elsewhere = _decided(ends_in_days=-1, point=AMSTERDAM_POINT)
    legal_hold_set(actor=intake, signal=held, hold=True, reason="Bezwaarprocedure loopt")
    assert list(retention_ended_list(actor=intake, policy=policy)) == [held, ended]  # by end date
    assert list(retention_ending_list(actor=intake, policy=policy)) == [soon]
    other = actor_for(user=people["other_intake"])
    assert list(retention_ended_list(actor=other, policy=policy)) == [elsewhere]
    for outsider in ("schakelteam", "privacy"):
        actor = actor_for(user=people[outsider])
        assert not retention_ended_list(actor=actor, policy=policy).exists()
        assert not retention_ending_list(actor=actor, policy=policy).exists()
    assert later not in retention_ending_list(actor=intake, policy=policy)
    # The daily run and the overview agree on what a legal hold keeps.
    report = retention_run(names=["signals"])[0]
    assert (report.held, report.deleted) == (1, 2)


def test_overview_page_shows_numbers_dates_and_the_hold_with_who_set_it(people: dict[str, Any]) -> None:
    intake = actor_for(user=people["intake"])
    held, soon = _decided(ends_in_days=-3), _decided(ends_in_days=5)
    legal_hold_set(actor=intake, signal=held, hold=True, reason="Bezwaarprocedure van de verhuurder")
    response = verified_client(people["intake"]).get(reverse("core:retention"))
    assert response.status_code == 200
    page = response.content.decode()
    assert held.number in page and soon.number in page
    assert "Bezwaarprocedure van de verhuurder" in page
    assert people["intake"].display_name in page  # who set the hold
    assert reverse("signals:detail", args=[held.uuid]) in page
    assert reverse("signals:legal_hold", args=[held.uuid]) in page
    assert "Vaten met een chemische geur" not in page  # never the content
    # The data protection officer sees the policies, not the signals.
    dpo = verified_client(people["privacy"]).get(reverse("core:retention")).content.decode()
    assert 'data-testid="policies"' in dpo and held.number not in dpo and 'data-testid="no-sections"' in dpo


def test_overview_paginates_each_table_on_its_own(people: dict[str, Any]) -> None:
    signals = [_decided(ends_in_days=-1 - n) for n in range(27)]
    soon = _decided(ends_in_days=4)
    client = verified_client(people["intake"])
    first = client.get(reverse("core:retention")).content.decode()
    assert "signals-verlopen=2" in first and soon.number in first
    second = client.get(reverse("core:retention"), {"signals-verlopen": "2"}).content.decode()
    oldest = signals[-1]  # ended longest ago: first on page 1, by end date
    assert oldest.number in first and signals[0].number in second and soon.number in second


def test_destroy_page_states_the_consequences_and_destroys_once(people: dict[str, Any]) -> None:
    intake = actor_for(user=people["intake"])
    signal = _decided(ends_in_days=-1, attachments=[_photo()])
    message_to_reporter(actor=intake, signal=signal, body="Nog een vraag?")
    client = verified_client(people["intake"])
    url = reverse("signals:destroy", args=[signal.uuid])
    page = client.get(url)
    assert page.status_code == 200
    consequences = page.content.decode()
    for fact in ("1 bijlage", "1 bericht", "niet ongedaan", "vernietigingsverslag"):
        assert fact in consequences, fact
    refused = client.post(url, {"reason": "kort"})
    assert refused.status_code == 200 and Signal.objects.filter(pk=signal.pk).exists()
    done = client.post(url, {"reason": REASON})
    assert done.status_code == 302 and done["Location"] == reverse("core:retention")
    assert not Signal.objects.filter(pk=signal.pk).exists()
    again = client.post(url, {"reason": REASON}, follow=True)  # a double submit
    assert again.status_code == 200
    assert "al vernietigd" in again.content.decode()
    assert DeletionRecord.objects.filter(signal_uuid=signal.uuid).count() == 1


def test_destroy_page_refuses_a_running_retention_and_a_hold_without_losing_anything(people: dict[str, Any]) -> None:
    intake = actor_for(user=people["intake"])
    running, held = _decided(ends_in_days=20), _decided(ends_in_days=-1)
    legal_hold_set(actor=intake, signal=held, hold=True, reason="Lopend onderzoek")
    client = verified_client(people["intake"])
    for signal in (running, held):
        url = reverse("signals:destroy", args=[signal.uuid])
        page = client.get(url)
        assert page.status_code == 200 and 'data-testid="destroy-refused"' in page.content.decode()
        assert 'name="reason"' not in page.content.decode()
        posted = client.post(url, {"reason": REASON})
        assert posted.status_code == 409
    assert Signal.objects.filter(pk__in=[running.pk, held.pk]).count() == 2
    assert not DeletionRecord.objects.exists()
    # Outside the intake team: the page does not exist for them.
    assert verified_client(people["other_intake"]).get(reverse("signals:destroy", args=[held.uuid])).status_code == 404
    assert verified_client(people["schakelteam"]).get(reverse("signals:destroy", args=[held.uuid])).status_code == 403


def test_signal_page_offers_destroy_now_only_when_due(people: dict[str, Any]) -> None:
    intake = actor_for(user=people["intake"])
    due, running = _decided(ends_in_days=-1), _decided(ends_in_days=40)
    client = verified_client(people["intake"])
    assert 'data-testid="destroy-link"' in client.get(reverse("signals:detail", args=[due.uuid])).content.decode()
    assert (
        'data-testid="destroy-link"' not in client.get(reverse("signals:detail", args=[running.uuid])).content.decode()
    )
    legal_hold_set(actor=intake, signal=due, hold=True, reason="Lopend onderzoek")
    page = client.get(reverse("signals:detail", args=[due.uuid])).content.decode()
    assert 'data-testid="destroy-link"' not in page
    assert people["intake"].display_name in page  # who set the hold


def test_a_legal_hold_is_lifted_only_with_a_reason_and_only_once(people: dict[str, Any]) -> None:
    intake = actor_for(user=people["intake"])
    signal = make_signal()
    legal_hold_set(actor=intake, signal=signal, hold=True, reason="Bezwaarprocedure loopt")
    with pytest.raises(ValidationError):
        legal_hold_set(actor=intake, signal=Signal.objects.get(pk=signal.pk), hold=False, reason="  ")
    assert Signal.objects.get(pk=signal.pk).legal_hold
    legal_hold_set(actor=intake, signal=Signal.objects.get(pk=signal.pk), hold=False, reason="Procedure afgerond")
    assert not Signal.objects.get(pk=signal.pk).legal_hold
    lifted = AuditEvent.objects.filter(object_uuid=signal.uuid, details__legal_hold=False).get()
    assert lifted.purpose == "Procedure afgerond"
    with pytest.raises(ValidationError):  # a second submit of the same lift changes nothing
        legal_hold_set(actor=intake, signal=Signal.objects.get(pk=signal.pk), hold=False, reason="Procedure afgerond")
