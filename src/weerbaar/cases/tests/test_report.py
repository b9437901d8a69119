# SPDX-License-Identifier: EUPL-1.2
"""The accountability report as its reader gets it: a tagged PDF, the classification and "Pagina N van M" on
every page, tables that stay on the page, what a mayor needs (meetings and decisions, statutory steps, the
assessment and the reason for closing) and an account of what was left out — counted, never named."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from tests.helpers import verified_client
from tests.pdf import assert_tagged_and_marked, assert_words_fit, pdf_page_text, pdf_text
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.cases.constants import Classification, InterventionStatus, ItemKind, MeetingKind
from weerbaar.cases.models import Case, CaseItem
from weerbaar.cases.selectors import case_closure_consequences, case_report_items
from weerbaar.cases.services import (
    agenda_decision_record,
    case_assessment_record,
    case_close,
    closure_report_pdf,
    intervention_add,
    intervention_result_record,
    intervention_step_done,
    item_add,
    meeting_create,
    subject_add,
)
from weerbaar.cases.tests.factories import make_case, make_member_actor, make_organisation, make_owner_actor
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db

LONG_WORD = "Handhavingsondersteuningscoördinatiecentrumvoorondermijningsbestrijding"
LISTED = 45


def _full_case() -> tuple[Actor, Case, Actor]:
    """A closed case with everything a report can hold, and enough items for tables over several pages."""
    gemeente = make_organisation("Gemeente Rapportstad")
    owner = make_owner_actor(gemeente)
    case = make_case(owner, title="Loods Rapportstad — drugsafval", classification=Classification.STRIKT_VERTROUWELIJK)
    police = make_member_actor(
        case, owner=owner, organisation=make_organisation("Politie Eenheid Zuid", OrganisationType.POLITIE)
    )
    tax = make_member_actor(
        case, owner=owner, organisation=make_organisation("Belastingdienst Zuid", OrganisationType.BELASTINGDIENST)
    )
    agency = make_member_actor(
        case,
        owner=owner,
        organisation=make_organisation(f"Omgevingsdienst {LONG_WORD}", OrganisationType.OMGEVINGSDIENST),
    )
    assert owner.organisation and police.organisation and tax.organisation and agency.organisation

    for n in range(LISTED):
        item_add(
            actor=owner,
            case=case,
            kind=ItemKind.DOCUMENT,
            title=f"Kadasteruittreksel perceel {n}" if n else f"Vergunningdossier {LONG_WORD}",
            body="INHOUD-DIE-NOOIT-WEGGAAT",
            regime=LegalRegime.AVG,
        )
    # Shown to the directing organisation, but the supplier gave no export consent.
    item_add(
        actor=tax,
        case=case,
        kind=ItemKind.BEVINDING,
        title="Aangifte omzetbelasting exploitant",
        body="",
        regime=LegalRegime.AWR,
        consent_required=True,
        consent_to=[owner.organisation],
    )
    # Not shared with the directing organisation at all: neither named nor counted.
    item_add(
        actor=tax,
        case=case,
        kind=ItemKind.NOTITIE,
        title="Niet-gedeelde fiscale notitie",
        body="",
        regime=LegalRegime.AWR,
        consent_required=True,
    )
    subject_add(
        actor=owner,
        case=case,
        kind="persoon",
        values={"given_names": "Johannes", "surname": "Vlasbloem", "birth_date": "1980-03-07"},
        regime=LegalRegime.AVG,
    )
    item_add(actor=police, case=case, kind=ItemKind.BEVINDING, title="BVH-registratie", body="", regime=LegalRegime.WPG)
    case_assessment_record(
        actor=owner, case=case, text="Sluiting is evenredig: lichtere middelen hielpen niet.", expected_version=None
    )

    closure = intervention_add(
        actor=owner, case=case, type="sluiting_13b", owner=owner.organisation, started_on=date(2025, 1, 6)
    )
    steps = list(closure.steps.order_by("position"))
    intervention_step_done(actor=owner, step=steps[0], done_on=date(2025, 1, 10))
    intervention_step_done(actor=owner, step=steps[1], done_on=date(2025, 2, 3))
    intervention_result_record(
        actor=owner,
        intervention=closure,
        status=InterventionStatus.AFGEROND,
        closure_months=6,
        result_note="Pand 6 maanden gesloten.",
    )
    fiscal = intervention_add(actor=tax, case=case, type="fiscaal", owner=tax.organisation, started_on=date(2025, 2, 1))
    intervention_result_record(
        actor=tax, intervention=fiscal, status=InterventionStatus.AFGEROND, amount_levied=Decimal("125000.50")
    )
    intervention_add(actor=agency, case=case, type="last_onder_dwangsom", owner=agency.organisation)

    meeting = meeting_create(actor=owner, kind=MeetingKind.CASUSOVERLEG, on=date(2025, 1, 8), cases=[case])
    agenda_decision_record(
        actor=owner,
        item=meeting.agenda.get(),
        decision="Burgemeester sluit de loods op grond van artikel 13b Opiumwet.",
        actions=[("Bestuurlijke rapportage aanleveren", police.organisation, date(2025, 1, 20))],
    )
    case.refresh_from_db()
    closed = case_close(
        actor=owner, case=case, reason="Strategie uitgevoerd, loods gesloten.", expected_version=case.version
    )
    return owner, closed, tax


def test_the_report_is_tagged_and_every_page_is_marked() -> None:
    owner, case, _tax = _full_case()
    with translation.override("nl"):
        pdf = closure_report_pdf(actor=owner, case=case)
    pages = assert_tagged_and_marked(pdf, classification="Strikt vertrouwelijk")
    assert pages >= 2
    assert_words_fit(pdf)
    # The items table runs over several pages; its header row is repeated on each of them.
    for page in range(1, pages + 1):
        text = pdf_page_text(pdf, page)
        if "Kadasteruittreksel perceel" in text:
            assert "Juridisch regime" in text and "Leverancier" in text, page
    assert sum("Kadasteruittreksel perceel" in pdf_page_text(pdf, p) for p in range(1, pages + 1)) >= 2


def test_the_report_holds_what_the_mayor_needs() -> None:
    owner, case, _tax = _full_case()
    with translation.override("nl"):
        text = pdf_text(closure_report_pdf(actor=owner, case=case))
    for expected in (
        case.number or "",
        "Loods Rapportstad — drugsafval",
        "Gemeente Rapportstad",  # directing organisation
        "Rubricering",
        "Afgesloten",
        "Bewaard tot",
        "Politiegegevens (Wpg)",
        # The assessment and the reason for closing.
        "Sluiting is evenredig: lichtere middelen hielpen niet.",
        "Strategie uitgevoerd, loods gesloten.",
        # Results per partner and an intervention with its legal basis and a statutory step done.
        "Resultaten per partner",
        "EUR 125.000,50",
        "Opiumwet, artikel 13b",
        "Voornemen",
        "3 februari 2025",
        "Pand 6 maanden gesloten.",
        # The meeting, its decision and the action agreed.
        "8 januari 2025",
        "Burgemeester sluit de loods op grond van artikel 13b Opiumwet.",
        "Bestuurlijke rapportage aanleveren",
        "Politie Eenheid Zuid",
        "Kadasteruittreksel perceel 44",
    ):
        assert expected in text, expected


def test_what_was_left_out_is_counted_never_named() -> None:
    owner, case, _tax = _full_case()
    with translation.override("nl"):
        text = pdf_text(closure_report_pdf(actor=owner, case=case))
    section = text[text.index("Wat is weggelaten en waarom") :]
    assert "Politiegegevens (Wpg): bij de afsluiting vernietigd 1" in section
    assert "Geen exporttoestemming van de leverancier 1" in section
    assert "nooit in een rapport genoemd 1" in section  # the subject
    assert "Weggelaten gegevens in totaal 3" in section
    assert f"Van de {LISTED} hierboven genoemde gegevens" in section
    # Nothing of what was left out, no content, no person.
    for absent in (
        "BVH-registratie",
        "Aangifte omzetbelasting exploitant",
        "Niet-gedeelde fiscale notitie",
        "Vlasbloem",
        "1980",
        "INHOUD-DIE-NOOIT-WEGGAAT",
        "Test Casus",  # the factories' users
    ):
        assert absent not in text, absent


def test_the_export_is_audited_with_the_number_of_titles() -> None:
    owner, case, _tax = _full_case()
    closure_report_pdf(actor=owner, case=case)
    event = AuditEvent.objects.get(action="export", object_uuid=case.uuid)
    assert event.details == {"format": "pdf", "items": LISTED}


def test_the_closure_page_and_the_report_leave_out_the_same_items() -> None:
    """One rule: what the closure page announces as left out is what the report leaves out."""
    owner = make_owner_actor()
    case = make_case(owner)
    subject_add(actor=owner, case=case, kind="voertuig", values={"plate": "AB-123-C"}, regime=LegalRegime.AVG)
    item_add(actor=owner, case=case, kind=ItemKind.NOTITIE, title="Verslag", body="", regime=LegalRegime.AVG)
    report = case_report_items(actor=owner, case=case)
    consequences = case_closure_consequences(actor=owner, case=case)
    assert [i.title for i in report.listed] == ["Verslag"]
    assert [(row.item.kind, row.subject) for row in consequences.left_out] == [(ItemKind.BETROKKENE, True)]
    assert {row.item.pk for row in consequences.left_out} | {i.pk for i in report.listed} == set(
        CaseItem.objects.filter(case=case).values_list("pk", flat=True)
    )


def test_the_closure_page_names_the_subject_reason(make_org: Any, make_user: Any) -> None:
    gemeente = make_org("Gemeente Afsluitstad", OrganisationType.GEMEENTE)
    regisseur = make_user(organisation=gemeente, role=Role.CASUSREGISSEUR, username="regisseur.afsluitstad")
    owner = actor_for(user=regisseur)
    case = make_case(owner)
    subject_add(actor=owner, case=case, kind="voertuig", values={"plate": "AB-123-C"}, regime=LegalRegime.AVG)
    with translation.override("nl"):
        response = verified_client(regisseur).get(reverse("cases:close", kwargs={"uuid": case.uuid}))
    assert response.status_code == 200
    page = response.content.decode()
    left_out = page[page.index('data-testid="close-left-out"') :]
    assert "AB-123-C" in left_out
    assert "Betrokkene: een persoon, bedrijf of adres wordt nooit in een rapport genoemd" in left_out
