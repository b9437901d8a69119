# SPDX-License-Identifier: EUPL-1.2
"""The joint-action pages: embargo, need-to-know, the partners' narrower view, hits without content, the
finding form's idempotency key, the debrief's suppression. Asserted on the rendered HTML."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from weerbaar.accounts.models import User
from weerbaar.actions.constants import LegalDomain, LocationReason, Severity
from weerbaar.actions.models import Finding
from weerbaar.actions.services import finding_record, selection_draw
from weerbaar.actions.tests.factories import (
    first_location,
    make_operation,
    make_partner_actor,
    make_planner,
    make_running,
)
from weerbaar.cases.services import case_close
from weerbaar.cases.tests.factories import make_case
from weerbaar.core.policy import Actor
from weerbaar.correlation.constants import SubjectKind
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.signals.constants import LocationKind
from weerbaar.signals.tests.factories import AMSTERDAM_POINT, make_signal

pytestmark = pytest.mark.django_db

PREMISES_ADDRESS = {"street": "Industrieweg", "house_number": "3", "postcode": "5048 AA", "city": "Tilburg"}


def client_of(actor: Actor) -> Client:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = actor.user
    assert isinstance(user, User)
    TOTPDevice.objects.get_or_create(user=user, name="authenticator", confirmed=True)
    return verified_client(user)


def test_list_and_detail_show_the_action_to_its_members_only(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner, title="Integrale controle De Loven")
    url = reverse("actions:detail", kwargs={"uuid": operation.uuid})
    response = client_of(planner).get(reverse("actions:list"))
    assert "Integrale controle De Loven" in response.content.decode()
    assert client_of(planner).get(url).status_code == 200
    outsider = make_planner()
    assert client_of(outsider).get(url).status_code == 404
    assert "Integrale controle De Loven" not in client_of(outsider).get(reverse("actions:list")).content.decode()


def test_participants_see_the_action_from_its_first_day(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(
        planner, starts_on=timezone.localdate() + timedelta(days=2), title="Actiedag Biezenmortel"
    )
    police = make_partner_actor(operation, planner)
    client = client_of(police)
    url = reverse("actions:detail", kwargs={"uuid": operation.uuid})
    assert client.get(url).status_code == 404
    assert "Actiedag Biezenmortel" not in client.get(reverse("actions:list")).content.decode()
    operation.starts_on = timezone.localdate()
    operation.save(update_fields=["starts_on"])
    assert client.get(url).status_code == 200


def test_create_page_plans_an_action(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    client = client_of(planner)
    today = timezone.localdate()
    response = client.post(
        reverse("actions:create"),
        {
            "kind": "actiedag",
            "title": "Actiedag buitengebied Noord",
            "starts_on": str(today),
            "ends_on": str(today + timedelta(days=1)),
            "project_leader": str(planner.user.uuid),  # type: ignore[union-attr]
            "municipalities": ["GM0855"],
            "partnership": "",
            "area_description": "Buitengebied",
            "objectives": "",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Actiedag buitengebied Noord" in detail and "Tilburg" in detail


def test_finding_form_records_once_however_often_it_is_sent(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    location = first_location(operation)
    client = client_of(police)
    url = reverse("actions:finding_create", kwargs={"uuid": operation.uuid, "location_uuid": location.uuid})
    page = client.get(url)
    form = page.context["form"]
    key = form["idempotency_key"].value()
    assert key and f'value="{key}"' in page.content.decode()
    partner = form.fields["partner"].choices[0][0]
    data = {
        "idempotency_key": key,
        "partner": partner,
        "checked": "Hennepkwekerij in de achterruimte",
        "compliant": "nee",
        "legal_ground": "",
        "severity": Severity.HOOG,
        "sanction": "inbeslagname",
        "notes": "",
    }
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "er is niets toegevoegd" in second.content.decode() or "nothing was added" in second.content.decode()
    assert Finding.objects.filter(operation=operation).count() == 1
    # A new render of the form carries a new key.
    assert client.get(url).context["form"]["idempotency_key"].value() != key


def test_a_partner_reads_only_its_own_findings_on_the_pages(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    tax = make_partner_actor(operation, planner, org_type=OrganisationType.BELASTINGDIENST, domain=LegalDomain.FISCAAL)
    make_running(operation, planner)
    location = first_location(operation)
    finding_record(
        actor=police,
        operation=operation,
        location=location,
        domain=LegalDomain.POLITIE,
        checked="Aanwezige personen",
        compliant=True,
        idempotency_key="p",
    )
    theirs = finding_record(
        actor=tax,
        operation=operation,
        location=location,
        domain=LegalDomain.FISCAAL,
        checked="Kasadministratie ontbreekt",
        compliant=False,
        severity=Severity.MIDDEN,
        idempotency_key="t",
    ).finding
    url = reverse("actions:location", kwargs={"uuid": operation.uuid, "location_uuid": location.uuid})
    police_page = client_of(police).get(url).content.decode()
    assert "Aanwezige personen" in police_page and "Kasadministratie ontbreekt" not in police_page
    assert "Kasadministratie ontbreekt" in client_of(planner).get(url).content.decode()
    finding_url = reverse("actions:finding", kwargs={"uuid": operation.uuid, "finding_uuid": theirs.uuid})
    assert client_of(police).get(finding_url).status_code == 404
    debrief = client_of(police).get(reverse("actions:debrief", kwargs={"uuid": operation.uuid})).content.decode()
    assert "&lt; 5" in debrief and 'data-testid="suppressed-note"' in debrief
    exact = client_of(planner).get(reverse("actions:debrief", kwargs={"uuid": operation.uuid})).content.decode()
    assert 'data-testid="findings-total">2<' in exact


def test_a_hit_elsewhere_shows_who_to_ask_never_the_content(
    tilburg: Organisation, make_org: Callable[..., Organisation]
) -> None:
    amsterdam = make_org(
        "Gemeente Ander", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0363")
    )
    planner = make_planner(tilburg)
    mine = make_signal(
        planner,
        location_kind=LocationKind.ADRES,
        street="Industrieweg",
        house_number="3",
        postcode="5048AA",
        city="Tilburg",
        point=(Decimal("51.5890"), Decimal("5.0560")),
        subjects=[{"kind": SubjectKind.ADRES, **PREMISES_ADDRESS}],
    )
    # The same premises named in a signal at another municipality's intake, which the planner may not read.
    hidden = make_signal(
        make_planner(amsterdam),
        point=AMSTERDAM_POINT,
        description="Geheime waarneming: busjes met vaten bij het pand van de buurman.",
        subjects=[{"kind": SubjectKind.ADRES, **PREMISES_ADDRESS}],
    )
    operation = make_operation(planner)
    client = client_of(planner)
    page = client.get(reverse("actions:selection", kwargs={"uuid": operation.uuid}))
    html = page.content.decode()
    assert "Gemeente Ander" in html and 'data-testid="hit"' in html
    assert 'data-testid="hidden-hits"' in html and page.context["candidates"].hidden_hits == 1
    assert hidden.number not in html and "Geheime waarneming" not in html
    candidate = next(c for c in page.context["candidates"] if c.hits)
    assert candidate.reason == LocationReason.CORRELATION
    assert candidate.hits[0]["organisation"] == "Gemeente Ander"
    assert mine.number in html  # the planner's own source is shown
    # Drawn into the action, a location keeps the hit as kind and organisation only.
    selection_draw(actor=planner, operation=operation, chosen=[candidate.key], random_share=0)
    location = first_location(operation)
    assert location.hits == [{"kind": "melding", "organisation": "Gemeente Ander"}]
    police = make_partner_actor(operation, planner)
    url = reverse("actions:location", kwargs={"uuid": operation.uuid, "location_uuid": location.uuid})
    police_html = client_of(police).get(url).content.decode()
    assert "Gemeente Ander" in police_html
    assert hidden.number not in police_html and "Geheime waarneming" not in police_html
    # The partner may not read the planner's own signal either: only that there is a source, and where.
    assert mine.number not in police_html and 'data-testid="source"' in police_html


def test_the_selection_page_shows_the_seed(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    client = client_of(planner)
    url = reverse("actions:selection", kwargs={"uuid": operation.uuid})
    response = client.post(
        url,
        {
            "premises": "Havenstraat 2, 5048 AB Tilburg\nHavenstraat 4, 5048 AB Tilburg",
            "random_share": "50",
            "seed": "99",
        },
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "99" in html and 'data-testid="seed"' in html
    assert operation.locations.count() == 1


def test_the_audit_trail_names_an_action_by_reference_linked_for_members_only(tilburg: Organisation) -> None:
    from weerbaar.audit.describers import audit_objects_describe

    planner = make_planner(tilburg)
    operation = make_operation(planner, title="Integrale controle De Loven")
    ref = ("actions.operation", operation.uuid)
    mine = audit_objects_describe(actor=planner, refs=[ref])[ref]
    theirs = audit_objects_describe(actor=make_planner(), refs=[ref])[ref]
    assert "De Loven" not in str(mine) and "De Loven" not in str(theirs)
    assert mine.url == reverse("actions:detail", args=[operation.uuid]) and theirs.url is None


def test_a_follow_up_offers_only_open_cases(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    finding = finding_record(
        actor=police,
        operation=operation,
        location=first_location(operation),
        domain=LegalDomain.POLITIE,
        checked="Aanwezige personen",
        compliant=False,
        idempotency_key="k",
    ).finding
    running = make_case(planner, title="Loods Kraaiven — lopend")
    closed = make_case(planner, title="Loods Kraaiven — afgesloten")
    case_close(actor=planner, case=closed, reason="Afgerond")
    url = reverse("actions:follow_up_create", kwargs={"uuid": operation.uuid, "finding_uuid": finding.uuid})
    choices = dict(client_of(planner).get(url).context["form"].fields["case"].choices)
    # A closed case takes no new intervention, so the form does not offer it.
    assert str(running.uuid) in choices
    assert str(closed.uuid) not in choices
