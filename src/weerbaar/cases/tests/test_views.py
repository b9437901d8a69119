# SPDX-License-Identifier: EUPL-1.2
"""The case pages: need-to-know 404s, the access request, stale saves, consent as seen through the page."""

from typing import Any

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.cases import services
from weerbaar.cases.constants import AccessRequestStatus, CaseStatus
from weerbaar.cases.models import AccessRequest, Case
from weerbaar.cases.tests.factories import make_case
from weerbaar.cases.views._shared import STALE_MESSAGE
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_org: Any, make_user: Any) -> dict[str, Any]:
    gemeente = make_org("Gemeente Casus", OrganisationType.GEMEENTE)
    politie = make_org("Politie Casus", OrganisationType.POLITIE)
    fiscus = make_org("Belastingdienst Casus", OrganisationType.BELASTINGDIENST)
    regisseur = make_user(organisation=gemeente, role=Role.CASUSREGISSEUR, username="regisseur.casus")
    agent = make_user(organisation=politie, role=Role.PARTNERVERTEGENWOORDIGER, username="agent.casus")
    inspecteur = make_user(organisation=fiscus, role=Role.PARTNERVERTEGENWOORDIGER, username="inspecteur.casus")
    owner = actor_for(user=regisseur)
    case = make_case(owner, title="Loods Biezenmortel — hennepteelt", phenomena=["hennepteelt"])
    services.membership_add(actor=owner, case=case, organisation=politie)
    return {
        "case": case,
        "owner": owner,
        "police": actor_for(user=agent),
        "fiscus_org": fiscus,
        "clients": {
            "owner": verified_client(regisseur),
            "police": verified_client(agent),
            "outsider": verified_client(inspecteur),
        },
    }


def _fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def test_member_sees_the_case_and_the_read_is_audited(world: dict[str, Any]) -> None:
    case = world["case"]
    response = world["clients"]["police"].get(reverse("cases:detail", kwargs={"uuid": case.uuid}))
    assert response.status_code == 200
    assert case.title in response.content.decode()
    assert AuditEvent.objects.filter(action="read", object_uuid=case.uuid).exists()


def test_non_member_gets_404_everywhere_and_no_title(world: dict[str, Any]) -> None:
    case = world["case"]
    client = world["clients"]["outsider"]
    assert client.get(reverse("cases:detail", kwargs={"uuid": case.uuid})).status_code == 404
    # The report needs cases.manage, which a partner representative lacks: refused before any lookup.
    assert client.get(reverse("cases:report", kwargs={"uuid": case.uuid})).status_code == 403
    for name in ("cases:item_add", "cases:intervention_add", "cases:assessment"):
        assert client.post(reverse(name, kwargs={"uuid": case.uuid}), {"version": 1}).status_code in (403, 404)
    listing = client.get(reverse("cases:list")).content.decode()
    assert case.title not in listing


def test_member_without_direction_cannot_direct(world: dict[str, Any]) -> None:
    case = world["case"]
    url = reverse("cases:assessment", kwargs={"uuid": case.uuid})
    # A partner representative holds no cases.manage: refused at the function level.
    assert world["clients"]["police"].post(url, {"text": "x", "version": case.version}).status_code == 403


def test_access_request_reveals_nothing_and_the_owner_decides(world: dict[str, Any]) -> None:
    case = world["case"]
    client = world["clients"]["outsider"]
    url = reverse("cases:access_request", kwargs={"uuid": case.uuid})
    page = client.get(url).content.decode()
    assert case.title not in page and str(case.number) not in page and "Gemeente Casus" not in page
    # The same answer for a UUID that names no case.
    unknown = reverse("cases:access_request", kwargs={"uuid": "00000000-0000-4000-8000-000000000000"})
    assert client.post(unknown, {"reason": "Treffer"}).status_code == 302
    assert client.post(url, {"reason": "Treffer in ons dossier."}).status_code == 302
    request = AccessRequest.objects.get(case=case)
    assert request.status == AccessRequestStatus.OPEN

    owner = world["clients"]["owner"]
    detail = owner.get(reverse("cases:detail", kwargs={"uuid": case.uuid})).content.decode()
    assert "Treffer in ons dossier." in detail
    decide = reverse("cases:access_decide", kwargs={"uuid": case.uuid, "request_uuid": request.uuid})
    response = owner.post(decide, {"grant": "ja", "reason": "Fiscale invalshoek.", "version": _fresh(case).version})
    assert response.status_code == 302
    assert client.get(reverse("cases:detail", kwargs={"uuid": case.uuid})).status_code == 200


