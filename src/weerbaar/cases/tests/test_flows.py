# SPDX-License-Identifier: EUPL-1.2
"""The case flows: a case started from a signal, meeting action items, a safe closure; and the defects of
a closed case's access request, the consent list and the local dates on the new-case form."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.cases import services
from weerbaar.cases.constants import AccessRequestStatus, ActionItemStatus, CaseStatus, ItemKind
from weerbaar.cases.models import AccessRequest, ActionItem, AgendaItem, Case, Meeting
from weerbaar.cases.selectors import action_items_open_for, case_closure_consequences
from weerbaar.cases.services.members import CLOSED_CASE_ACCESS_MESSAGE
from weerbaar.cases.tests.factories import make_case, make_member_actor, make_owner_actor
from weerbaar.core.constants import LegalRegime
from weerbaar.correlation.models import Subject
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.models import Signal
from weerbaar.signals.services import signal_subject_add
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db


def _fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


# --- a case started from a signal -----------------------------------------------------------------------


@pytest.fixture
def tilburg(geography: None, make_org: Any) -> Any:
    return make_org("Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))


@pytest.fixture
def signal_world(tilburg: Any, make_org: Any, make_user: Any) -> dict[str, Any]:
    intake = actor_for(user=make_user(organisation=tilburg, role=Role.MELDPUNT))
    director = make_user(organisation=tilburg, role=Role.CASUSREGISSEUR, username="regisseur.start")
    signal = make_signal(intake)
    signal_subject_add(
        actor=intake, signal=signal, kind="persoon", values={"given_names": "Jan", "surname": "Verhoeven"}
    )
    signal_subject_add(actor=intake, signal=signal, kind="voertuig", values={"plate": "AB-123-C"})
    elsewhere = make_org("Gemeente Elders", OrganisationType.GEMEENTE)
    outsider = make_user(organisation=elsewhere, role=Role.CASUSREGISSEUR, username="regisseur.elders")
    return {
        "signal": signal,
        "tilburg": tilburg,
        "director": director,
        "actor": actor_for(user=director),
        "outsider": outsider,
    }


def _start(world: dict[str, Any], actor: Any = None) -> Case:
    signal: Signal = world["signal"]
    return services.case_start_from_signal(
        actor=actor or world["actor"],
        signal=signal,
        title="Drugsafval — Tilburg",
        phenomena=[signal.phenomenon],
        classification="vertrouwelijk",
        municipality=signal.municipality,
    )


def test_start_from_signal_carries_subjects_over_with_provenance(signal_world: dict[str, Any]) -> None:
    signal: Signal = signal_world["signal"]
    case = _start(signal_world)
    assert list(case.signals.all()) == [signal]
    assert case.municipality == signal.municipality
    items = list(case.items.order_by("id"))
    assert [i.kind for i in items] == [ItemKind.BETROKKENE, ItemKind.BETROKKENE]
    assert {i.supplier for i in items} == {signal_world["tilburg"]}
    assert {i.regime for i in items} == {LegalRegime.AVG}
    # Correlation sees them: registered subjects in the case's context, with the signal as their source.
    subjects = Subject.objects.filter(case_item__case=case)
    assert subjects.count() == 2
    assert {s.source_detail for s in subjects} == {f"melding {signal.number}"}
    assert {s.supplied_by for s in subjects} == {signal_world["tilburg"]}
    assert subjects.filter(kind="persoon", surname="Verhoeven").exists()
    # The signal keeps its own subjects, and its history records the case.
    assert Subject.objects.filter(signal=signal).count() == 2
    change = signal.status_changes.order_by("-id").first()
    assert change is not None and case.number in change.reason
    assert AuditEvent.objects.filter(object_uuid=case.uuid, details__started_from=str(signal.uuid)).exists()


def test_start_from_signal_refused_for_a_signal_out_of_sight(signal_world: dict[str, Any]) -> None:
    outsider = actor_for(user=signal_world["outsider"])
    with pytest.raises(PermissionDenied):
        _start(signal_world, actor=outsider)
    assert not Case.objects.exists()


def test_start_case_pages(signal_world: dict[str, Any]) -> None:
    signal: Signal = signal_world["signal"]
    url = reverse("cases:create") + f"?melding={signal.uuid}"
    client = verified_client(signal_world["director"])
    # The signal page offers it to a user who may create cases.
    page = client.get(reverse("signals:detail", kwargs={"uuid": signal.uuid})).content.decode()
    assert f'href="{url}"' in page
    form = client.get(url).content.decode()
    assert 'data-testid="start-from-signal"' in form
    assert 'value="Drugsafvaldumping — Tilburg"' in form or "— Tilburg" in form
    assert 'value="GM0855" selected' in form
    response = client.post(
        url,
        {
            "title": "Drugsafval — Tilburg",
            "phenomena": [signal.phenomenon],
            "classification": "vertrouwelijk",
            "municipality": "GM0855",
            "signals": [str(signal.uuid)],
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(title="Drugsafval — Tilburg")
    assert case.items.filter(kind=ItemKind.BETROKKENE).count() == 2
    # Someone who may not see the signal gets 404, on the form and on saving.
    outsider = verified_client(signal_world["outsider"])
    assert outsider.get(url).status_code == 404
    data = {"title": "x", "phenomena": [signal.phenomenon], "classification": "vertrouwelijk"}
    assert outsider.post(url, data).status_code == 404
    assert Case.objects.count() == 1


# --- meeting action items -------------------------------------------------------------------------------


def _meeting(owner: Any, case: Case, on: date = date(2026, 3, 9)) -> AgendaItem:
    meeting = services.meeting_create(actor=owner, kind="casusoverleg", on=on, cases=[case])
    return meeting.agenda.get()


def test_action_item_added_completed_by_its_owner_and_listed_for_the_inbox() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner, named=True)
    item = _meeting(owner, case)
    assert police.organisation is not None and police.user is not None
    action = services.action_item_add(
        actor=owner,
        item=item,
        description="Bestuurlijke rapportage aanleveren",
        owner=police.organisation,
        due_on=timezone.localdate() - timedelta(days=1),
        assignee=police.user,
    )
    assert action.status == ActionItemStatus.OPEN
    assert list(action_items_open_for(police)) == [action]
    assert list(action_items_open_for(owner)) == []
    # Only the owner completes it; the host cannot do it for them.
    with pytest.raises(PermissionDenied):
        services.action_item_complete(actor=owner, action=action)
    done = services.action_item_complete(actor=police, action=action)
    assert done.status == ActionItemStatus.GEREED
    assert done.done_by == police.user and done.done_at is not None and done.done_on == timezone.localdate()
    assert list(action_items_open_for(police)) == []
    with pytest.raises(ValidationError):
        services.action_item_complete(actor=police, action=action)
    assert AuditEvent.objects.filter(object_uuid=action.uuid, action="update").count() == 1
    # An open action on a closed case is no more work for anyone.
    services.action_item_add(
        actor=owner, item=item, description="Nog een", owner=police.organisation, due_on=date(2026, 4, 1)
    )
    assert len(action_items_open_for(police)) == 1
    services.case_close(actor=owner, case=_fresh(case), reason="Klaar.")
    assert list(action_items_open_for(police)) == []


def test_action_item_rules() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    item = _meeting(owner, case)
    outsider = make_owner_actor()
    assert owner.organisation is not None and outsider.organisation is not None and police.user is not None
    with pytest.raises(ValidationError):  # not a member organisation
        services.action_item_add(
            actor=owner, item=item, description="x", owner=outsider.organisation, due_on=date(2026, 4, 1)
        )
    with pytest.raises(ValidationError):  # the person is no named member for that organisation
        services.action_item_add(
            actor=owner,
            item=item,
            description="x",
            owner=owner.organisation,
            due_on=date(2026, 4, 1),
            assignee=police.user,
        )
    with pytest.raises(PermissionDenied):  # only the host records the meeting
        services.action_item_add(
            actor=police, item=item, description="x", owner=owner.organisation, due_on=date(2026, 4, 1)
        )


def test_action_item_pages(make_org: Any, make_user: Any) -> None:
    gemeente = make_org("Gemeente Actie", OrganisationType.GEMEENTE)
    politie = make_org("Politie Actie", OrganisationType.POLITIE)
    regisseur = make_user(organisation=gemeente, role=Role.CASUSREGISSEUR, username="regisseur.actie")
    agent = make_user(organisation=politie, role=Role.PARTNERVERTEGENWOORDIGER, username="agent.actie")
    owner = actor_for(user=regisseur)
    case = make_case(owner, title="Loods Actie — hennepteelt")
    services.membership_add(actor=owner, case=case, organisation=politie)
    item = _meeting(owner, case)
    host, partner = verified_client(regisseur), verified_client(agent)
    meeting_url = reverse("cases:meeting", kwargs={"uuid": item.meeting.uuid})
    add = reverse("cases:meeting_action_add", kwargs={"uuid": item.meeting.uuid})
    # The meeting page links to the agenda item's own page for a new action item; the form is there.
    assert f'href="{add}?casus={case.uuid}"' in host.get(meeting_url).content.decode()
    form_page = host.get(add, {"casus": str(case.uuid)}).content.decode()
    assert f'action="{add}"' in form_page and 'name="description"' in form_page
    assert partner.get(add, {"casus": str(case.uuid)}).status_code == 404  # not the host
    data = {"case": str(case.uuid), "description": "Rapportage", "owner": str(politie.uuid), "due_on": "2020-01-31"}
    assert partner.post(add, data).status_code == 404  # not the host
    refused = host.post(add, {**data, "owner": ""})  # form error on the same page, nothing stored
    assert refused.status_code == 200 and 'aria-invalid="true"' in refused.content.decode()
    assert host.post(add, data).status_code == 302
    action = ActionItem.objects.get()
    assert action.due_on == date(2020, 1, 31)
    detail = reverse("cases:detail", kwargs={"uuid": case.uuid})
    page = partner.get(detail).content.decode()
    assert 'data-testid="action-items"' in page and 'data-testid="action-overdue"' in page
    done = reverse("cases:action_done", kwargs={"uuid": case.uuid, "action_uuid": action.uuid})
    assert done in page
    # The host may see the action but not complete it for the police.
    assert done not in host.get(detail).content.decode()
    assert host.post(done, {"version": _fresh(case).version}).status_code == 403
    assert partner.post(done, {"version": _fresh(case).version}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionItemStatus.GEREED
    assert 'data-testid="action-overdue"' not in partner.get(detail).content.decode()


# --- a safe closure -------------------------------------------------------------------------------------


def _case_with_bibob() -> tuple[Any, Case, Any]:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    assert owner.organisation is not None
    services.item_add(actor=police, case=case, kind="bevinding", title="Stroom", body="", regime=LegalRegime.WPG)
    services.item_add(
        actor=owner, case=case, kind="notitie", title="Huurcontract", body="", regime="avg", consent_required=True
    )
    services.intervention_add(
        actor=owner, case=case, type="bibob", owner=owner.organisation, started_on=date(2026, 1, 5)
    )
    return owner, _fresh(case), police


def test_closure_consequences_and_blocking_bibob() -> None:
    owner, case, _police = _case_with_bibob()
    consequences = case_closure_consequences(actor=owner, case=case)
    assert [i.type for i in consequences.blocking] == ["bibob"]
    assert consequences.police_items == 1
    assert [(row.item.title, row.consent_missing) for row in consequences.left_out] == [("Huurcontract", True)]
    with pytest.raises(ValidationError) as refused:
        services.case_close(actor=owner, case=case, reason="Klaar.")
    assert "confirm_blocking" in refused.value.error_dict
    closed = services.case_close(actor=owner, case=case, reason="Bibob loopt apart door.", confirm_blocking=True)
    assert closed.status == CaseStatus.AFGESLOTEN
    event = AuditEvent.objects.filter(object_uuid=case.uuid, action="update").order_by("-id").first()
    assert event is not None and event.purpose == "Bibob loopt apart door."
    assert event.details["blocking_confirmed"] is True


def test_close_page_states_consequences_and_needs_confirmation(make_org: Any, make_user: Any) -> None:
    gemeente = make_org("Gemeente Sluiten", OrganisationType.GEMEENTE)
    regisseur = make_user(organisation=gemeente, role=Role.CASUSREGISSEUR, username="regisseur.sluiten")
    owner = actor_for(user=regisseur)
    case = make_case(owner, title="Loods Sluiten — drugsafval")
    services.intervention_add(actor=owner, case=case, type="sluiting_13b", owner=gemeente, started_on=date(2026, 1, 5))
    client = verified_client(regisseur)
    url = reverse("cases:close", kwargs={"uuid": case.uuid})
    detail = client.get(reverse("cases:detail", kwargs={"uuid": case.uuid})).content.decode()
    assert f'href="{url}"' in detail  # no one-click closure on the case page any more
    page = client.get(url).content.decode()
    assert 'data-testid="close-running"' in page and 'data-testid="close-blocking"' in page
    assert 'name="confirm_blocking"' in page
    version = _fresh(case).version
    response = client.post(url, {"reason": "Klaar.", "version": version})
    assert response.status_code == 200
    assert _fresh(case).status != CaseStatus.AFGESLOTEN
    response = client.post(url, {"reason": "Klaar.", "version": version, "confirm_blocking": "on"})
    assert response.status_code == 302
    assert _fresh(case).status == CaseStatus.AFGESLOTEN


# --- defects --------------------------------------------------------------------------------------------


def test_access_request_on_a_closed_case_is_answered_at_once_with_a_refusal(make_org: Any, make_user: Any) -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    other = make_org("Gemeente Vrager", OrganisationType.GEMEENTE)
    asker = make_user(organisation=other, role=Role.CASUSREGISSEUR, username="regisseur.vrager")
    pending = services.access_request_create(actor=actor_for(user=asker), case=case, reason="Treffer.")
    services.case_close(actor=owner, case=case, reason="Klaar.")
    # An open request is answered at closure: nobody can be admitted to a closed case.
    pending.refresh_from_db()
    assert pending.status == AccessRequestStatus.AFGEWEZEN
    # A new request is recorded and refused at once, with the reason, so it never waits unanswered.
    again = services.access_request_create(actor=actor_for(user=asker), case=case, reason="Nog eens.")
    assert again.status == AccessRequestStatus.AFGEWEZEN
    assert again.decision_reason == str(CLOSED_CASE_ACCESS_MESSAGE)
    assert again.decided_at is not None
    # The page answers as it does for any request (it says nothing about the case itself) ...
    client = verified_client(asker)
    url = reverse("cases:access_request", kwargs={"uuid": case.uuid})
    response = client.post(url, {"reason": "Nog eens."})
    assert response.status_code == 302
    unknown = client.post(reverse("cases:access_request", kwargs={"uuid": uuid4()}), {"reason": "Nog eens."})
    assert (unknown.status_code, unknown["Location"]) == (302, response["Location"])
    # ... and asking twice leaves one refusal, not a pile of them.
    assert AccessRequest.objects.filter(case=case, decided_by__isnull=True).count() == 1
    assert AccessRequest.objects.filter(status=AccessRequestStatus.OPEN).count() == 0


def test_consent_list_never_offers_the_supplier(make_org: Any, make_user: Any) -> None:
    gemeente = make_org("Gemeente Toestemming", OrganisationType.GEMEENTE)
    politie = make_org("Politie Toestemming", OrganisationType.POLITIE)
    regisseur = make_user(organisation=gemeente, role=Role.CASUSREGISSEUR, username="regisseur.toestemming")
    agent = make_user(organisation=politie, role=Role.PARTNERVERTEGENWOORDIGER, username="agent.toestemming")
    owner = actor_for(user=regisseur)
    case = make_case(owner)
    services.membership_add(actor=owner, case=case, organisation=politie)
    services.item_add(
        actor=actor_for(user=agent),
        case=case,
        kind="notitie",
        title="Tip",
        body="",
        regime="avg",
        consent_required=True,
    )
    item = case.items.get()
    consent_url = reverse("cases:consent", kwargs={"uuid": case.uuid, "item_uuid": item.uuid})
    # The case page links to the item's consent page, where the form is.
    page = verified_client(agent).get(reverse("cases:detail", kwargs={"uuid": case.uuid})).content.decode()
    assert f'href="{consent_url}"' in page
    page = verified_client(agent).get(consent_url).content.decode()
    consent_form = page[page.index('id="consent_') : page.index("</form>", page.index('id="consent_'))]
    assert str(gemeente.uuid) in consent_form
    assert str(politie.uuid) not in consent_form
    # Nor is the supplier offered "show it now to" when it adds an item itself (on the action's own page).
    page = verified_client(agent).get(reverse("cases:item_add", kwargs={"uuid": case.uuid})).content.decode()
    item_form = page[page.index('id="item_kind"') : page.index("</form>", page.index('id="item_kind"'))]
    assert str(politie.uuid) not in item_form


def test_new_case_form_shows_the_local_day_a_signal_came_in(geography: None, make_org: Any, make_user: Any) -> None:
    tilburg = make_org(
        "Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855")
    )
    regisseur = make_user(organisation=tilburg, role=Role.CASUSREGISSEUR, username="regisseur.datum")
    intake = actor_for(user=make_user(organisation=tilburg, role=Role.MELDPUNT))
    signal = make_signal(intake)
    # 23:30 UTC on 1 March is 00:30 on 2 March in the Netherlands.
    Signal.objects.filter(pk=signal.pk).update(received_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    page = verified_client(regisseur).get(reverse("cases:create") + f"?melding={signal.uuid}").content.decode()
    assert f"{signal.number} · " in page
    assert "2026-03-02" in page
    assert "2026-03-01" not in page


def test_meeting_on_closed_case_offers_no_forms() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    item = _meeting(owner, case)
    services.case_close(actor=owner, case=case, reason="Klaar.")
    assert Meeting.objects.filter(pk=item.meeting_id).exists()
    assert owner.organisation is not None
    with pytest.raises(ValidationError):
        services.action_item_add(
            actor=owner, item=item, description="x", owner=owner.organisation, due_on=date(2026, 4, 1)
        )
    # Nor do the meeting's pages: no links, and the agenda item's pages say the minutes are final.
    assert owner.user is not None
    TOTPDevice.objects.create(user=owner.user, name="default", confirmed=True)  # factories' users have none
    client = verified_client(owner.user)
    page = client.get(reverse("cases:meeting", kwargs={"uuid": item.meeting.uuid})).content.decode()
    assert 'data-testid="decision-link"' not in page
    for name in ("cases:meeting_decision", "cases:meeting_action_add"):
        url = reverse(name, kwargs={"uuid": item.meeting.uuid})
        shown = client.get(url, {"casus": str(case.uuid)}).content.decode()
        assert 'data-testid="action-unavailable"' in shown and "<form" not in shown.split("<main", 1)[1]
    posted = client.post(
        reverse("cases:meeting_decision", kwargs={"uuid": item.meeting.uuid}),
        {"case": str(case.uuid), "decision": "Toch nog iets."},
    )
    assert posted.status_code == 200
    item.refresh_from_db()
    assert item.decision != "Toch nog iets."


def test_api_access_request_after_a_hit_on_a_closed_case_is_refused_at_once(geography: None) -> None:
    from django.test import Client

    from weerbaar.api.services import api_token_issue
    from weerbaar.correlation.constants import SubjectKind
    from weerbaar.correlation.selectors import hit_token
    from weerbaar.correlation.tests.factories import PERSON, case_subject, make_world

    world = make_world()
    target = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON)
    outsider = world.outsider
    own_case = make_case(outsider, title="Pand Goirle — witwassen")
    via = case_subject(outsider, own_case, SubjectKind.PERSOON, PERSON)
    target.refresh_from_db()
    via.refresh_from_db()
    assert via.entity_id is not None and via.entity_id == target.entity_id
    assert outsider.user is not None
    _token, raw = api_token_issue(user=outsider.user)
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    url = reverse("api:subjecten-toegangsverzoeken", kwargs={"uuid": via.uuid})
    body = {"verzoekVia": hit_token(outsider, via, target), "reden": "Treffer in ons dossier."}
    assert client.post(url, data=body, content_type="application/json").status_code == 202
    services.case_close(actor=world.director, case=_fresh(world.case), reason="Klaar.")
    # The same acknowledgement as while the case was open: the answer cannot tell the two apart ...
    assert client.post(url, data=body, content_type="application/json").status_code == 202
    # ... and the request is answered: the one made while it was open at closure, the new one at once.
    assert not AccessRequest.objects.filter(case=world.case, status=AccessRequestStatus.OPEN).exists()
    refused = AccessRequest.objects.filter(case=world.case, decided_by__isnull=True).get()
    assert refused.decision_reason == str(CLOSED_CASE_ACCESS_MESSAGE)
