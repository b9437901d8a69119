# SPDX-License-Identifier: EUPL-1.2
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.cases.constants import (
    RETENTION_YEARS_AFTER_CLOSURE,
    CaseStatus,
    InterventionStatus,
    ItemKind,
    MeetingKind,
    MemberRole,
)
from weerbaar.cases.models import (
    AccessRequest,
    Case,
    CaseItem,
    CaseStatistic,
    CaseStatusChange,
    Intervention,
    ItemConsent,
    Membership,
)
from weerbaar.cases.selectors import case_get, case_items_exportable, case_items_visible, case_list, is_case_owner
from weerbaar.cases.services import (
    StaleVersionError,
    access_request_create,
    access_request_decide,
    agenda_decision_record,
    bibob_advice_extend,
    case_assessment_record,
    case_close,
    case_transition,
    cases_retention_run,
    closure_report_pdf,
    intervention_add,
    intervention_result_record,
    intervention_step_done,
    intervention_step_warnings_send,
    item_add,
    item_consent_grant,
    meeting_create,
    membership_add,
    membership_end,
)
from weerbaar.cases.tests.factories import (
    make_actor,
    make_case,
    make_case_user,
    make_member_actor,
    make_organisation,
    make_owner_actor,
)
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor
from weerbaar.demo.cases import cases_demo_load, demo_case_count
from weerbaar.demo.services import demo_load
from weerbaar.notifications.models import OutboxMessage
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db


def _police_item(actor: Actor, case: Case, **kw: object) -> CaseItem:
    return item_add(
        actor=actor,
        case=case,
        kind=ItemKind.BEVINDING,
        title="BVH-registratie pand",
        body="Eerdere melding hennepgeur.",
        regime=LegalRegime.WPG,
        **kw,  # type: ignore[arg-type]
    )


def _audits(action: str, obj_uuid: object) -> int:
    return AuditEvent.objects.filter(action=action, object_uuid=obj_uuid).count()


# --- creation and the work process --------------------------------------------------------------------


def test_case_create_makes_the_owner_direct_it_and_numbers_it() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    assert case.number == f"C{timezone.now().year}-{case.pk:06d}"
    assert case.owner == owner.organisation
    memberships = list(case.memberships.order_by("id"))
    assert [(m.user_id, m.role) for m in memberships] == [
        (None, MemberRole.REGIE),
        (owner.user.pk if owner.user else None, MemberRole.REGIE),
    ]
    assert is_case_owner(actor=owner, case=case)
    assert list(CaseStatusChange.objects.filter(case=case).values_list("to_status", flat=True)) == ["aangemaakt"]
    assert _audits("create", case.uuid) == 1


def test_case_create_needs_cases_manage() -> None:
    partner = make_actor(
        organisation=make_organisation(type=OrganisationType.POLITIE), role=Role.PARTNERVERTEGENWOORDIGER
    )
    with pytest.raises(PermissionDenied):
        make_case(partner)


def test_unscreened_user_cannot_create_or_see_cases() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    unscreened = make_actor(organisation=owner.organisation, screened=False)
    with pytest.raises(PermissionDenied):
        make_case(unscreened)
    assert case_get(actor=unscreened, uuid=case.uuid) is None


def test_transition_moves_one_step_owner_only() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    with pytest.raises(PermissionDenied):
        case_transition(actor=police, case=case, to_status=CaseStatus.HIT_NO_HIT)
    with pytest.raises(ValidationError):
        case_transition(actor=owner, case=case, to_status=CaseStatus.ANALYSE)
    case = case_transition(actor=owner, case=case, to_status=CaseStatus.HIT_NO_HIT, expected_version=case.version)
    assert case.status == CaseStatus.HIT_NO_HIT
    assert case.version == 2
    assert case.status_changes.count() == 2


def test_stale_version_refused_and_nothing_overwritten() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    loaded = case.version
    case_assessment_record(actor=owner, case=case, text="Noodzakelijk en proportioneel.", expected_version=loaded)
    with pytest.raises(StaleVersionError):
        case_assessment_record(actor=owner, case=case, text="Overschreven?", expected_version=loaded)
    with pytest.raises(StaleVersionError):
        case_transition(actor=owner, case=case, to_status=CaseStatus.HIT_NO_HIT, expected_version=loaded)
    case.refresh_from_db()
    assert case.assessment == "Noodzakelijk en proportioneel."
    assert case.status == CaseStatus.AANGEMAAKT


