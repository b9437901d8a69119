# SPDX-License-Identifier: EUPL-1.2
"""The staff pages of signals: scoping, audit, the intake actions with optimistic locking, the meeting."""

from typing import Any

import pytest
from django.urls import reverse

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.constants import PrivacyCheckKind, Status
from weerbaar.signals.meetings import meeting_create
from weerbaar.signals.models import MeetingItem, SchakelteamMeeting, Signal, SignalMessage
from weerbaar.signals.services import privacy_check_record, signal_transition
from weerbaar.signals.tests.factories import AMSTERDAM_POINT, make_signal
from weerbaar.signals.tests.test_services import CHECK
from weerbaar.signals.views_intake.detail import STALE_MESSAGE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def tilburg(geography: None, make_org: Any) -> Any:
    return make_org("Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))


@pytest.fixture
def amsterdam(geography: None, make_org: Any) -> Any:
    return make_org(
        "Gemeente Amsterdam", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0363")
    )


@pytest.fixture
def intake_user(tilburg: Any, make_user: Any) -> Any:
    return make_user(organisation=tilburg, role=Role.MELDPUNT)


@pytest.fixture
def intake(intake_user: Any, client_for: Any) -> Any:
    return client_for(intake_user)


@pytest.fixture
def weigher(tilburg: Any, make_user: Any) -> Any:
    return make_user(organisation=tilburg, role=Role.SCHAKELTEAM)


def _detail(signal: Signal) -> str:
    return reverse("signals:detail", kwargs={"uuid": signal.uuid})


def _action(name: str, signal: Signal) -> str:
    return reverse(f"signals:{name}", kwargs={"uuid": signal.uuid})


def test_list_shows_only_own_signals_and_audits_the_search(tilburg: Any, amsterdam: Any, intake: Any) -> None:
    own = make_signal()
    foreign = make_signal(point=AMSTERDAM_POINT)
    response = intake.get(reverse("signals:list"), {"phenomenon": "drugsafvaldumping", "status": "ontvangen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert own.number in html
    assert foreign.number not in html
    event = AuditEvent.objects.filter(action="search", object_type="signals.signal").latest("id")
    assert event.details["phenomenon"] == "drugsafvaldumping"


def test_filters_narrow_and_bad_values_are_ignored(tilburg: Any, intake: Any) -> None:
    drugs = make_signal()
    other = make_signal(phenomenon="hennepteelt")
    html = intake.get(reverse("signals:list"), {"phenomenon": "hennepteelt"}).content.decode()
    assert other.number in html and drugs.number not in html
    response = intake.get(
        reverse("signals:list"), {"phenomenon": "<x>", "since": "2026-13-45", "municipality": "GM0855"}
    )
    assert response.status_code == 200
    assert drugs.number in response.content.decode()


def test_map_data_uses_the_same_scope_and_filters(tilburg: Any, amsterdam: Any, intake: Any) -> None:
    own = make_signal()
    area_only = make_signal(
        phenomenon="hennepteelt",
        point=(None, None),  # type: ignore[arg-type]
        location_kind="gebied",
        municipality=Municipality.objects.get(code="GM0855"),
    )
    make_signal(point=AMSTERDAM_POINT)
    data = intake.get(reverse("signals:map_data")).json()
    numbers = {f["properties"]["number"]: f for f in data["features"]}
    assert set(numbers) == {own.number, area_only.number}
    assert numbers[area_only.number]["properties"]["approximate"] is True
    assert "description" not in numbers[own.number]["properties"]
    filtered = intake.get(reverse("signals:map_data"), {"phenomenon": "hennepteelt"}).json()
    assert [f["properties"]["number"] for f in filtered["features"]] == [area_only.number]
    page = intake.get(reverse("signals:map"))
    assert page.status_code == 200
    assert b'data-geojson-url="/meldingen/kaart/data.geojson"' in page.content
    assert b'data-tiles-url="https://service.pdok.nl/brt/achtergrondkaart/' in page.content  # the default
    assert b'data-boundaries-url="/melden/gemeentegrenzen.geojson"' in page.content


def test_pdok_tiles_only_when_configured(tilburg: Any, intake: Any, settings: Any) -> None:
    settings.PDOK_TILES_URL = ""
    page = intake.get(reverse("signals:map")).content
    assert b'data-tiles-url=""' in page
    assert b"service.pdok.nl" not in page
    settings.PDOK_TILES_URL = "https://tiles.example.nl/{z}/{x}/{y}.png"
    assert b'data-tiles-url="https://tiles.example.nl/{z}/{x}/{y}.png"' in intake.get(reverse("signals:map")).content


def test_detail_is_404_outside_scope_and_audited_inside(tilburg: Any, amsterdam: Any, intake: Any) -> None:
    foreign = make_signal(point=AMSTERDAM_POINT)
    assert intake.get(_detail(foreign)).status_code == 404
    own = make_signal()
    response = intake.get(_detail(own))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="read", object_uuid=own.uuid).exists()
    assert b"Keep until" in response.content or b"Bewaren tot" in response.content


def test_attachment_download_is_scoped_and_audited(tilburg: Any, amsterdam: Any, intake: Any) -> None:
    from weerbaar.signals.tests.authz_spec_intake import _photo

    own = make_signal(attachments=[_photo()])
    foreign = make_signal(point=AMSTERDAM_POINT, attachments=[_photo()])
    attachment = own.attachments.get()
    url = reverse("signals:attachment", kwargs={"uuid": own.uuid, "attachment_uuid": attachment.uuid})
    response = intake.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert AuditEvent.objects.filter(action="read", object_uuid=attachment.uuid).exists()
    # Somebody else's attachment, even through our own signal's URL, does not exist.
    wrong = reverse("signals:attachment", kwargs={"uuid": own.uuid, "attachment_uuid": foreign.attachments.get().uuid})
    assert intake.get(wrong).status_code == 404
    foreign_url = reverse(
        "signals:attachment", kwargs={"uuid": foreign.uuid, "attachment_uuid": foreign.attachments.get().uuid}
    )
    assert intake.get(foreign_url).status_code == 404


def test_qualify_through_post(tilburg: Any, intake: Any) -> None:
    signal = make_signal()
    response = intake.post(_action("transition", signal), {"to_status": "gekwalificeerd", "version": signal.version})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Status.GEKWALIFICEERD
    assert signal.status_changes.count() == 2


def test_stale_version_is_refused_and_nothing_is_overwritten(tilburg: Any, intake: Any, intake_user: Any) -> None:
    signal = make_signal()
    loaded_version = signal.version
    # Someone else qualifies it first.
    signal_transition(actor=actor_for(user=intake_user), signal=signal, to_status=Status.GEKWALIFICEERD)
    response = intake.post(
        _action("transition", signal),
        {"to_status": "buiten_scope", "reason": "Geen gemeentelijke taak.", "version": loaded_version},
    )
    assert response.status_code == 409
    assert str(STALE_MESSAGE) in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == Status.GEKWALIFICEERD
    hold = intake.post(_action("legal_hold", signal), {"hold": "aan", "reason": "Onderzoek", "version": loaded_version})
    assert hold.status_code == 409
    signal.refresh_from_db()
    assert not signal.legal_hold


def test_illegal_move_and_missing_reason_show_the_service_message(tilburg: Any, intake: Any) -> None:
    signal = make_signal()
    response = intake.post(
        _action("transition", signal), {"to_status": "buiten_scope", "reason": "", "version": signal.version}
    )
    assert response.status_code == 200
    assert b"weerbaar-error-summary" in response.content
    signal.refresh_from_db()
    assert signal.status == Status.ONTVANGEN
    # A weighing outcome is not the intake officer's move: not among the choices.
    response = intake.post(
        _action("transition", signal), {"to_status": "geen_actie", "reason": "x", "version": signal.version}
    )
    assert response.status_code == 200
    signal.refresh_from_db()
    assert signal.status == Status.ONTVANGEN


def test_plan_of_approach_needs_privacy_checks(tilburg: Any, intake: Any, intake_user: Any) -> None:
    actor = actor_for(user=intake_user)
    signal = make_signal()
    signal = signal_transition(actor=actor, signal=signal, to_status=Status.GEKWALIFICEERD)
    signal = signal_transition(actor=actor, signal=signal, to_status=Status.INTERN_OPGEPAKT, reason="Toezicht.")
    data = {"to_status": "plan_van_aanpak", "reason": "Aanpak.", "version": signal.version}
    response = intake.post(_action("transition", signal), data)
    assert response.status_code == 200
    assert b"2A, 2B" in response.content
    for kind in ("2a", "2b"):
        check = {**CHECK, "kind": kind, "conclusion_positive": "ja", "version": signal.version}
        assert intake.post(_action("privacy_check", signal), check).status_code == 302
    assert intake.post(_action("transition", signal), data).status_code == 302
    signal.refresh_from_db()
    assert signal.status == Status.PLAN_VAN_AANPAK


def test_question_and_legal_hold(tilburg: Any, intake: Any) -> None:
    signal = make_signal()
    response = intake.post(_action("message", signal), {"body": "Op welke dag?", "version": signal.version})
    assert response.status_code == 302
    assert SignalMessage.objects.filter(signal=signal, direction="aan_melder").count() == 1
    response = intake.post(_action("legal_hold", signal), {"hold": "aan", "reason": "", "version": signal.version})
    assert response.status_code == 200  # a reason is required
    response = intake.post(_action("legal_hold", signal), {"hold": "aan", "reason": "WOB", "version": signal.version})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.legal_hold


def test_weighing_is_for_the_schakelteam(
    tilburg: Any, intake: Any, intake_user: Any, weigher: Any, client_for: Any
) -> None:
    signal = signal_transition(actor=actor_for(user=intake_user), signal=make_signal(), to_status=Status.GEKWALIFICEERD)
    data = {"outcome": "geen_actie", "reasoning": "Te vaag.", "version": signal.version}
    assert intake.post(_action("weigh", signal), data).status_code == 403
    assert client_for(weigher).post(_action("weigh", signal), data).status_code == 302
    signal.refresh_from_db()
    assert signal.status == Status.GEEN_ACTIE


def test_overdue_list(tilburg: Any, intake: Any) -> None:
    late = make_signal()
    Signal.objects.filter(pk=late.pk).update(acknowledge_due="2020-01-01T00:00:00Z")
    fresh = make_signal()
    html = intake.get(reverse("signals:overdue")).content.decode()
    assert late.number in html and fresh.number not in html


def test_meeting_is_all_or_nothing(tilburg: Any, intake_user: Any, weigher: Any, client_for: Any) -> None:
    actor = actor_for(user=intake_user)
    first = signal_transition(actor=actor, signal=make_signal(), to_status=Status.GEKWALIFICEERD)
    second = signal_transition(actor=actor, signal=make_signal(), to_status=Status.GEKWALIFICEERD)
    third = signal_transition(actor=actor, signal=make_signal(), to_status=Status.GEKWALIFICEERD)
    client = client_for(weigher)
    response = client.post(reverse("signals:meeting_create"), {"date": "2026-03-02"})
    assert response.status_code == 302
    meeting = SchakelteamMeeting.objects.get()
    items = {i.signal_id: i for i in MeetingItem.objects.filter(meeting=meeting)}
    url = reverse("signals:meeting", kwargs={"uuid": meeting.uuid})
    assert client.get(url).status_code == 200

    a, b, c = items[first.pk].pk, items[second.pk].pk, items[third.pk].pk
    invalid = {
        f"decision_{a}": "geen_actie",
        f"reasoning_{a}": "Te vaag.",
        f"decision_{b}": "intern_opgepakt",
        f"reasoning_{b}": "",  # missing reasoning: the whole sitting is refused
        f"decision_{c}": "bronnenonderzoek",  # no privacy check 1 yet
        f"reasoning_{c}": "Nader onderzoek.",
    }
    response = client.post(url, invalid)
    assert response.status_code == 200
    html = response.content.decode()
    assert second.number in html and f'id="id_reasoning_{b}_error"' in html
    assert f'id="id_decision_{c}_error"' in html
    assert "Te vaag." in html  # what was typed is kept
    assert Signal.objects.filter(status=Status.GEKWALIFICEERD).count() == 3
    meeting.refresh_from_db()
    assert meeting.closed_at is None

    privacy_check_record(actor=actor, signal=third, kind=PrivacyCheckKind.CHECK_1, **CHECK)
    valid = {**invalid, f"reasoning_{b}": "Handhaving pakt het op.", f"decision_{c}": ""}
    assert client.post(url, valid).status_code == 302
    statuses = dict(Signal.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "geen_actie", second.pk: "intern_opgepakt", third.pk: "gekwalificeerd"}
    minutes = client.get(url)
    assert b"Handhaving pakt het op." in minutes.content
    assert b"<select" not in minutes.content.split(b"<main")[1]
    assert client.post(url, valid).status_code == 302  # closed: refused with a message, nothing changes


def test_meeting_of_another_organisation_is_404(tilburg: Any, amsterdam: Any, make_user: Any, client_for: Any) -> None:
    other = actor_for(user=make_user(organisation=amsterdam, role=Role.SCHAKELTEAM))
    meeting = meeting_create(actor=other, on="2026-03-02")  # type: ignore[arg-type]
    mine = client_for(make_user(organisation=tilburg, role=Role.SCHAKELTEAM))
    assert mine.get(reverse("signals:meeting", kwargs={"uuid": meeting.uuid})).status_code == 404
