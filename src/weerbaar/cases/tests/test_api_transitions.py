# SPDX-License-Identifier: EUPL-1.2
"""Transitions in a case through the API: steps done, consent given, memberships ended — under If-Match."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.api.services import api_token_issue
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.cases.constants import InterventionStatus, ItemKind
from weerbaar.cases.models import Case, CaseItem, Intervention, ItemConsent, Membership
from weerbaar.cases.services import case_assessment_record, case_close, intervention_add, item_add, membership_add
from weerbaar.cases.tests.factories import make_actor, make_case, make_member_actor, make_organisation, make_owner_actor
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db

URL = "/api/v1/casussen"
NO_ETAG = f'"v1-{"0" * 16}"'


def client(actor: Actor) -> Client:
    assert actor.user is not None
    _token, raw = api_token_issue(user=actor.user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def etag_of(c: Client, url: str) -> str:
    response = c.get(url)
    assert response.status_code == 200, response.content
    return str(response["ETag"])


def post(c: Client, url: str, body: dict[str, Any] | None, etag: str | None) -> Any:
    headers = {"If-Match": etag} if etag is not None else {}
    return c.post(url, body if body is not None else {}, "application/json", headers=headers)


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


def colleague_of(actor: Actor, role: str = Role.CASUSREGISSEUR) -> Actor:
    return make_actor(organisation=actor.organisation, role=role)


def private_partner() -> Actor:
    return make_actor(
        organisation=make_organisation(type=OrganisationType.AGRARISCH), role=Role.PARTNERVERTEGENWOORDIGER
    )


@pytest.fixture
def owner() -> Actor:
    return make_owner_actor()


@pytest.fixture
def case(owner: Actor) -> Case:
    return make_case(owner, title="Loods Moergestel — hennepteelt")


@pytest.fixture
def police(case: Case, owner: Actor) -> Actor:
    return make_member_actor(case, owner=owner)


def test_the_case_itself_carries_its_version_as_etag(owner: Actor, case: Case) -> None:
    etag = etag_of(client(owner), f"{URL}/{case.uuid}")
    assert etag.startswith(f'"v{case.version}-')
    case_assessment_record(actor=owner, case=case, text="Afweging vastgelegd.")
    assert etag_of(client(owner), f"{URL}/{case.uuid}") != etag


# --- Statutory steps of an intervention --------------------------------------------------------------


@pytest.fixture
def intervention(owner: Actor, case: Case) -> Intervention:
    assert owner.organisation is not None
    start = timezone.localdate() - timedelta(days=30)
    return intervention_add(actor=owner, case=case, type="sluiting_13b", owner=owner.organisation, started_on=start)


def intervention_url(case: Case, intervention: Intervention) -> str:
    return f"{URL}/{case.uuid}/interventies/{intervention.uuid}"


def done_on(intervention: Intervention, code: str) -> Any:
    return intervention.steps.get(code=code).done_on


def test_owner_marks_a_statutory_step_done(owner: Actor, case: Case, intervention: Intervention) -> None:
    c = client(owner)
    url = intervention_url(case, intervention)
    detail = c.get(url)
    assert detail.status_code == 200
    assert detail.json()["uuid"] == str(intervention.uuid)
    assert [s["code"] for s in detail.json()["stappen"]][:2] == ["rapportage", "voornemen"]
    day = timezone.localdate() - timedelta(days=3)
    response = post(c, f"{url}/gereedmeldingen", {"stap": "voornemen", "gereedOp": day.isoformat()}, detail["ETag"])
    assert response.status_code == 200, response.content
    steps = {s["code"]: s for s in response.json()["stappen"]}
    assert steps["voornemen"]["gereed"] == day.isoformat()
    # The next term counts from the day the step was done (zienswijze: 14 days).
    assert steps["zienswijze"]["uiterlijk"] == (day + timedelta(days=14)).isoformat()
    assert response["ETag"] != detail["ETag"] and response["ETag"] == etag_of(c, url)
    intervention.refresh_from_db()
    assert intervention.version == 2 and done_on(intervention, "voornemen") == day
    event = AuditEvent.objects.filter(object_uuid=intervention.uuid, action=AuditAction.UPDATE).latest("id")
    assert event.details["step"] == "voornemen"


def test_step_done_defaults_to_today(owner: Actor, case: Case, intervention: Intervention) -> None:
    c = client(owner)
    url = intervention_url(case, intervention)
    response = post(c, f"{url}/gereedmeldingen", {"stap": "rapportage"}, etag_of(c, url))
    assert response.status_code == 200, response.content
    assert done_on(intervention, "rapportage") == timezone.localdate()


def test_step_done_needs_if_match_and_a_current_etag(owner: Actor, case: Case, intervention: Intervention) -> None:
    c, other = client(owner), client(colleague_of(owner))
    url = intervention_url(case, intervention)
    assert problem(post(c, f"{url}/gereedmeldingen", {"stap": "rapportage"}, None), 428)["code"] == "if-match-vereist"
    mine, theirs = etag_of(c, url), etag_of(other, url)
    assert post(c, f"{url}/gereedmeldingen", {"stap": "rapportage"}, mine).status_code == 200
    refused = problem(post(other, f"{url}/gereedmeldingen", {"stap": "voornemen"}, theirs), 412)
    assert refused["code"] == "verouderde-versie"
    intervention.refresh_from_db()
    assert intervention.version == 2
    assert done_on(intervention, "voornemen") is None  # the second client's step was not recorded


def test_step_done_refusals(owner: Actor, case: Case, intervention: Intervention) -> None:
    c = client(owner)
    url = intervention_url(case, intervention)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = post(c, f"{url}/gereedmeldingen", {"stap": "voornemen", "gereedOp": tomorrow}, etag_of(c, url))
    assert response.status_code == 400 and {p["name"] for p in response.json()["invalidParams"]} == {"gereedOp"}
    # A step of another intervention type is not one of this intervention's steps.
    response = post(c, f"{url}/gereedmeldingen", {"stap": "vragenformulier"}, etag_of(c, url))
    assert response.status_code == 400 and {p["name"] for p in response.json()["invalidParams"]} == {"stap"}
    case_close(actor=owner, case=case, reason="Afgerond.", confirm_blocking=True)
    refused = problem(post(c, f"{url}/gereedmeldingen", {"stap": "voornemen"}, etag_of(c, url)), 409)
    assert refused["code"] == "overgang-geweigerd" and refused["detail"]
    intervention.refresh_from_db()
    assert intervention.version == 1 and done_on(intervention, "voornemen") is None


def test_only_the_owner_organisation_marks_steps(
    owner: Actor, case: Case, police: Actor, intervention: Intervention
) -> None:
    url = intervention_url(case, intervention)
    member = client(police)
    etag = etag_of(member, url)  # a member sees the intervention ...
    problem(post(member, f"{url}/gereedmeldingen", {"stap": "rapportage"}, etag), 404)  # ... but it is not theirs
    outsider = client(make_actor(role=Role.CASUSREGISSEUR))
    problem(outsider.get(url), 404)
    problem(post(outsider, f"{url}/gereedmeldingen", {"stap": "rapportage"}, etag), 404)
    problem(post(client(private_partner()), f"{url}/gereedmeldingen", {"stap": "rapportage"}, etag), 404)
    intervention.refresh_from_db()
    assert intervention.version == 1 and intervention.status == InterventionStatus.LOPEND
    assert done_on(intervention, "rapportage") is None


# --- Consent on an item ---------------------------------------------------------------------------------


@pytest.fixture
def item(owner: Actor, case: Case, police: Actor) -> CaseItem:
    case_assessment_record(actor=owner, case=case, text="Afweging vastgelegd.")
    assert owner.organisation is not None
    return item_add(
        actor=police,
        case=case,
        kind=ItemKind.BEVINDING,
        title="Bevinding wijkagent",
        body="Stroomverbruik afwijkend.",
        regime=LegalRegime.WPG,
        consent_required=True,
        consent_to=[owner.organisation],
    )


def item_url(item: CaseItem) -> str:
    return f"{URL}/{item.case.uuid}/stukken/{item.uuid}"


def test_the_supplier_sees_its_consents_others_do_not(owner: Actor, police: Actor, item: CaseItem) -> None:
    mine = client(police).get(item_url(item))
    assert mine.status_code == 200 and mine["ETag"].startswith('"v')
    assert [c["organisatie"]["uuid"] for c in mine.json()["toestemmingen"]] == [str(owner.organisation.uuid)]  # type: ignore[union-attr]
    theirs = client(owner).get(item_url(item))
    assert theirs.status_code == 200 and theirs.json()["toestemmingen"] is None
    assert AuditEvent.objects.filter(object_uuid=item.uuid, action=AuditAction.READ).count() == 2


def test_supplier_consents_to_a_member_and_to_export(owner: Actor, case: Case, police: Actor, item: CaseItem) -> None:
    tax = make_member_actor(case, owner=owner, org_type=OrganisationType.BELASTINGDIENST)
    assert tax.organisation is not None
    problem(client(tax).get(item_url(item)), 404)  # not shown to tax yet
    c = client(police)
    before = etag_of(c, item_url(item))
    response = post(c, f"{item_url(item)}/toestemmingen", {"organisatie": str(tax.organisation.uuid)}, before)
    assert response.status_code == 200, response.content
    assert {x["organisatie"]["naam"] for x in response.json()["toestemmingen"]} == {
        owner.organisation.name,  # type: ignore[union-attr]
        tax.organisation.name,
    }
    assert response["ETag"] != before
    assert client(tax).get(item_url(item)).status_code == 200
    assert AuditEvent.objects.filter(object_uuid=item.uuid, action=AuditAction.DISCLOSE).count() == 2
    # Asking again changes nothing: the same answer, the same version.
    again = post(c, f"{item_url(item)}/toestemmingen", {"organisatie": str(tax.organisation.uuid)}, response["ETag"])
    assert again.status_code == 200 and again["ETag"] == response["ETag"]
    exported = post(c, f"{item_url(item)}/toestemmingen", {"export": True}, response["ETag"])
    assert exported.status_code == 200, exported.content
    assert any(x["export"] for x in exported.json()["toestemmingen"])
    assert ItemConsent.objects.filter(item=item, export=True).count() == 1


def test_consent_needs_if_match_and_the_second_client_loses(owner: Actor, police: Actor, item: CaseItem) -> None:
    c, other = client(police), client(colleague_of(police, Role.PARTNERVERTEGENWOORDIGER))
    url = f"{item_url(item)}/toestemmingen"
    problem(post(c, url, {"export": True}, None), 428)
    mine, theirs = etag_of(c, item_url(item)), etag_of(other, item_url(item))
    assert post(c, url, {"organisatie": str(owner.organisation.uuid)}, mine).status_code == 200  # type: ignore[union-attr]
    assert mine == theirs  # consenting again to the same organisation changed nothing
    assert post(c, url, {"export": True}, mine).status_code == 200
    problem(post(other, url, {"export": True}, theirs), 412)
    problem(post(other, url, {"export": True}, NO_ETAG), 412)
    assert ItemConsent.objects.filter(item=item, export=True).count() == 1


def test_consent_refusals(owner: Actor, case: Case, police: Actor, item: CaseItem) -> None:
    c = client(police)
    url = f"{item_url(item)}/toestemmingen"
    etag = etag_of(c, item_url(item))
    nobody = make_organisation()  # not a member of the case
    private = make_organisation(type=OrganisationType.BEVEILIGING)
    for body in (
        {"organisatie": str(nobody.uuid)},
        {"organisatie": str(private.uuid)},
        {"organisatie": str(police.organisation.uuid)},  # type: ignore[union-attr]
        {"organisatie": str(owner.organisation.uuid), "export": True},  # type: ignore[union-attr]
        {},
    ):
        response = post(c, url, body, etag)
        assert response.status_code == 400, (body, response.content)
        assert {p["name"] for p in response.json()["invalidParams"]} == {"organisatie"}
    # The supplier alone consents; another member may see the item but cannot consent.
    problem(post(client(owner), url, {"export": True}, etag), 404)
    problem(post(client(make_actor(role=Role.CASUSREGISSEUR)), url, {"export": True}, etag), 404)
    problem(post(client(private_partner()), url, {"export": True}, etag), 404)
    assert ItemConsent.objects.filter(item=item).count() == 1  # the one given when the item was added
    assert etag_of(c, item_url(item)) == etag


def test_no_consent_in_a_closed_case(owner: Actor, case: Case, police: Actor) -> None:
    item = item_add(
        actor=police,
        case=case,
        kind=ItemKind.NOTITIE,
        title="Notitie",
        body="",
        regime=LegalRegime.AVG,
        consent_required=True,
    )
    c = client(police)
    etag = etag_of(c, item_url(item))
    case_close(actor=owner, case=case, reason="Afgerond.", confirm_blocking=True)
    refused = problem(post(c, f"{item_url(item)}/toestemmingen", {"export": True}, etag), 409)
    assert refused["code"] == "overgang-geweigerd"
    assert not ItemConsent.objects.filter(item=item).exists()


# --- Ending a membership -------------------------------------------------------------------------------


def membership_url(case: Case, membership: Membership) -> str:
    return f"{URL}/{case.uuid}/deelnemers/{membership.uuid}"


def membership_of(case: Case, actor: Actor) -> Membership:
    return Membership.objects.get(case=case, organisation=actor.organisation, user__isnull=True)


def test_owner_ends_a_membership(owner: Actor, case: Case, police: Actor) -> None:
    c = client(owner)
    membership = membership_of(case, police)
    url = membership_url(case, membership)
    etag = etag_of(c, url)
    assert client(police).get(f"{URL}/{case.uuid}").status_code == 200
    response = post(c, f"{url}/beeindiging", None, etag)
    assert response.status_code == 200, response.content
    assert response.json()["lidTot"] == (timezone.localdate() - timedelta(days=1)).isoformat()
    assert response["ETag"] != etag
    membership.refresh_from_db()
    assert membership.version == 2
    # Access ends at once, and the ended membership is no longer a member resource.
    problem(client(police).get(f"{URL}/{case.uuid}"), 404)
    problem(c.get(url), 404)
    assert AuditEvent.objects.filter(object_uuid=membership.uuid, action=AuditAction.UPDATE).exists()


def test_ending_needs_if_match_and_the_second_client_loses(owner: Actor, case: Case, police: Actor) -> None:
    c, other = client(owner), client(colleague_of(owner))
    membership = membership_of(case, police)
    url = membership_url(case, membership)
    problem(post(c, f"{url}/beeindiging", None, None), 428)
    etag = etag_of(c, url)
    problem(post(other, f"{url}/beeindiging", None, NO_ETAG.replace("v1", "v7")), 412)
    theirs = etag_of(other, url)
    assert theirs == etag
    assert post(c, f"{url}/beeindiging", {}, etag).status_code == 200
    # The membership has ended: for the second client it is gone, whatever ETag it holds.
    problem(post(other, f"{url}/beeindiging", None, theirs), 404)
    # Invited again, it is a member resource once more, in a newer version: the old ETag loses.
    membership_add(actor=owner, case=case, organisation=police.organisation)  # type: ignore[arg-type]
    membership.refresh_from_db()
    assert membership.version == 3 and membership.ends_on is None
    problem(post(other, f"{url}/beeindiging", None, theirs), 412)
    membership.refresh_from_db()
    assert membership.version == 3 and membership.ends_on is None


def test_ending_refusals(owner: Actor, case: Case, police: Actor) -> None:
    c = client(owner)
    own = membership_of(case, owner)
    etag = etag_of(c, membership_url(case, own))
    refused = problem(post(c, f"{membership_url(case, own)}/beeindiging", None, etag), 409)
    assert refused["detail"]
    url = membership_url(case, membership_of(case, police))
    etag = etag_of(c, url)
    response = post(c, f"{url}/beeindiging", {"reden": "x"}, etag)
    assert response.status_code == 400 and {p["name"] for p in response.json()["invalidParams"]} == {"reden"}
    # Only the directing organisation ends memberships; everybody else finds nothing there.
    for actor in (police, make_actor(role=Role.CASUSREGISSEUR), private_partner()):
        problem(post(client(actor), f"{url}/beeindiging", None, etag), 404)
    assert membership_of(case, police).ends_on is None
    assert own.ends_on is None and Membership.objects.get(pk=own.pk).version == 1