def test_stale_version_is_refused_and_nothing_is_overwritten(world: dict[str, Any]) -> None:
    case = world["case"]
    client = world["clients"]["owner"]
    loaded = _fresh(case).version
    url = reverse("cases:assessment", kwargs={"uuid": case.uuid})
    assert client.post(url, {"text": "Eerste afweging.", "version": loaded}).status_code == 302
    response = client.post(url, {"text": "Tweede afweging.", "version": loaded})
    assert response.status_code == 409
    assert str(STALE_MESSAGE) in response.content.decode()
    assert _fresh(case).assessment == "Eerste afweging."


def test_transition_moves_one_step(world: dict[str, Any]) -> None:
    case = world["case"]
    url = reverse("cases:transition", kwargs={"uuid": case.uuid})
    response = world["clients"]["owner"].post(
        url, {"to_status": CaseStatus.HIT_NO_HIT, "reason": "Uitvraag partners.", "version": _fresh(case).version}
    )
    assert response.status_code == 302
    assert _fresh(case).status == CaseStatus.HIT_NO_HIT


def test_consent_required_item_is_hidden_until_the_supplier_consents(world: dict[str, Any]) -> None:
    case = world["case"]
    police_client, owner_client = world["clients"]["police"], world["clients"]["owner"]
    add = reverse("cases:item_add", kwargs={"uuid": case.uuid})
    response = police_client.post(
        add,
        {
            "kind": "bevinding",
            "title": "Stroomverbruik verdacht",
            "regime": "wpg",
            "consent_required": "on",
            "version": _fresh(case).version,
        },
    )
    assert response.status_code == 302
    detail = reverse("cases:detail", kwargs={"uuid": case.uuid})
    own_view = police_client.get(detail).content.decode()
    assert "Stroomverbruik verdacht" in own_view and 'data-testid="consent-badge"' in own_view
    assert "Stroomverbruik verdacht" not in owner_client.get(detail).content.decode()

    item = case.items.get()
    consent = reverse("cases:consent", kwargs={"uuid": case.uuid, "item_uuid": item.uuid})
    gemeente = str(world["owner"].organisation.uuid)
    # Police data also need the proportionality assessment before other members see them.
    services.case_assessment_record(actor=world["owner"], case=_fresh(case), text="Noodzakelijk.")
    assert police_client.post(consent, {"to": gemeente, "version": _fresh(case).version}).status_code == 302
    assert "Stroomverbruik verdacht" in owner_client.get(detail).content.decode()
    # The owner cannot consent on the supplier's behalf: it never gets the form, and a forged post is refused.
    forged = owner_client.post(consent, {"to": "export", "version": _fresh(case).version})
    assert forged.status_code in (403, 404)


def test_programme_suppresses_small_numbers(world: dict[str, Any], make_user: Any, make_org: Any) -> None:
    """The programme view is a section of the situational picture; its old address leads there."""
    riec = make_org("RIEC Casus", OrganisationType.RIEC)
    manager = make_user(organisation=riec, role=Role.PROGRAMMAMANAGER, username="programma.casus")
    client = verified_client(manager)
    response = client.get(reverse("cases:programme"))
    assert response.status_code == 302 and response["Location"] == reverse("insights:dashboard") + "#programma"
    page = client.get(reverse("insights:dashboard")).content.decode()
    assert 'id="programma"' in page and 'data-testid="others-total"' in page
    assert world["case"].title not in page
    assert "&lt; 5" in page
    assert AuditEvent.objects.filter(action="search", object_type="cases.case", details__view="programma").exists()
    # A case director has no programme section.
    director = verified_client(make_user(organisation=riec, role=Role.CASUSREGISSEUR, username="regie.casus"))
    assert 'id="programma"' not in director.get(reverse("insights:dashboard")).content.decode()


