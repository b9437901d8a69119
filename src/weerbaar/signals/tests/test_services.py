# SPDX-License-Identifier: EUPL-1.2
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.correlation.models import Subject
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.constants import Channel, LocationKind, PrivacyCheckKind, Status
from weerbaar.signals.meetings import Decision, meeting_create, meeting_decide
from weerbaar.signals.models import AnonymousReceipt, DeletionRecord, Signal, StatusChange
from weerbaar.signals.retention import retention_run
from weerbaar.signals.services import (
    SignalInput,
    StaleVersionError,
    legal_hold_set,
    privacy_check_record,
    signal_create,
    signal_for_receipt,
    signal_transition,
)
from weerbaar.signals.tests.factories import AMSTERDAM_POINT, make_signal

pytestmark = pytest.mark.django_db

CHECK = {
    "purpose": "Nagaan of het pand voor drugsproductie wordt gebruikt.",
    "necessity": "Zonder bronnen geen beeld.",
    "proportionality": "Beperkt tot het adres.",
    "subsidiarity": "Geen lichter middel beschikbaar.",
    "retention": "Vijf jaar na afronding.",
}


@pytest.fixture
def tilburg(geography: None, make_org: Any) -> Any:
    return make_org("Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))


@pytest.fixture
def intake(tilburg: Any, make_user: Any) -> Any:
    return actor_for(user=make_user(organisation=tilburg, role=Role.MELDPUNT))


@pytest.fixture
def schakelteam(tilburg: Any, make_user: Any) -> Any:
    return actor_for(user=make_user(organisation=tilburg, role=Role.SCHAKELTEAM))


def test_point_routes_to_the_municipality_and_its_intake_team(tilburg: Any) -> None:
    signal = make_signal()
    assert signal.municipality.code == "GM0855"
    assert signal.organisation == tilburg
    assert signal.number.startswith("M")
    assert list(signal.status_changes.values_list("to_status", flat=True)) == [Status.ONTVANGEN]


def test_municipality_without_organisation_has_no_intake_team_yet(tilburg: Any) -> None:
    signal = make_signal(point=AMSTERDAM_POINT)
    assert signal.municipality.code == "GM0363"
    assert signal.organisation is None


def test_area_only_needs_a_municipality(tilburg: Any) -> None:
    with pytest.raises(ValidationError):
        signal_create(
            actor=None,
            data=SignalInput(
                channel=Channel.ANONIEM, phenomenon="drugslab", description="x", location_kind=LocationKind.GEBIED
            ),
        )
    signal, _ = signal_create(
        actor=None,
        data=SignalInput(
            channel=Channel.ANONIEM,
            phenomenon="drugslab",
            description="x",
            location_kind=LocationKind.GEBIED,
            municipality=tilburg.municipality,
        ),
    )
    assert signal.organisation == tilburg


@pytest.mark.parametrize(
    "bad",
    [
        {"subjects": [{"kind": "voertuig", "plate": "geen kenteken"}]},
        {"subjects": [{"kind": "voertuig", "plate": "AB-123-C"}, {"kind": "persoon", "given_names": "Jan"}]},
        {"phenomenon": "drugsafvaldumping", "drug_waste": {"dumping_type": "onbekend-soort"}},
    ],
    ids=["bad plate", "second subject without surname", "bad drug-waste details"],
)
def test_bad_input_is_refused_before_anything_is_written(tilburg: Any, bad: dict[str, Any]) -> None:
    """The service writes without a savepoint of its own; a caller inside its own transaction that catches
    the refusal carries on with that transaction (the form shows the error and saves nothing)."""
    data: dict[str, Any] = {
        "channel": Channel.ANONIEM,
        "phenomenon": "drugslab",
        "description": "x",
        "location_kind": LocationKind.GEBIED,
        "municipality": tilburg.municipality,
    }
    with transaction.atomic():
        with pytest.raises(ValidationError):
            signal_create(actor=None, data=SignalInput(**{**data, **bad}))
        assert Signal.objects.count() == 0  # the transaction is still usable, and nothing was written
        signal, _ = signal_create(actor=None, data=SignalInput(**data))
    assert list(Signal.objects.values_list("pk", flat=True)) == [signal.pk]
    assert Subject.objects.count() == 0


def test_anonymous_receipt_is_stored_only_as_hash(tilburg: Any) -> None:
    signal, code = signal_create(
        actor=None,
        data=SignalInput(
            channel=Channel.ANONIEM,
            phenomenon="drugslab",
            description="x",
            location_kind=LocationKind.GEBIED,
            municipality=tilburg.municipality,
        ),
    )
    assert code is not None
    assert len(code.replace("-", "")) * 5 >= 80  # base32: 5 bits per character
    stored = AnonymousReceipt.objects.get(signal=signal)
    assert code.replace("-", "") not in stored.code_hash
    assert signal.reporter is None and signal.reporter_organisation is None
    assert signal_for_receipt(code=code) == signal
    assert signal_for_receipt(code=code.lower().replace("-", " ")) == signal
    assert signal_for_receipt(code="AAAA-BBBB") is None


def test_workflow_refuses_illegal_moves_and_missing_privacy_checks(intake: Any, schakelteam: Any) -> None:
    signal = make_signal()
    with pytest.raises(ValidationError):
        signal_transition(actor=intake, signal=signal, to_status=Status.PLAN_VAN_AANPAK, reason="x")
    signal = signal_transition(actor=intake, signal=signal, to_status=Status.GEKWALIFICEERD)
    with pytest.raises(ValidationError, match="1"):
        signal_transition(actor=schakelteam, signal=signal, to_status=Status.BRONNENONDERZOEK, reason="patroon")
    privacy_check_record(actor=intake, signal=signal, kind=PrivacyCheckKind.CHECK_1, sources="BRP, KvK", **CHECK)
    signal = signal_transition(actor=schakelteam, signal=signal, to_status=Status.BRONNENONDERZOEK, reason="patroon")
    with pytest.raises(ValidationError):
        signal_transition(actor=intake, signal=signal, to_status=Status.PLAN_VAN_AANPAK, reason="aanpak")
    privacy_check_record(actor=intake, signal=signal, kind=PrivacyCheckKind.CHECK_2A, **CHECK)
    privacy_check_record(actor=intake, signal=signal, kind=PrivacyCheckKind.CHECK_2B, **CHECK)
    signal = signal_transition(actor=intake, signal=signal, to_status=Status.PLAN_VAN_AANPAK, reason="aanpak")
    signal = signal_transition(actor=intake, signal=signal, to_status=Status.AFGEROND, reason="klaar")
    history = list(StatusChange.objects.filter(signal=signal).values_list("to_status", flat=True))
    assert history == ["ontvangen", "gekwalificeerd", "bronnenonderzoek", "plan_van_aanpak", "afgerond"]
    assert signal.retention_until is not None


def test_stale_version_is_refused(intake: Any) -> None:
    signal = make_signal()
    loaded_version = signal.version
    signal_transition(actor=intake, signal=signal, to_status=Status.GEKWALIFICEERD, expected_version=loaded_version)
    with pytest.raises(StaleVersionError):
        signal_transition(
            actor=intake, signal=signal, to_status=Status.BUITEN_SCOPE, reason="x", expected_version=loaded_version
        )


def test_status_history_is_append_only(intake: Any) -> None:
    change = make_signal().status_changes.first()
    change.reason = "herschreven"
    with pytest.raises(ValueError, match="append-only"):
        change.save()


def test_meeting_records_all_decisions_in_one_sitting(intake: Any, schakelteam: Any) -> None:
    first, second, third = (make_signal() for _ in range(3))
    for signal in (first, second, third):
        signal_transition(actor=intake, signal=signal, to_status=Status.GEKWALIFICEERD)
    meeting = meeting_create(actor=schakelteam, on=timezone.localdate())
    assert meeting.items.count() == 3
    decided = meeting_decide(
        actor=schakelteam,
        meeting=meeting,
        decisions=[
            Decision(str(first.uuid), Status.GEEN_ACTIE, "Niet concreet genoeg."),
            Decision(str(second.uuid), Status.EXTERN_DOORGEZET, "Naar de politie."),
            Decision(str(third.uuid), "", ""),
        ],
    )
    assert decided == 2
    assert Signal.objects.get(pk=first.pk).status == Status.GEEN_ACTIE
    assert Signal.objects.get(pk=third.pk).status == Status.GEKWALIFICEERD
    with pytest.raises(ValidationError):
        meeting_decide(actor=schakelteam, meeting=meeting, decisions=[])


def test_meeting_is_all_or_nothing(intake: Any, schakelteam: Any) -> None:
    first, second = make_signal(), make_signal()
    for signal in (first, second):
        signal_transition(actor=intake, signal=signal, to_status=Status.GEKWALIFICEERD)
    meeting = meeting_create(actor=schakelteam, on=timezone.localdate())
    with pytest.raises(ValidationError):  # bronnenonderzoek without privacy check 1 fails the whole sitting
        meeting_decide(
            actor=schakelteam,
            meeting=meeting,
            decisions=[
                Decision(str(first.uuid), Status.GEEN_ACTIE, "x"),
                Decision(str(second.uuid), Status.BRONNENONDERZOEK, "y"),
            ],
        )
    assert Signal.objects.get(pk=first.pk).status == Status.GEKWALIFICEERD


def test_retention_warns_keeps_holds_and_records_deletions(
    intake: Any, django_capture_on_commit_callbacks: Any
) -> None:
    expiring, held, later = make_signal(), make_signal(), make_signal()
    today = timezone.localdate()
    Signal.objects.filter(pk=expiring.pk).update(retention_until=today - timedelta(days=1), status=Status.GEEN_ACTIE)
    Signal.objects.filter(pk=held.pk).update(retention_until=today - timedelta(days=1), status=Status.GEEN_ACTIE)
    Signal.objects.filter(pk=later.pk).update(retention_until=today + timedelta(days=10), status=Status.GEEN_ACTIE)
    legal_hold_set(
        actor=intake, signal=Signal.objects.get(pk=held.pk), hold=True, reason="Lopend strafrechtelijk onderzoek"
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = retention_run(today=today)
    assert (report.warned, report.held, report.deleted) == (1, 1, 1)
    assert not Signal.objects.filter(pk=expiring.pk).exists()
    assert Signal.objects.filter(pk=held.pk).exists()
    record = DeletionRecord.objects.get(signal_uuid=expiring.uuid)
    assert record.rule == "retention:geen_actie"
    assert retention_run(today=today).warned == 0  # warned once


def test_drug_waste_follow_up_is_completed_by_intake(intake: Any, client_for: Any) -> None:
    from decimal import Decimal

    from django.urls import reverse

    from weerbaar.signals.models import DrugWasteDetails
    from weerbaar.signals.services import drug_waste_details_set

    signal = make_signal()
    loaded = signal.version
    drug_waste_details_set(actor=intake, signal=signal, data={"dumping_type": "vaten"}, expected_version=loaded)
    with pytest.raises(StaleVersionError):
        drug_waste_details_set(actor=intake, signal=signal, data={"dumping_type": "zakken"}, expected_version=loaded)
    signal.refresh_from_db()
    response = client_for(intake.user).post(
        reverse("signals:drug_waste", kwargs={"uuid": signal.uuid}),
        {
            "version": signal.version,
            "dumping_type": "jerrycans",
            "volume_litres": "400",
            "landowner_type": "agrarier",
            "police_reference": "PL2000-2026123456",
            "cleanup_contractor": "Saneerders BV (synthetisch)",
            "cleanup_costs": "1250.50",
        },
    )
    assert response.status_code == 302
    details = DrugWasteDetails.objects.get(signal=signal)
    assert details.dumping_type == "jerrycans"
    assert details.cleanup_costs == Decimal("1250.50")
    bad = client_for(intake.user).post(
        reverse("signals:drug_waste", kwargs={"uuid": signal.uuid}),
        {"version": signal.version + 1, "dumping_type": "vaten", "cleanup_costs": "-5"},
    )
    assert bad.status_code in (200, 409)
    assert DrugWasteDetails.objects.get(signal=signal).cleanup_costs == Decimal("1250.50")  # nothing overwritten