# --- membership and need-to-know ------------------------------------------------------------------


def test_non_member_sees_nothing_and_member_sees_the_case() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    outsider = make_actor(
        organisation=make_organisation(type=OrganisationType.BELASTINGDIENST), role=Role.PARTNERVERTEGENWOORDIGER
    )
    assert case_get(actor=outsider, uuid=case.uuid) is None
    member = make_member_actor(case, owner=owner, org_type=OrganisationType.BELASTINGDIENST)
    assert case_get(actor=member, uuid=case.uuid) == case


def test_only_the_owner_manages_membership() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    with pytest.raises(PermissionDenied):
        membership_add(actor=police, case=case, organisation=make_organisation(type=OrganisationType.OM))


def test_private_organisation_cannot_be_invited() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    contractor = make_organisation(type=OrganisationType.AANNEMER)
    with pytest.raises(ValidationError):
        membership_add(actor=owner, case=case, organisation=contractor)
    assert not Membership.objects.filter(case=case, organisation=contractor).exists()


def test_named_member_must_be_screened_and_hold_a_role_there() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_organisation(type=OrganisationType.POLITIE)
    unscreened = make_case_user(organisation=police, role=Role.PARTNERVERTEGENWOORDIGER, screened=False)
    with pytest.raises(ValidationError):
        membership_add(actor=owner, case=case, organisation=police, user=unscreened)
    elsewhere = make_case_user(organisation=make_organisation(type=OrganisationType.OM))
    with pytest.raises(ValidationError):
        membership_add(actor=owner, case=case, organisation=police, user=elsewhere)
    screened = make_case_user(organisation=police, role=Role.PARTNERVERTEGENWOORDIGER)
    membership = membership_add(actor=owner, case=case, organisation=police, user=screened)
    assert membership.user == screened
    assert OutboxMessage.objects.filter(recipient=screened.email).exists()


def test_duplicate_membership_refused() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    assert police.organisation is not None
    with pytest.raises(ValidationError):
        membership_add(actor=owner, case=case, organisation=police.organisation)


def test_ended_membership_loses_access_and_can_be_renewed() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    membership = Membership.objects.get(case=case, organisation=police.organisation, user__isnull=True)
    membership_end(actor=owner, membership=membership)
    assert case_get(actor=police, uuid=case.uuid) is None
    assert case_items_visible(actor=police, case=case).count() == 0
    assert police.organisation is not None
    membership_add(actor=owner, case=case, organisation=police.organisation)
    assert case_get(actor=police, uuid=case.uuid) == case


def test_membership_with_past_end_date_has_no_access() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner, ends_on=timezone.localdate())
    assert case_get(actor=police, uuid=case.uuid) == case
    Membership.objects.filter(case=case, organisation=police.organisation).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )
    assert case_get(actor=police, uuid=case.uuid) is None


def test_owner_organisation_membership_cannot_end_while_open() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    own = Membership.objects.get(case=case, organisation=owner.organisation, user__isnull=True)
    with pytest.raises(ValidationError):
        membership_end(actor=owner, membership=own)


def test_access_request_and_decision_are_logged() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    tax = make_actor(
        organisation=make_organisation(type=OrganisationType.BELASTINGDIENST), role=Role.PARTNERVERTEGENWOORDIGER
    )
    with pytest.raises(ValidationError):
        access_request_create(actor=tax, case=case, reason=" ")
    request = access_request_create(actor=tax, case=case, reason="Lopend boekenonderzoek naar de eigenaar.")
    assert _audits("create", request.uuid) == 1
    assert owner.user is not None
    assert OutboxMessage.objects.filter(recipient=owner.user.email).exists()
    with pytest.raises(ValidationError):
        access_request_create(actor=tax, case=case, reason="Nog een keer.")
    with pytest.raises(PermissionDenied):
        access_request_decide(actor=tax, request=request, grant=True, reason="")
    request = access_request_decide(actor=owner, request=request, grant=True, reason="")
    assert request.status == "toegekend"
    assert _audits("update", request.uuid) == 1
    assert case_get(actor=tax, uuid=case.uuid) == case
    with pytest.raises(ValidationError):
        access_request_decide(actor=owner, request=request, grant=False, reason="Te laat.")


