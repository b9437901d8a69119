# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/casussen`` and ``/api/v1/overleggen``: need-to-know, provenance, validation."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.api.services import api_token_issue
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.cases.models import AgendaItem, Case, Meeting, Membership
from weerbaar.cases.services import case_assessment_record, item_add, item_consent_grant, membership_add
from weerbaar.cases.tests.factories import (
    make_actor,
    make_case,
    make_member_actor,
    make_organisation,
    make_owner_actor,
)
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db

URL = "/api/v1/casussen"
SEARCH_URL = "/api/v1/casussen/_zoek"


def client(actor: Actor) -> Client:
    """A partner system's client: the actor's user with a bearer token (acting for its home organisation)."""
    assert actor.user is not None
    _token, raw = api_token_issue(user=actor.user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def case_urls(case: Case) -> list[str]:
    base = f"{URL}/{case.uuid}"
    return [base, f"{base}/deelnemers", f"{base}/interventies"]


def item_titles(response: Any) -> set[str]:
    return {item["titel"] for item in response.json()["stukken"]}


def invalid_names(response: Any) -> set[str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {p["name"] for p in response.json()["invalidParams"]}


@pytest.fixture
def owner() -> Actor:
    return make_owner_actor()


@pytest.fixture
def case(owner: Actor) -> Case:
    return make_case(owner, title="Schuur Biezenmortel — drugsafval")


# --- Need-to-know ---------------------------------------------------------------------------------


def test_member_sees_the_case_everywhere(owner: Actor, case: Case) -> None:
    c = client(owner)
    for url in case_urls(case):
        assert c.get(url).status_code == 200, url
    listed = c.get(URL).json()
    assert [row["uuid"] for row in listed["results"]] == [str(case.uuid)]
    detail = c.get(f"{URL}/{case.uuid}").json()
    assert detail["nummer"] == case.number
    assert detail["regie"] == {"uuid": str(owner.organisation.uuid), "naam": owner.organisation.name}  # type: ignore[union-attr]
    assert detail["stukken"] == []


def test_non_member_gets_404_on_every_case_route(case: Case) -> None:
    outsider = make_actor(role=Role.CASUSREGISSEUR)  # manager of another municipality
    c = client(outsider)
    for url in case_urls(case):
        response = c.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"
    other = make_organisation(type=OrganisationType.POLITIE)
    assert (
        c.post(f"{URL}/{case.uuid}/deelnemers", {"organisatie": str(other.uuid)}, "application/json").status_code == 404
    )
    body = {"type": "preventief", "eigenaar": str(outsider.organisation.uuid)}  # type: ignore[union-attr]
    assert c.post(f"{URL}/{case.uuid}/interventies", body, "application/json").status_code == 404
    assert c.get(URL).json()["results"] == []
    assert c.post(SEARCH_URL, {"tekst": case.number}, "application/json").json()["results"] == []
    assert not Membership.objects.filter(case=case, organisation=other).exists()


def test_unknown_case_is_404(owner: Actor) -> None:
    assert client(owner).get(f"{URL}/00000000-0000-0000-0000-000000000000").status_code == 404


def test_private_partner_never_sees_a_case(owner: Actor, case: Case) -> None:
    private = make_organisation(type=OrganisationType.AGRARISCH)
    partner = make_actor(organisation=private, role=Role.PARTNERVERTEGENWOORDIGER)
    c = client(partner)
    for url in [URL, "/api/v1/overleggen", *case_urls(case)]:
        assert c.get(url).status_code == 404, url
    assert c.post(SEARCH_URL, {"tekst": "schuur"}, "application/json").status_code == 404
    # Nor can the owner invite it.
    response = client(owner).post(
        f"{URL}/{case.uuid}/deelnemers", {"organisatie": str(private.uuid)}, "application/json"
    )
    assert invalid_names(response) == {"organisatie"}


def test_unscreened_member_gets_404(owner: Actor, case: Case) -> None:
    unscreened = make_actor(organisation=owner.organisation, role=Role.CASUSREGISSEUR, screened=False)
    c = client(unscreened)
    for url in [URL, *case_urls(case)]:
        assert c.get(url).status_code == 404, url


def test_ended_membership_loses_access(owner: Actor, case: Case) -> None:
    police = make_member_actor(case, owner=owner, org_type=OrganisationType.POLITIE)
    c = client(police)
    assert c.get(f"{URL}/{case.uuid}").status_code == 200
    Membership.objects.filter(case=case, organisation=police.organisation).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )
    for url in case_urls(case):
        assert c.get(url).status_code == 404, url
    assert c.get(URL).json()["results"] == []
    members = client(owner).get(f"{URL}/{case.uuid}/deelnemers").json()
    assert police.organisation is not None
    assert str(police.organisation.uuid) not in {m["organisatie"]["uuid"] for m in members}


def test_consent_required_item_absent_for_new_member_until_consent(owner: Actor, case: Case) -> None:
    police = make_member_actor(case, owner=owner, org_type=OrganisationType.POLITIE)
    case_assessment_record(actor=owner, case=case, text="Noodzakelijk en proportioneel: lichtere middelen falen.")
    case.refresh_from_db()
    item = item_add(
        actor=police,
        case=case,
        kind="bevinding",
        title="Bevinding wijkagent",
        body="Gezien op 3 maart.",
        regime=LegalRegime.WPG,
        consent_required=True,
        consent_to=[owner.organisation],  # type: ignore[list-item]
    )
    tax = make_member_actor(case, owner=owner, org_type=OrganisationType.BELASTINGDIENST)

    assert item_titles(client(owner).get(f"{URL}/{case.uuid}")) == {"Bevinding wijkagent"}
    assert item_titles(client(police).get(f"{URL}/{case.uuid}")) == {"Bevinding wijkagent"}
    assert item_titles(client(tax).get(f"{URL}/{case.uuid}")) == set()

    item_consent_grant(actor=police, item=item, organisation=tax.organisation)
    detail = client(tax).get(f"{URL}/{case.uuid}").json()
    assert [s["titel"] for s in detail["stukken"]] == ["Bevinding wijkagent"]
    stuk = detail["stukken"][0]
    assert stuk["leverancier"] == {"uuid": str(police.organisation.uuid), "naam": police.organisation.name}  # type: ignore[union-attr]
    assert stuk["regime"] == "wpg"
    assert stuk["toestemmingVereist"] is True


def test_police_item_hidden_before_assessment(owner: Actor, case: Case) -> None:
    police = make_member_actor(case, owner=owner, org_type=OrganisationType.POLITIE)
    item_add(actor=police, case=case, kind="notitie", title="BVH-registratie", body="Eerdere melding.", regime="wpg")
    item_add(actor=owner, case=case, kind="notitie", title="Vergunningenhistorie", body="Geen.", regime="avg")

    assert item_titles(client(owner).get(f"{URL}/{case.uuid}")) == {"Vergunningenhistorie"}
    assert item_titles(client(police).get(f"{URL}/{case.uuid}")) == {"BVH-registratie", "Vergunningenhistorie"}
    case_assessment_record(actor=owner, case=case, text="Proportioneel en subsidiair afgewogen.")
    detail = client(owner).get(f"{URL}/{case.uuid}").json()
    assert {s["titel"] for s in detail["stukken"]} == {"BVH-registratie", "Vergunningenhistorie"}
    assert detail["afwegingVastgelegd"] is True


def test_detail_read_is_audited(owner: Actor, case: Case) -> None:
    client(owner).get(f"{URL}/{case.uuid}")
    event = AuditEvent.objects.filter(action=AuditAction.READ, object_uuid=case.uuid).get()
    assert event.details["via"] == "api"


# --- List, filters and search ---------------------------------------------------------------------


def test_list_filters(owner: Actor) -> None:
    make_case(owner, title="Loods — hennep", phenomena=["hennepteelt"])
    waste = make_case(owner, title="Bosrand — vaten", phenomena=["drugsafvaldumping"])
    Case.objects.filter(pk=waste.pk).update(status="verrijking")
    c = client(owner)
    assert [r["uuid"] for r in c.get(URL, {"status": "verrijking"}).json()["results"]] == [str(waste.uuid)]
    assert invalid_names(c.get(URL, {"status": "onzin"})) == {"status"}
    assert invalid_names(c.get(URL, {"fenomeen": "onzin"})) == {"fenomeen"}
    assert invalid_names(c.get(URL, {"achternaam": "Jansen"})) == {"achternaam"}
    assert invalid_names(c.get(URL, {"pageSize": "1000"})) == {"pageSize"}


def test_list_filter_by_phenomenon(owner: Actor) -> None:
    weed = make_case(owner, title="Loods — hennep", phenomena=["hennepteelt", "witwassen"])
    make_case(owner, title="Bosrand — vaten", phenomena=["drugsafvaldumping"])
    found = client(owner).get(URL, {"fenomeen": "witwassen"}).json()["results"]
    assert [r["uuid"] for r in found] == [str(weed.uuid)]


def test_list_needs_cases_view(owner: Actor, case: Case) -> None:
    colleague = make_actor(organisation=owner.organisation, role=Role.MEDEWERKER)
    assert client(colleague).get(URL).status_code == 404
    assert client(colleague).get(f"{URL}/{case.uuid}").status_code == 404


def test_search_by_number_and_title_within_scope(owner: Actor, case: Case) -> None:
    make_case(make_owner_actor(), title="Schuur Oisterwijk — drugsafval")  # someone else's
    c = client(owner)
    found = c.post(SEARCH_URL, {"tekst": "schuur drugsafval"}, "application/json").json()["results"]
    assert [r["uuid"] for r in found] == [str(case.uuid)]
    found = c.post(SEARCH_URL, {"tekst": case.number}, "application/json").json()["results"]
    assert [r["uuid"] for r in found] == [str(case.uuid)]
    assert invalid_names(c.post(SEARCH_URL, {}, "application/json")) == {"tekst"}
    # Search text never travels in a query string.
    assert c.get(SEARCH_URL, {"tekst": "schuur"}).status_code == 405


# --- Create ---------------------------------------------------------------------------------------


def test_create_case(owner: Actor) -> None:
    c = client(owner)
    response = c.post(URL, {"titel": "Loods Moergestel", "fenomenen": ["hennepteelt"]}, "application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == f"{URL}/{body['uuid']}"
    assert body["status"] == "aangemaakt"
    assert body["classificatie"] == "vertrouwelijk"
    assert body["regie"]["uuid"] == str(owner.organisation.uuid)  # type: ignore[union-attr]
    assert c.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ({}, {"titel", "fenomenen"}),
        ({"titel": "x", "fenomenen": []}, {"fenomenen"}),
        ({"titel": "x", "fenomenen": ["onzin"]}, {"fenomenen.0"}),
        ({"titel": "x" * 201, "fenomenen": ["hennepteelt"]}, {"titel"}),
        ({"titel": "x", "fenomenen": ["hennepteelt"], "classificatie": "geheim"}, {"classificatie"}),
        ({"titel": "x", "fenomenen": ["hennepteelt"], "omschrijving": "typo"}, {"omschrijving"}),
        ({"titel": "x", "fenomenen": ["hennepteelt"], "meldingen": ["geen-uuid"]}, {"meldingen.0"}),
        (
            {"titel": "x", "fenomenen": ["hennepteelt"], "meldingen": ["00000000-0000-0000-0000-000000000000"]},
            {"meldingen.0"},
        ),
    ],
)
def test_create_validation(owner: Actor, body: dict[str, Any], names: set[str]) -> None:
    assert invalid_names(client(owner).post(URL, body, "application/json")) == names
    assert not Case.objects.exists()


