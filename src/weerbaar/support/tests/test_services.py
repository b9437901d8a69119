# SPDX-License-Identifier: EUPL-1.2
"""The desk's services: the two routes into a signal, the identity choice, referrals, consent, the refusal
of support codes to anyone who enforces."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.accounts.services import role_assign
from weerbaar.audit.models import AuditEvent
from weerbaar.core.policy import can
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.correlation.models import Subject
from weerbaar.geo.models import Municipality
from weerbaar.notifications.models import OutboxMessage
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.constants import Channel, Indicator
from weerbaar.signals.models import AnonymousReceipt, Signal
from weerbaar.support import services
from weerbaar.support.constants import ReferralStatus, ReportRoute, ReportStatus
from weerbaar.support.models import ApproachedReport, Referral
from weerbaar.support.tests.factories import (
    FARMER,
    FARMER_PHONE,
    approached_input,
    make_desk,
    make_organisation,
    make_person,
    make_referral,
    make_report,
    referral_input,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(geography: None) -> Any:
    """Boxtel's intake organisation, so filed signals land with a team."""
    return make_organisation(OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0757"))


def _farmer_anywhere(signal: Signal) -> bool:
    texts = [signal.description, signal.forwarded_reference, signal.street, signal.city]
    return any(FARMER in text or FARMER_PHONE in text for text in texts)


def test_anonymous_route_files_a_signal_without_identity_and_keeps_nothing(intake: Any) -> None:
    make_desk()
    submitted = services.approached_submit(
        data=approached_input(route=ReportRoute.ANONIEM, wants_support=False, share_identity=True)
    )
    signal = Signal.objects.get()
    assert submitted.receipt and submitted.reference is None
    assert signal.channel == Channel.ANONIEM
    assert signal.reporter_id is None and signal.reporter_organisation_id is None
    assert signal.organisation == intake
    assert Indicator.HUURAANBOD in signal.indicators
    assert "Grijze bestelbus" in signal.description  # the described vehicles go to the signal
    assert not _farmer_anywhere(signal)
    assert AnonymousReceipt.objects.filter(signal=signal).exists()
    assert not ApproachedReport.objects.exists()  # nothing of the entrepreneur is kept at the desk
    assert not Subject.objects.exists()  # nothing to correlate
    assert AuditEvent.objects.filter(object_uuid=signal.uuid, actor_uuid__isnull=True).exists()


def test_anonymous_route_cannot_ask_for_support(intake: Any) -> None:
    make_desk()
    with pytest.raises(ValidationError) as error:
        services.approached_submit(data=approached_input(route=ReportRoute.ANONIEM, wants_support=True))
    assert "wants_support" in error.value.error_dict
    assert not Signal.objects.exists()


def test_confidential_route_keeps_identity_with_the_trusted_contact_only(intake: Any) -> None:
    desk = make_desk()
    report = make_report()
    assert report.trusted_contact == desk.contact
    assert report.status == ReportStatus.NIEUW and report.contact_name == FARMER
    assert not Signal.objects.exists()  # nothing reaches area B before the trusted contact files it
    (message,) = OutboxMessage.objects.all()
    assert message.recipient == desk.user.email
    assert FARMER not in message.body and report.reference in message.body

    number = services.approached_report_file(
        actor=desk.actor,
        report=report,
        phenomenon="drugslab",
        description=services.report_signal_draft(report),
        include_identity=False,
        expected_version=report.version,
    )
    signal = Signal.objects.get(number=number)
    assert signal.channel == Channel.VERTROUWENSPERSOON
    assert signal.reporter_id is None and signal.reporter_organisation_id is None
    assert not _farmer_anywhere(signal)
    assert signal.forwarded_reference == ""  # nothing on the signal points back to the desk
    report.refresh_from_db()
    assert report.status == ReportStatus.GEMELD and report.signal_number == number
    assert report.contact_name == FARMER  # still with the trusted contact


def test_identity_goes_with_the_signal_only_when_the_entrepreneur_chose_it(intake: Any) -> None:
    desk = make_desk()
    refused = make_report(share_identity=False)
    with pytest.raises(ValidationError) as error:
        services.approached_report_file(
            actor=desk.actor,
            report=refused,
            phenomenon="overig",
            description="Tekst",
            include_identity=True,
            expected_version=refused.version,
        )
    assert "include_identity" in error.value.error_dict
    assert not Signal.objects.exists()

    chosen = make_report(share_identity=True)
    number = services.approached_report_file(
        actor=desk.actor,
        report=chosen,
        phenomenon="overig",
        description="Tekst",
        include_identity=True,
        expected_version=chosen.version,
    )
    assert _farmer_anywhere(Signal.objects.get(number=number))


def test_confidential_route_needs_a_trusted_contact_and_a_way_to_reach(intake: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.approached_submit(data=approached_input())
    assert "municipality" in error.value.error_dict
    make_desk()
    with pytest.raises(ValidationError) as error:
        services.approached_submit(data=approached_input(contact_phone="", contact_email=""))
    assert "contact_phone" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.approached_submit(data=approached_input(contact_phone="bel me"))


def test_filing_twice_and_stale_versions_are_refused(intake: Any) -> None:
    desk = make_desk()
    report = make_report()
    with pytest.raises(StaleVersionError):
        services.approached_report_transition(
            actor=desk.actor, report=report, to_status=ReportStatus.IN_GESPREK, expected_version=report.version + 1
        )
    services.approached_report_file(
        actor=desk.actor,
        report=report,
        phenomenon="overig",
        description="Tekst",
        include_identity=False,
        expected_version=None,
    )
    with pytest.raises(ValidationError):
        services.approached_report_file(
            actor=desk.actor,
            report=report,
            phenomenon="overig",
            description="Tekst",
            include_identity=False,
            expected_version=None,
        )
    assert Signal.objects.count() == 1


def test_referral_with_consent_moves_through_its_statuses(intake: Any) -> None:
    desk = make_desk()
    report = make_report()
    referral = make_referral(desk, report=report)
    assert referral.status == ReferralStatus.VERWEZEN and referral.trusted_contact == desk.contact
    referral = services.referral_transition(
        actor=desk.actor, referral=referral, to_status=ReferralStatus.IN_CONTACT, expected_version=referral.version
    )
    with pytest.raises(ValidationError):
        services.referral_transition(
            actor=desk.actor, referral=referral, to_status=ReferralStatus.VERWEZEN, expected_version=None
        )
    referral = services.referral_transition(
        actor=desk.actor,
        referral=referral,
        to_status=ReferralStatus.ONDERSTEUND,
        outcome="Twee bezoeken.",
        expected_version=None,
    )
    assert referral.outcome == "Twee bezoeken."
    assert [c.to_status for c in referral.status_changes.all()] == ["verwezen", "in_contact", "ondersteund"]


def test_referral_refuses_consent_in_the_future_and_another_desks_provider(intake: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    desk = make_desk()
    other = make_desk()
    with pytest.raises(ValidationError) as error:
        make_referral(desk, consent_at=timezone.localdate() + timedelta(days=1))
    assert "consent_at" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.referral_create(actor=desk.actor, data=referral_input(desk, provider=other.provider))
    assert "provider" in error.value.error_dict


def test_withdrawing_consent_erases_contact_details_and_keeps_an_anonymous_record(intake: Any) -> None:
    desk = make_desk()
    referral = make_referral(desk)
    referral = services.referral_consent_withdraw(actor=desk.actor, referral=referral, expected_version=None)
    stored = Referral.objects.get(pk=referral.pk)
    assert stored.contact_name == stored.contact_phone == stored.contact_email == stored.consent_given_by == ""
    assert stored.consent_withdrawn_at is not None and stored.status == ReferralStatus.GESLOTEN
    assert stored.need and stored.provider_id == desk.provider.pk
    with pytest.raises(ValidationError):
        services.referral_transition(
            actor=desk.actor, referral=stored, to_status=ReferralStatus.GESLOTEN, expected_version=None
        )


def test_another_desk_cannot_touch_a_report_or_referral(intake: Any) -> None:
    desk = make_desk()
    other = make_desk(codes=("GM0363",))
    report = make_report()
    referral = make_referral(desk, report=report)
    with pytest.raises(PermissionDenied):
        services.approached_report_transition(
            actor=other.actor, report=report, to_status=ReportStatus.GESLOTEN, expected_version=None
        )
    with pytest.raises(PermissionDenied):
        services.referral_consent_withdraw(actor=other.actor, referral=referral, expected_version=None)


@pytest.mark.parametrize(
    ("org_type", "role"),
    [
        (OrganisationType.POLITIE, Role.WIJKAGENT),
        (OrganisationType.GEMEENTE, Role.MELDPUNT),
        (OrganisationType.RIEC, Role.RIEC_ANALIST),
        (OrganisationType.GEMEENTE, Role.CASUSREGISSEUR),
        (OrganisationType.GEMEENTE, Role.BOA),
    ],
)
def test_support_codes_are_refused_to_anyone_who_also_enforces(intake: Any, org_type: str, role: str) -> None:
    """A misconfiguration: an enforcing person is also made trusted contact, here or at another organisation."""
    desk = make_desk()
    report = make_report()
    enforcing_org = make_organisation(org_type, municipality=Municipality.objects.get(code="GM0757"))
    person = make_person(enforcing_org, role)
    # The same person also holds the trusted-contact role at the desk's organisation.
    role_assign(actor=None, user=person, organisation=desk.organisation, role=Role.VERTROUWENSPERSOON)
    as_contact = actor_for(user=person, organisation_uuid=desk.organisation.uuid)
    assert Perm.SUPPORT_VIEW in as_contact.permissions  # the role grants it ...
    assert not can(as_contact, Perm.SUPPORT_VIEW)  # ... the policy refuses it
    assert not can(as_contact, Perm.SUPPORT_VIEW, report)
    # and both roles at one enforcing organisation
    role_assign(actor=None, user=person, organisation=enforcing_org, role=Role.VERTROUWENSPERSOON)
    assert not can(actor_for(user=person, organisation_uuid=enforcing_org.uuid), Perm.SUPPORT_VIEW)
    assert can(desk.actor, Perm.SUPPORT_VIEW, report)