def test_create_case_from_a_signal_link(world: dict[str, Any]) -> None:
    client = world["clients"]["owner"]
    assert client.get(reverse("cases:create") + "?melding=not-a-uuid").status_code == 200
    response = client.post(
        reverse("cases:create"),
        {"title": "Woning Udenhout — adresfraude", "phenomena": ["adresfraude"], "classification": "vertrouwelijk"},
    )
    assert response.status_code == 302
    assert Case.objects.filter(title="Woning Udenhout — adresfraude").exists()


def test_meeting_minutes_carry_classification_and_decision(world: dict[str, Any]) -> None:
    case = world["case"]
    client = world["clients"]["owner"]
    response = client.post(
        reverse("cases:meeting_create"), {"kind": "casusoverleg", "date": "2026-03-16", "cases": [str(case.uuid)]}
    )
    assert response.status_code == 302
    meeting_url = response["Location"]
    decision = reverse("cases:meeting_decision", kwargs={"uuid": meeting_url.rstrip("/").split("/")[-1]})
    police_org = str(world["police"].organisation.uuid)
    response = client.post(
        decision,
        {
            "case": str(case.uuid),
            "decision": "Sluiting 13b voorbereiden.",
            "action_1": "Bestuurlijke rapportage opstellen",
            "action_1_owner": police_org,
            "action_1_due": "2026-03-30",
        },
    )
    assert response.status_code == 302
    page = client.get(meeting_url).content.decode()
    assert "Sluiting 13b voorbereiden." in page and 'data-testid="classification"' in page
    assert "Bestuurlijke rapportage opstellen" in page
    # The outsider's organisation is no member: the meeting does not exist for it.
    assert world["clients"]["outsider"].get(meeting_url).status_code == 404


def _intervention(world: dict[str, Any]) -> Any:
    return services.intervention_add(
        actor=world["owner"], case=_fresh(world["case"]), type="bibob", owner=world["owner"].organisation
    )


def test_a_step_is_marked_done_on_its_own_page(world: dict[str, Any]) -> None:
    case, owner_client = world["case"], world["clients"]["owner"]
    intervention = _intervention(world)
    step = intervention.steps.order_by("pk").first()
    assert step is not None
    url = reverse(
        "cases:step_done", kwargs={"uuid": case.uuid, "intervention_uuid": intervention.uuid, "code": step.code}
    )
    # The case page links to the step's page instead of holding a form per step.
    detail = owner_client.get(reverse("cases:detail", kwargs={"uuid": case.uuid})).content.decode()
    assert f'href="{url}"' in detail and 'name="done_on"' not in detail
    page = owner_client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert step.label in body and 'name="done_on"' in body and f'action="{url}"' in body
    # A refused POST shows the step's page again with the error, not the case page.
    refused = owner_client.post(url, {"done_on": "gisteren", "version": _fresh(case).version})
    assert refused.status_code == 200
    assert (
        'data-testid="action-about"' in refused.content.decode() and 'aria-invalid="true"' in refused.content.decode()
    )
    # A stale form is refused (409) there too, and nothing is saved.
    stale = owner_client.post(url, {"done_on": "2026-03-05", "version": _fresh(case).version - 1})
    assert stale.status_code == 409 and str(STALE_MESSAGE) in stale.content.decode()
    step.refresh_from_db()
    assert step.done_on is None
    assert owner_client.post(url, {"done_on": "2026-03-05", "version": _fresh(case).version}).status_code == 302
    step.refresh_from_db()
    assert step.done_on is not None
    # Done: the page no longer offers the form.
    assert 'data-testid="action-unavailable"' in owner_client.get(url).content.decode()
    # A member whose organisation does not carry it out sees no form; a non-member gets 404.
    assert 'name="done_on"' not in world["clients"]["police"].get(url).content.decode()
    assert world["clients"]["outsider"].get(url).status_code == 404


