# SPDX-License-Identifier: EUPL-1.2
"""Services of joint actions: planning, the reproducible draw, idempotent findings and follow-ups."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.actions import selectors
from weerbaar.actions.constants import (
    FollowUpKind,
    LegalDomain,
    LocationReason,
    MemberRole,
    OperationStatus,
    Severity,
)
from weerbaar.actions.draw import draw
from weerbaar.actions.models import Finding, FollowUp, Location
from weerbaar.actions.services import (
    finding_record,
    follow_up_create,
    operation_member_add,
    premises_parse,
    selection_draw,
)
from weerbaar.actions.tests.factories import (
    PREMISES,
    first_location,
    make_operation,
    make_partner_actor,
    make_planner,
    make_running,
)
from weerbaar.audit.models import AuditEvent
from weerbaar.cases.models import Intervention
from weerbaar.cases.tests.factories import make_actor, make_case, make_organisation
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.signals.constants import LocationKind, Phenomenon
from weerbaar.signals.models import Signal
from weerbaar.signals.selectors import signal_get_reported_by
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db


def test_create_makes_owner_and_leader_planners_and_is_audited(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    roles = set(operation.memberships.values_list("user_id", "role"))
    assert roles == {(None, MemberRole.PLANNER), (planner.user.pk, MemberRole.PLANNER)}  # type: ignore[union-attr]
    assert operation.status == OperationStatus.PLANNING
    assert AuditEvent.objects.filter(object_uuid=operation.uuid, action="create").exists()


def test_only_planners_plan(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    with pytest.raises(PermissionDenied):
        operation_member_add(actor=police, operation=operation, organisation=police.organisation)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        selection_draw(actor=police, operation=operation, chosen=[], premises=[], random_share=0)


def test_a_private_partner_takes_part_but_never_becomes_a_member(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    grid = make_organisation(type=OrganisationType.NETBEHEERDER)
    make_partner_actor(operation, planner, organisation=grid, domain=LegalDomain.ENERGIE)
    assert operation.partners.filter(organisation=grid).exists()
    assert not operation.memberships.filter(organisation=grid).exists()
    with pytest.raises(ValidationError):
        operation_member_add(actor=planner, operation=operation, organisation=grid)


def test_random_share_is_reproducible_from_the_recorded_seed(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    premises = premises_parse(PREMISES)
    selection = selection_draw(actor=planner, operation=operation, chosen=[], premises=premises, random_share=30)
    drawn = list(operation.locations.order_by("position").values_list("reason", flat=True))
    assert drawn == [LocationReason.RANDOM] * 3  # 30 % of ten premises
    assert selection.seed is not None and len(selection.pool) == 10
    lines = [loc.address for loc in operation.locations.order_by("position")]
    # Anyone can repeat the draw from what was recorded.
    assert draw(selection.pool, selection.random_share, selection.seed) == lines
    # The order the planner typed the register in does not matter; the same seed draws the same premises.
    again = selection_draw(
        actor=planner,
        operation=operation,
        chosen=[],
        premises=list(reversed(premises)),
        random_share=30,
        seed=selection.seed,
    )
    assert [loc.address for loc in operation.locations.order_by("position")] == lines
    assert again.pk != selection.pk and Location.objects.filter(selection=selection).count() == 0
    operation.refresh_from_db()
    assert operation.status == OperationStatus.SELECTED


def test_risk_candidates_come_from_the_planners_own_signals(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    signal = make_signal(
        planner,
        location_kind=LocationKind.ADRES,
        street="Industrieweg",
        house_number="3",
        postcode="5048AA",
        city="Tilburg",
        point=(Decimal("51.5890"), Decimal("5.0560")),
    )
    operation = make_operation(planner)
    candidates = selectors.selection_candidates(actor=planner, operation=operation)
    assert [c.key for c in candidates] == [f"signal:{signal.uuid}"]
    selection = selection_draw(
        actor=planner,
        operation=operation,
        chosen=[candidates[0].key],
        premises=premises_parse(PREMISES),
        random_share=100,
        seed=7,
    )
    # The risk premises is not drawn a second time from the register.
    assert selection.risk_count == 1 and selection.random_count == 9
    risk = operation.locations.get(reason=LocationReason.SIGNAL)
    assert risk.source_uuid == signal.uuid and risk.address == "Industrieweg 3, 5048 AA Tilburg"
    # Somebody else's municipality sees no such candidate: their own access decides.
    other = make_planner()
    elsewhere = make_operation(other)
    assert selectors.selection_candidates(actor=other, operation=elsewhere) == []
    with pytest.raises(ValidationError):
        selection_draw(actor=other, operation=elsewhere, chosen=[f"signal:{signal.uuid}"], random_share=0)


def test_a_member_without_access_to_the_source_sees_only_that_there_is_one(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    signal = make_signal(
        planner, location_kind=LocationKind.ADRES, street="Havenstraat", house_number="4", city="Tilburg"
    )
    operation = make_operation(planner)
    key = f"signal:{signal.uuid}"
    selection_draw(actor=planner, operation=operation, chosen=[key], premises=[], random_share=0)
    police = make_partner_actor(operation, planner)
    location = first_location(operation)
    mine = selectors.location_source(actor=planner, location=location)
    theirs = selectors.location_source(actor=police, location=location)
    assert mine is not None and mine.visible and mine.label == signal.number
    assert theirs is not None and not theirs.visible and theirs.label == ""
    assert theirs.organisation == str(tilburg)


def _record(actor, operation, location, key: str, **fields):  # type: ignore[no-untyped-def]
    return finding_record(
        actor=actor,
        operation=operation,
        location=location,
        domain=fields.pop("domain", LegalDomain.POLITIE),
        checked=fields.pop("checked", "Aanwezige personen en voertuigen"),
        compliant=fields.pop("compliant", False),
        severity=fields.pop("severity", Severity.MIDDEN),
        idempotency_key=key,
        **fields,
    )


def test_the_same_key_records_one_finding(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    location = first_location(operation)
    first = _record(police, operation, location, "k-1")
    retry = _record(police, operation, location, "k-1", checked="anders")
    assert first.created and not retry.created
    assert retry.finding.pk == first.finding.pk
    assert Finding.objects.filter(operation=operation).count() == 1
    operation.refresh_from_db()
    assert operation.status == OperationStatus.IN_PROGRESS
    # Another person's key is refused, never answered with that person's finding.
    colleague = make_actor(organisation=police.organisation, role=Role.PARTNERVERTEGENWOORDIGER)
    with pytest.raises(ValidationError):
        _record(colleague, operation, location, "k-1")


def test_a_partner_checks_only_from_its_own_domain(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    with pytest.raises(ValidationError):
        _record(police, operation, first_location(operation), "k-2", domain=LegalDomain.FISCAAL)


def test_findings_wait_for_the_briefing(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    selection_draw(actor=planner, operation=operation, chosen=[], premises=premises_parse(PREMISES), random_share=20)
    with pytest.raises(ValidationError):
        _record(police, operation, first_location(operation), "k-3")


def test_a_partner_reads_only_its_own_findings_planners_all(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    tax = make_partner_actor(operation, planner, org_type=OrganisationType.BELASTINGDIENST, domain=LegalDomain.FISCAAL)
    make_running(operation, planner)
    location = first_location(operation)
    own = _record(police, operation, location, "p-1").finding
    theirs = _record(tax, operation, location, "t-1", domain=LegalDomain.FISCAAL).finding
    assert list(selectors.finding_list(actor=police, operation=operation)) == [own]
    assert list(selectors.finding_list(actor=tax, operation=operation)) == [theirs]
    assert set(selectors.finding_list(actor=planner, operation=operation)) == {own, theirs}
    assert selectors.finding_get(actor=police, operation=operation, uuid=theirs.uuid) is None
    # The shared figures are suppressed for a partner, exact for the planners.
    assert selectors.operation_debrief(actor=police, operation=operation).findings == "< 5"  # type: ignore[union-attr]
    assert selectors.operation_debrief(actor=planner, operation=operation).findings == "2"  # type: ignore[union-attr]


def test_embargo_hides_the_action_from_participants_until_its_first_day(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner, starts_on=timezone.localdate() + timedelta(days=3))
    police = make_partner_actor(operation, planner)
    outsider = make_planner()
    assert selectors.operation_get(actor=planner, uuid=operation.uuid) == operation
    assert selectors.operation_get(actor=police, uuid=operation.uuid) is None
    assert selectors.operation_get(actor=outsider, uuid=operation.uuid) is None
    # A named planner of the partner sees it during the preparation.
    operation_member_add(
        actor=planner,
        operation=operation,
        organisation=police.organisation,  # type: ignore[arg-type]
        user=police.user,
        role=MemberRole.PLANNER,
    )
    assert selectors.operation_get(actor=police, uuid=operation.uuid) == operation


def test_follow_up_becomes_a_signal_through_the_signals_services(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    finding = _record(police, operation, first_location(operation), "s-1").finding
    before = Signal.objects.count()
    follow_up = follow_up_create(
        actor=police,
        finding=finding,
        kind=FollowUpKind.AANGIFTE_POLITIE,
        owner=police.organisation,  # type: ignore[arg-type]
        due_on=timezone.localdate() + timedelta(days=14),
        description="Hennepkwekerij aangetroffen in de achterruimte.",
        phenomenon=Phenomenon.HENNEPTEELT,
    )
    assert Signal.objects.count() == before + 1
    signal = follow_up.signal
    assert signal is not None and signal.reporter == police.user and signal.organisation == tilburg
    assert signal_get_reported_by(actor=police, uuid=signal.uuid) == signal
    state = selectors.follow_up_state(actor=police, follow_up=follow_up)
    assert state.linked == "signal" and state.label == str(signal.get_status_display()) and not state.done
    # The tax office's inspector may not follow up the police's finding.
    tax = make_partner_actor(operation, planner, org_type=OrganisationType.BELASTINGDIENST, domain=LegalDomain.FISCAAL)
    with pytest.raises(PermissionDenied):
        follow_up_create(
            actor=tax,
            finding=finding,
            kind=FollowUpKind.WARNING,
            owner=tax.organisation,  # type: ignore[arg-type]
            due_on=timezone.localdate(),
        )


def test_follow_up_with_a_case_becomes_an_intervention(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    make_running(operation, planner)
    finding = _record(planner, operation, first_location(operation), "c-1", domain=LegalDomain.BOUW).finding
    case = make_case(planner)
    follow_up = follow_up_create(
        actor=planner,
        finding=finding,
        kind=FollowUpKind.LAST_ONDER_DWANGSOM,
        owner=tilburg,
        due_on=timezone.localdate() + timedelta(days=28),
        case=case,
    )
    intervention = follow_up.intervention
    assert intervention is not None and intervention.case == case and intervention.type == "last_onder_dwangsom"
    assert Intervention.objects.filter(case=case).count() == 1
    assert selectors.follow_up_state(actor=planner, follow_up=follow_up).reference == case.number
    # A case the actor is no member of is refused by the cases' own service.
    other_case = make_case()
    with pytest.raises(PermissionDenied):
        follow_up_create(
            actor=planner,
            finding=finding,
            kind=FollowUpKind.BIBOB,
            owner=tilburg,
            due_on=timezone.localdate() + timedelta(days=28),
            case=other_case,
        )
    assert FollowUp.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_db_with_audit")
def test_concurrent_retries_record_one_finding(geography: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    from weerbaar.geo.models import Municipality

    tilburg = make_organisation(type=OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    location = first_location(operation)
    barrier = threading.Barrier(4)
    results: list[object] = []
    errors: list[BaseException] = []

    def attempt() -> None:
        try:
            barrier.wait()
            results.append(_record(police, operation, location, "race-1"))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Finding.objects.filter(operation=operation, idempotency_key="race-1").count() == 1
    assert sum(1 for r in results if r.created) == 1  # type: ignore[attr-defined]
    assert len({r.finding.pk for r in results}) == 1  # type: ignore[attr-defined]