def test_refusal_needs_a_reason_and_gives_no_access() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    om = make_actor(organisation=make_organisation(type=OrganisationType.OM), role=Role.PARTNERVERTEGENWOORDIGER)
    request = access_request_create(actor=om, case=case, reason="Samenhang met strafzaak.")
    with pytest.raises(ValidationError):
        access_request_decide(actor=owner, request=request, grant=False, reason="")
    access_request_decide(actor=owner, request=request, grant=False, reason="Geen noodzaak.")
    assert AccessRequest.objects.get(pk=request.pk).status == "afgewezen"
    assert case_get(actor=om, uuid=case.uuid) is None


def test_member_cannot_request_access() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    with pytest.raises(ValidationError):
        access_request_create(actor=owner, case=case, reason="Al lid.")


# --- items, provenance and consent -----------------------------------------------------------------


def test_item_records_supplier_and_regime() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    item = item_add(
        actor=owner, case=case, kind=ItemKind.NOTITIE, title="Vergunningen", body="", regime=LegalRegime.AVG
    )
    assert item.supplier == owner.organisation
    assert item.regime == LegalRegime.AVG
    assert _audits("create", item.uuid) == 1


def test_non_member_cannot_add_items() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    outsider = make_owner_actor()
    with pytest.raises(PermissionDenied):
        item_add(actor=outsider, case=case, kind=ItemKind.NOTITIE, title="x", body="", regime=LegalRegime.AVG)


def test_only_police_supplies_wpg_data() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    with pytest.raises(ValidationError):
        _police_item(owner, case)


def test_police_item_hidden_before_the_assessment() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    item = _police_item(police, case)
    assert item in case_items_visible(actor=police, case=case)
    assert item not in case_items_visible(actor=owner, case=case)
    case = case_assessment_record(actor=owner, case=case, text="Proportioneel: lichter middel ontbreekt.")
    assert item in case_items_visible(actor=owner, case=case)


def test_only_the_owner_writes_the_assessment() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    with pytest.raises(PermissionDenied):
        case_assessment_record(actor=police, case=case, text="Ik besluit dit zelf.")
    with pytest.raises(ValidationError):
        case_assessment_record(actor=owner, case=case, text="  ")


def test_new_member_does_not_see_consent_item_until_supplier_consents() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    case = case_assessment_record(actor=owner, case=case, text="Afweging vastgelegd.")
    police = make_member_actor(case, owner=owner)
    assert owner.organisation is not None
    item = _police_item(police, case, consent_required=True, consent_to=[owner.organisation])
    assert item in case_items_visible(actor=owner, case=case)
    tax = make_member_actor(case, owner=owner, org_type=OrganisationType.BELASTINGDIENST)
    assert item not in case_items_visible(actor=tax, case=case)
    with pytest.raises(PermissionDenied):
        item_consent_grant(actor=owner, item=item, organisation=tax.organisation)
    consent = item_consent_grant(actor=police, item=item, organisation=tax.organisation)
    assert item in case_items_visible(actor=tax, case=case)
    assert AuditEvent.objects.filter(action="disclose", object_uuid=item.uuid).count() == 2
    # Idempotent: granting again records nothing new.
    assert item_consent_grant(actor=police, item=item, organisation=tax.organisation) == consent


def test_consent_item_not_exportable_until_export_consent() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    case = case_assessment_record(actor=owner, case=case, text="Afweging vastgelegd.")
    police = make_member_actor(case, owner=owner)
    item = _police_item(police, case, consent_required=True, consent_to=[owner.organisation])
    assert item not in case_items_exportable(actor=owner, case=case)
    with pytest.raises(ValidationError):
        item_consent_grant(actor=police, item=item)
    item_consent_grant(actor=police, item=item, export=True)
    assert item in case_items_exportable(actor=owner, case=case)