def test_the_result_is_recorded_on_its_own_page(world: dict[str, Any]) -> None:
    case, owner_client = world["case"], world["clients"]["owner"]
    intervention = _intervention(world)
    url = reverse("cases:result", kwargs={"uuid": case.uuid, "intervention_uuid": intervention.uuid})
    detail = owner_client.get(reverse("cases:detail", kwargs={"uuid": case.uuid})).content.decode()
    assert f'href="{url}"' in detail and 'name="result_note"' not in detail
    body = owner_client.get(url).content.decode()
    assert 'name="result_note"' in body and intervention.legal_basis in body
    response = owner_client.post(
        url, {"status": "afgerond", "result_note": "Vergunning geweigerd.", "version": _fresh(case).version}
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.result_note == "Vergunning geweigerd."
    detail = owner_client.get(reverse("cases:detail", kwargs={"uuid": case.uuid})).content.decode()
    result = detail[detail.index('data-testid="intervention-result"') :]
    assert "Vergunning geweigerd." in result[: result.index("</p>")]
    police = world["clients"]["police"].get(url)
    assert police.status_code == 200 and 'data-testid="action-unavailable"' in police.content.decode()


def test_an_access_request_is_decided_on_its_own_page(world: dict[str, Any]) -> None:
    case = world["case"]
    outsider, owner = world["clients"]["outsider"], world["clients"]["owner"]
    outsider.post(reverse("cases:access_request", kwargs={"uuid": case.uuid}), {"reason": "Treffer op de loods."})
    request = AccessRequest.objects.get(case=case)
    url = reverse("cases:access_decide", kwargs={"uuid": case.uuid, "request_uuid": request.uuid})
    detail = owner.get(reverse("cases:detail", kwargs={"uuid": case.uuid})).content.decode()
    assert f'href="{url}"' in detail and 'name="grant"' not in detail
    body = owner.get(url).content.decode()
    assert "Treffer op de loods." in body and "Belastingdienst Casus" in body and 'name="grant"' in body
    # Without a reason the page is shown again with the error; nothing is decided.
    refused = owner.post(url, {"grant": "ja", "reason": "", "version": _fresh(case).version})
    assert refused.status_code == 200 and "Treffer op de loods." in refused.content.decode()
    assert AccessRequest.objects.get(pk=request.pk).status == AccessRequestStatus.OPEN
    # A member without direction is refused at the function level.
    assert world["clients"]["police"].get(url).status_code == 403
    assert owner.post(url, {"grant": "nee", "reason": "Geen rol.", "version": _fresh(case).version}).status_code == 302
    # Decided: the page sends back to the case.
    assert owner.get(url).status_code == 302


def test_consent_is_given_on_the_items_own_page(world: dict[str, Any]) -> None:
    case = world["case"]
    police_client, owner_client = world["clients"]["police"], world["clients"]["owner"]
    item = services.item_add(
        actor=world["police"],
        case=_fresh(case),
        kind="bevinding",
        title="Stroomverbruik verdacht",
        body="",
        regime="avg",
        consent_required=True,
    )
    url = reverse("cases:consent", kwargs={"uuid": case.uuid, "item_uuid": item.uuid})
    body = police_client.get(url).content.decode()
    assert "Stroomverbruik verdacht" in body and 'name="to"' in body
    refused = police_client.post(url, {"to": "", "version": _fresh(case).version})
    assert refused.status_code == 200 and 'aria-invalid="true"' in refused.content.decode()
    gemeente = str(world["owner"].organisation.uuid)
    assert police_client.post(url, {"to": gemeente, "version": _fresh(case).version}).status_code == 302
    # The other member may see the item now, but never gets the supplier's form or its list of consents.
    other = owner_client.get(url).content.decode()
    assert 'name="to"' not in other and 'data-testid="action-unavailable"' in other