def test_create_needs_cases_manage(owner: Actor) -> None:
    reader = make_actor(organisation=owner.organisation, role=Role.PARTNERVERTEGENWOORDIGER)
    response = client(reader).post(URL, {"titel": "Loods", "fenomenen": ["hennepteelt"]}, "application/json")
    assert response.status_code == 404
    assert not Case.objects.exists()


# --- Members --------------------------------------------------------------------------------------


def test_owner_adds_a_member_organisation(owner: Actor, case: Case) -> None:
    police = make_organisation(type=OrganisationType.POLITIE)
    c = client(owner)
    url = f"{URL}/{case.uuid}/deelnemers"
    response = c.post(url, {"organisatie": str(police.uuid), "rol": "lezer"}, "application/json")
    assert response.status_code == 201, response.content
    assert response.json()["organisatie"]["uuid"] == str(police.uuid)
    assert response.json()["rol"] == "lezer"
    assert str(police.uuid) in {m["organisatie"]["uuid"] for m in c.get(url).json()}
    # Twice is refused; so are an unknown organisation, the regie role and a date in the past.
    assert invalid_names(c.post(url, {"organisatie": str(police.uuid)}, "application/json")) == {"body"}
    assert invalid_names(c.post(url, {"organisatie": "00000000-0000-0000-0000-000000000000"}, "application/json")) == {
        "organisatie"
    }
    other = make_organisation(type=OrganisationType.BELASTINGDIENST)
    assert invalid_names(c.post(url, {"organisatie": str(other.uuid), "rol": "regie"}, "application/json")) == {"rol"}
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert invalid_names(c.post(url, {"organisatie": str(other.uuid), "lidTot": yesterday}, "application/json")) == {
        "lidTot"
    }