def test_consent_never_to_a_private_organisation() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    item = _police_item(police, case, consent_required=True)
    with pytest.raises(ValidationError):
        item_consent_grant(actor=police, item=item, organisation=make_organisation(type=OrganisationType.BEVEILIGING))
    assert not ItemConsent.objects.filter(item=item).exists()


# --- interventions ---------------------------------------------------------------------------------


def test_13b_closure_steps_and_due_dates() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    start = date(2025, 3, 3)
    assert owner.organisation is not None
    intervention = intervention_add(
        actor=owner, case=case, type="sluiting_13b", owner=owner.organisation, started_on=start
    )
    steps = {s.code: s.due_on for s in intervention.steps.all()}
    assert list(steps) == ["rapportage", "voornemen", "zienswijze", "besluit", "sluiting", "bezwaar", "heropening"]
    assert steps["rapportage"] is None
    assert steps["voornemen"] == start + timedelta(days=14)
    assert steps["zienswijze"] == start + timedelta(days=28)
    assert steps["besluit"] == start + timedelta(days=42)
    assert steps["sluiting"] is None
    assert steps["bezwaar"] == start + timedelta(days=84)
    assert intervention.status == InterventionStatus.LOPEND
    # A late notice of intent moves the later deadlines.
    voornemen = intervention.steps.get(code="voornemen")
    intervention_step_done(actor=owner, step=voornemen, done_on=start + timedelta(days=20))
    assert intervention.steps.get(code="zienswijze").due_on == start + timedelta(days=34)
    assert intervention.steps.get(code="voornemen").due_on == start + timedelta(days=14)


def test_13b_needs_a_municipality_as_owner() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    assert police.organisation is not None
    with pytest.raises(ValidationError):
        intervention_add(actor=owner, case=case, type="sluiting_13b", owner=police.organisation)
    with pytest.raises(ValidationError):
        intervention_add(actor=owner, case=case, type="bestaat_niet", owner=police.organisation)


def test_intervention_owner_must_be_a_member() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    other = make_organisation()
    with pytest.raises(ValidationError):
        intervention_add(actor=owner, case=case, type="sluiting_13b", owner=other)


def test_bibob_advice_8_weeks_plus_4_when_extended() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    start = date(2025, 1, 6)
    assert owner.organisation is not None
    intervention = intervention_add(
        actor=owner, case=case, type="bibob", owner=owner.organisation, started_on=start, bibob_reference="BB-2025-17"
    )
    assert intervention.bibob_file is not None
    assert intervention.bibob_file.reference == "BB-2025-17"
    requested_on = date(2025, 3, 10)
    step = intervention.steps.get(code="advies_aangevraagd")
    intervention_step_done(actor=owner, step=step, done_on=requested_on)
    advice = intervention.steps.get(code="advies_ontvangen")
    assert advice.due_on == requested_on + timedelta(weeks=8)
    bibob_advice_extend(actor=owner, intervention=intervention)
    advice.refresh_from_db()
    assert advice.due_on == requested_on + timedelta(weeks=12)
    intervention.bibob_file.refresh_from_db()
    assert intervention.bibob_file.advice_requested_on == requested_on
    assert intervention.bibob_file.advice_extended
    with pytest.raises(ValidationError):
        bibob_advice_extend(actor=owner, intervention=intervention)
    # A later recomputation keeps the extension.
    intervention_step_done(actor=owner, step=intervention.steps.get(code="vragenformulier"), done_on=date(2025, 2, 1))
    advice.refresh_from_db()
    assert advice.due_on == requested_on + timedelta(weeks=12)


def test_only_a_bibob_can_be_extended() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    assert owner.organisation is not None
    intervention = intervention_add(actor=owner, case=case, type="preventief", owner=owner.organisation)
    with pytest.raises(ValidationError):
        bibob_advice_extend(actor=owner, intervention=intervention)


