# SPDX-License-Identifier: EUPL-1.2
"""The briefing pack, the debrief report and the public summary: rendered, read back as a reader's tools
read them, scoped like the pages and audited as exports."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import verified_client
from tests.pdf import assert_tagged_and_marked, assert_words_fit, pdf_text
from weerbaar.accounts.models import User
from weerbaar.actions import documents, services
from weerbaar.actions.constants import LegalDomain, OperationStatus, Sanction, Severity
from weerbaar.actions.models import Operation
from weerbaar.actions.tests.factories import (
    make_operation,
    make_partner_actor,
    make_planner,
)
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.core.policy import Actor
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation

#: Enough premises that the locations table runs over more than one page.
MANY = "\n".join(f"Industrieweg {n}, 5048 AA Tilburg" for n in range(1, 121))


@pytest.fixture
def action(tilburg: Organisation) -> tuple[Operation, Actor, Actor]:
    planner = make_planner(tilburg)
    operation = make_operation(planner, title="Integrale controle bedrijventerrein Loven")
    police = make_partner_actor(operation, planner)
    services.selection_draw(
        actor=planner, operation=operation, chosen=[], premises=services.premises_parse(MANY), random_share=60, seed=7
    )
    services.operation_partner_add(
        actor=planner, operation=operation, organisation=tilburg, domain=LegalDomain.BOUW, legal_basis="Woningwet"
    )
    services.operation_transition(actor=planner, operation=operation, to_status=OperationStatus.BRIEFED)
    for n, location in enumerate(operation.locations.all()[:7]):
        services.finding_record(
            actor=police,
            operation=operation,
            location=location,
            domain=LegalDomain.POLITIE,
            checked="Verblijf en identiteit",
            compliant=n % 2 == 0,
            severity=Severity.GEEN if n % 2 == 0 else Severity.MIDDEN,
            sanction=Sanction.GEEN if n % 2 == 0 else Sanction.BOETE,
            idempotency_key=f"doc-{n}",
        )
    return operation, planner, police


def test_briefing_pack_has_partners_roles_safety_and_every_location(action: tuple[Operation, Actor, Actor]) -> None:
    operation, planner, _police = action
    pdf = documents.briefing_pack_pdf(actor=planner, operation=operation)
    pages = assert_tagged_and_marked(pdf, classification="Vertrouwelijk")
    assert pages >= 2
    assert_words_fit(pdf)
    text = pdf_text(pdf)
    assert "Veiligheidsinstructies" in text and "Woningwet" in text and "Eigen bevoegdheid" in text
    for location in operation.locations.all():
        assert location.address in text
    assert "seed 7" in text
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_uuid=operation.uuid).count() == 1


def test_debrief_report_is_exact_for_planners_and_suppressed_for_partners(
    action: tuple[Operation, Actor, Actor],
) -> None:
    operation, planner, police = action
    exact = pdf_text(documents.debrief_report_pdf(actor=planner, operation=operation))
    assert "Bevindingen 7" in exact and "Niet getoond" not in exact
    partner = documents.debrief_report_pdf(actor=police, operation=operation)
    assert_tagged_and_marked(partner, classification="Vertrouwelijk")
    text = pdf_text(partner)
    # 7 findings may be shown to a partner; the 3 fines on the spot, one row of fewer than 5, may not.
    assert "Bevindingen 7" in text
    assert "Sancties ter plaatse Niet getoond" in text


def test_public_summary_shows_only_rounded_aggregates_and_no_address(action: tuple[Operation, Actor, Actor]) -> None:
    operation, planner, police = action
    pdf = documents.public_summary_pdf(actor=planner, operation=operation)
    assert_tagged_and_marked(pdf, classification="Openbaar")
    text = pdf_text(pdf)
    assert "Industrieweg" not in text and "5048" not in text
    assert police.organisation.name not in text  # type: ignore[union-attr]
    assert "Bevindingen 5" in text  # 7 rounded to 5 under the public rules
    assert "Gemeente" not in text.split("Resultaten")[1]  # no partner named in the figures
    with pytest.raises(PermissionDenied):
        documents.public_summary_pdf(actor=police, operation=operation)


def client_of(actor: Actor) -> Client:
    user = actor.user
    assert isinstance(user, User)
    TOTPDevice.objects.get_or_create(user=user, name="authenticator", confirmed=True)
    return verified_client(user)


def test_downloads_are_scoped_and_embargoed(action: tuple[Operation, Actor, Actor], tilburg: Organisation) -> None:
    operation, planner, police = action
    briefing = reverse("actions:briefing_pdf", kwargs={"uuid": operation.uuid})
    public = reverse("actions:public_pdf", kwargs={"uuid": operation.uuid})
    response = client_of(planner).get(briefing)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert client_of(police).get(briefing).status_code == 200
    assert client_of(police).get(public).status_code == 403
    assert client_of(make_planner()).get(briefing).status_code == 404
    later = make_operation(planner, starts_on=timezone.localdate() + timedelta(days=5), title="Later")
    early = make_partner_actor(later, planner, org_type=OrganisationType.BELASTINGDIENST, domain=LegalDomain.FISCAAL)
    assert client_of(early).get(reverse("actions:briefing_pdf", kwargs={"uuid": later.uuid})).status_code == 404


def test_the_public_summary_page_shows_the_pdfs_figures(action: tuple[Operation, Actor, Actor]) -> None:
    operation, planner, police = action
    url = reverse("actions:public_summary", kwargs={"uuid": operation.uuid})
    response = client_of(planner).get(url)
    html = response.content.decode()
    figures = documents.public_figures(actor=planner, operation=operation)
    assert response.context["figures"] == figures and figures.findings == "5"  # 7 rounded to 5
    assert 'data-testid="public-findings">5<' in html
    assert "Industrieweg" not in html and police.organisation.name not in html  # type: ignore[union-attr]
    assert client_of(police).get(url).status_code == 403