def test_only_the_owner_adds_members(owner: Actor, case: Case) -> None:
    police = make_member_actor(case, owner=owner, org_type=OrganisationType.POLITIE, role=Role.CASUSREGISSEUR)
    tax = make_organisation(type=OrganisationType.BELASTINGDIENST)
    url = f"{URL}/{case.uuid}/deelnemers"
    assert client(police).get(url).status_code == 200
    assert client(police).post(url, {"organisatie": str(tax.uuid)}, "application/json").status_code == 404
    assert not Membership.objects.filter(case=case, organisation=tax).exists()


# --- Interventions --------------------------------------------------------------------------------


def test_add_intervention_with_statutory_steps(owner: Actor, case: Case) -> None:
    c = client(owner)
    url = f"{URL}/{case.uuid}/interventies"
    start = timezone.localdate()
    body = {"type": "sluiting_13b", "eigenaar": str(owner.organisation.uuid), "startdatum": start.isoformat()}  # type: ignore[union-attr]
    response = c.post(url, body, "application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["type"] == "sluiting_13b"
    assert created["wettelijkeGrondslag"]
    assert [s["code"] for s in created["stappen"]][:3] == ["rapportage", "voornemen", "zienswijze"]
    assert [i["uuid"] for i in c.get(url).json()] == [created["uuid"]]


@pytest.mark.parametrize(
    ("overrides", "names"),
    [
        ({"type": "onzin"}, {"type"}),
        ({"eigenaar": "00000000-0000-0000-0000-000000000000"}, {"eigenaar"}),
        ({"startdatum": "gisteren"}, {"startdatum"}),
        ({"bibobReferentie": "B-1"}, {"bibobReferentie"}),
        ({"stappen": []}, {"stappen"}),
    ],
)
def test_intervention_validation(owner: Actor, case: Case, overrides: dict[str, Any], names: set[str]) -> None:
    body = {"type": "sluiting_13b", "eigenaar": str(owner.organisation.uuid)} | overrides  # type: ignore[union-attr]
    assert invalid_names(client(owner).post(f"{URL}/{case.uuid}/interventies", body, "application/json")) == names


def test_intervention_owner_must_fit_the_type(owner: Actor, case: Case) -> None:
    """A tax assessment cannot be owned by a municipality: the service's refusal is a 400, not a 500."""
    body = {"type": "fiscaal", "eigenaar": str(owner.organisation.uuid)}  # type: ignore[union-attr]
    response = client(owner).post(f"{URL}/{case.uuid}/interventies", body, "application/json")
    assert response.status_code == 400, response.content


# --- Meetings -------------------------------------------------------------------------------------


def test_meeting_agenda_shows_only_visible_cases(owner: Actor, case: Case) -> None:
    other_owner = make_owner_actor()
    hidden = make_case(other_owner, title="Andermans casus")
    police = make_member_actor(case, owner=owner, org_type=OrganisationType.POLITIE)
    membership_add(actor=other_owner, case=hidden, organisation=owner.organisation)  # type: ignore[arg-type]
    assert other_owner.user is not None
    meeting = Meeting.objects.create(
        kind="integraal_overleg", date=timezone.localdate(), host=other_owner.organisation, created_by=other_owner.user
    )
    AgendaItem.objects.create(meeting=meeting, case=case)
    AgendaItem.objects.create(meeting=meeting, case=hidden, decision="Bibob-screening starten.")

    listed = client(police).get("/api/v1/overleggen").json()["results"]
    assert [m["uuid"] for m in listed] == [str(meeting.uuid)]
    agenda = client(police).get(f"/api/v1/overleggen/{meeting.uuid}").json()["agenda"]
    assert [a["casus"]["uuid"] for a in agenda] == [str(case.uuid)]
    agenda = client(owner).get(f"/api/v1/overleggen/{meeting.uuid}").json()["agenda"]
    assert {a["casus"]["uuid"] for a in agenda} == {str(case.uuid), str(hidden.uuid)}

    outsider = make_actor(role=Role.CASUSREGISSEUR)
    assert client(outsider).get("/api/v1/overleggen").json()["results"] == []
    assert client(outsider).get(f"/api/v1/overleggen/{meeting.uuid}").status_code == 404