def test_only_the_intervention_owner_marks_steps_and_partner_records_results() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    tax = make_member_actor(case, owner=owner, org_type=OrganisationType.BELASTINGDIENST)
    assert tax.organisation is not None
    intervention = intervention_add(actor=tax, case=case, type="fiscaal", owner=tax.organisation)
    assert intervention.status == InterventionStatus.GEPLAND
    police = make_member_actor(case, owner=owner)
    with pytest.raises(PermissionDenied):
        intervention_step_done(actor=police, step=intervention.steps.first(), done_on=timezone.localdate())  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        intervention_result_record(actor=police, intervention=intervention, status=InterventionStatus.AFGEROND)
    with pytest.raises(ValidationError):
        intervention_result_record(
            actor=tax, intervention=intervention, status=InterventionStatus.AFGEROND, amount_levied=Decimal("-1")
        )
    intervention = intervention_result_record(
        actor=tax, intervention=intervention, status=InterventionStatus.AFGEROND, amount_levied=Decimal("48250.00")
    )
    assert Intervention.objects.get(pk=intervention.pk).amount_levied == Decimal("48250.00")


def test_partner_cannot_commit_another_partner() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    assert owner.organisation is not None
    with pytest.raises(PermissionDenied):
        intervention_add(actor=police, case=case, type="preventief", owner=owner.organisation)


# --- meetings --------------------------------------------------------------------------------------


def test_meeting_with_decision_and_action_items() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    other_case = make_case(make_owner_actor())
    with pytest.raises(PermissionDenied):
        meeting_create(actor=owner, kind=MeetingKind.CASUSOVERLEG, on=date(2025, 5, 1), cases=[case, other_case])
    meeting = meeting_create(actor=owner, kind=MeetingKind.CASUSOVERLEG, on=date(2025, 5, 1), cases=[case])
    agenda = meeting.agenda.get()
    assert police.organisation is not None
    with pytest.raises(PermissionDenied):
        agenda_decision_record(actor=police, item=agenda, decision="x", actions=[])
    with pytest.raises(ValidationError):
        agenda_decision_record(
            actor=owner,
            item=agenda,
            decision="Sluiten.",
            actions=[("Rapportage", make_organisation(), date(2025, 5, 15))],
        )
    actions = agenda_decision_record(
        actor=owner,
        item=agenda,
        decision="Bestuurlijke rapportage opvragen en 13b voorbereiden.",
        actions=[("Bestuurlijke rapportage aanleveren", police.organisation, date(2025, 5, 15))],
    )
    assert [a.owner for a in actions] == [police.organisation]
    agenda.refresh_from_db()
    assert agenda.decision.startswith("Bestuurlijke")


# --- closure, report and retention -------------------------------------------------------------------


def _closed_case_with_police_data() -> tuple[Actor, Case, CaseItem, CaseItem]:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    wpg = _police_item(police, case)
    avg = item_add(actor=owner, case=case, kind=ItemKind.NOTITIE, title="Kadaster", body="", regime=LegalRegime.AVG)
    assert owner.organisation is not None
    intervention_add(actor=owner, case=case, type="sluiting_13b", owner=owner.organisation, started_on=date(2025, 1, 6))
    # The 13b closure is still running: closing needs the director's explicit confirmation.
    case = case_close(
        actor=owner,
        case=case,
        reason="Pand gesloten, strategie uitgevoerd.",
        expected_version=case.version,
        confirm_blocking=True,
    )
    return owner, case, wpg, avg


def test_closure_destroys_wpg_items_and_keeps_a_deletion_audit() -> None:
    owner, case, wpg, avg = _closed_case_with_police_data()
    assert case.status == CaseStatus.AFGESLOTEN
    assert not CaseItem.objects.filter(pk=wpg.pk).exists()
    assert CaseItem.objects.filter(pk=avg.pk).exists()
    deletion = AuditEvent.objects.get(action="delete", object_uuid=wpg.uuid)
    assert deletion.details["rule"] == "closure:wpg"
    assert case.police_data_destroyed_at is not None
    today = timezone.localdate()
    assert case.retention_until is not None
    assert case.retention_until.year == today.year + RETENTION_YEARS_AFTER_CLOSURE
    with pytest.raises(ValidationError):
        item_add(actor=owner, case=case, kind=ItemKind.NOTITIE, title="x", body="", regime=LegalRegime.AVG)
    with pytest.raises(ValidationError):
        case_close(actor=owner, case=case, reason="Nog eens.")


def test_closure_needs_reason_and_owner() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    police = make_member_actor(case, owner=owner)
    with pytest.raises(PermissionDenied):
        case_close(actor=police, case=case, reason="Klaar.")
    with pytest.raises(ValidationError):
        case_close(actor=owner, case=case, reason="")
    with pytest.raises(StaleVersionError):
        case_close(actor=owner, case=case, reason="Klaar.", expected_version=case.version + 1)


def test_transition_to_closed_goes_through_closure() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    case = case_transition(actor=owner, case=case, to_status=CaseStatus.AFGESLOTEN, reason="Geen grond.")
    assert case.status == CaseStatus.AFGESLOTEN
    assert case.retention_until is not None


def test_closure_report_is_a_pdf_and_audited() -> None:
    owner, case, _wpg, _avg = _closed_case_with_police_data()
    pdf = closure_report_pdf(actor=owner, case=case)
    assert pdf.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", object_uuid=case.uuid).count() == 1
    with pytest.raises(PermissionDenied):
        closure_report_pdf(actor=make_owner_actor(), case=case)


def test_retention_leaves_statistics_only() -> None:
    owner, case, _wpg, _avg = _closed_case_with_police_data()
    keep = make_case(owner)
    assert case.retention_until is not None
    assert cases_retention_run(today=case.retention_until - timedelta(days=1)) == 0
    assert cases_retention_run(today=case.retention_until) == 1
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not CaseItem.objects.filter(case_id=case.pk).exists()
    assert Case.objects.filter(pk=keep.pk).exists()
    stat = CaseStatistic.objects.get()
    assert stat.owner_type == OrganisationType.GEMEENTE
    assert stat.phenomena == ["drugsafvaldumping"]
    assert stat.interventions == {"sluiting_13b": 1}
    assert stat.member_count == 2
    assert AuditEvent.objects.filter(action="delete", object_uuid=case.uuid).count() == 1
    assert case_list(actor=owner).count() == 1


# --- daily run and demo ----------------------------------------------------------------------------


def test_step_warning_once_per_step_to_the_owner_organisation() -> None:
    owner = make_owner_actor()
    case = make_case(owner)
    assert owner.organisation is not None and owner.user is not None
    start = timezone.localdate() - timedelta(days=10)
    intervention = intervention_add(
        actor=owner, case=case, type="sluiting_13b", owner=owner.organisation, started_on=start
    )
    # voornemen is due in 4 days: inside the warning window; zienswijze (18 days) is not.
    assert intervention_step_warnings_send() == 1
    step = intervention.steps.get(code="voornemen")
    assert step.warned_at is not None
    assert intervention.steps.get(code="zienswijze").warned_at is None
    mails = OutboxMessage.objects.filter(recipient=owner.user.email)
    assert mails.count() == 1
    assert case.title not in mails.get().body
    assert intervention_step_warnings_send() == 0


def test_daily_command_runs_warnings_and_retention() -> None:
    out = StringIO()
    call_command("cases_daily", stdout=out)
    assert "steps warned 0, cases destroyed 0" in out.getvalue()


def test_demo_cases_load_once() -> None:
    demo_load()
    cases_demo_load()
    cases_demo_load()
    assert demo_case_count() == 4
    regisseur = actor_for(user=User.objects.get(username="regisseur.tilburg"))
    liaison = actor_for(user=User.objects.get(username="liaison.politie"))
    analyst = actor_for(user=User.objects.get(username="analist.riec"))
    assert case_list(actor=regisseur).count() == 4
    assert case_list(actor=analyst).count() == 4
    biezenmortel = Case.objects.get(title__startswith="Loods Biezenmortel")
    consent_item = biezenmortel.items.get(consent_required=True)
    assert consent_item in case_items_visible(actor=regisseur, case=biezenmortel)
    assert consent_item not in case_items_visible(actor=analyst, case=biezenmortel)
    assert consent_item in case_items_visible(actor=liaison, case=biezenmortel)
    assert Case.objects.get(status=CaseStatus.AFGESLOTEN).items.filter(regime=LegalRegime.WPG).count() == 0
