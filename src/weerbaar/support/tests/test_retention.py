# SPDX-License-Identifier: EUPL-1.2
"""Retention of the desk's records through the one registry: reports 3 months after filing or closing,
referrals a year after closing; a deletion record remains, the signal lives on in area B."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from weerbaar.core.retention import retention_policy, retention_run
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.models import Signal
from weerbaar.support import services
from weerbaar.support.constants import REFERRAL_RETENTION_DAYS, REPORT_RETENTION_DAYS, ReferralStatus
from weerbaar.support.models import ApproachedReport, DeletionRecord, Referral
from weerbaar.support.tests.factories import make_desk, make_organisation, make_referral, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(geography: None) -> Any:
    make_organisation(OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0757"))
    return make_desk()


def test_both_policies_are_registered() -> None:
    assert retention_policy("support-reports").expired
    assert retention_policy("support-referrals").expired


def test_filed_report_is_destroyed_after_its_period_and_the_signal_stays(desk: Any) -> None:
    report = make_report()
    referral = make_referral(desk, report=report)
    services.approached_report_file(
        actor=desk.actor,
        report=report,
        phenomenon="overig",
        description="Tekst",
        include_identity=False,
        expected_version=None,
    )
    open_report = make_report()
    today = timezone.localdate()
    retention_run(today=today + timedelta(days=REPORT_RETENTION_DAYS - 1), names=["support-reports"])
    assert ApproachedReport.objects.filter(pk=report.pk).exists()
    retention_run(today=today + timedelta(days=REPORT_RETENTION_DAYS), names=["support-reports"])
    assert not ApproachedReport.objects.filter(pk=report.pk).exists()
    assert ApproachedReport.objects.filter(pk=open_report.pk).exists()  # open: no end date yet
    assert Signal.objects.count() == 1
    assert Referral.objects.get(pk=referral.pk).report_id is None
    record = DeletionRecord.objects.get(kind="report")
    assert record.reference == report.reference and record.final_status == "gemeld"


def test_closed_referral_is_destroyed_a_year_after_closing(desk: Any) -> None:
    referral = make_referral(desk)
    still_open = make_referral(desk)
    services.referral_transition(
        actor=desk.actor, referral=referral, to_status=ReferralStatus.GESLOTEN, expected_version=None
    )
    today = timezone.localdate()
    retention_run(today=today + timedelta(days=REFERRAL_RETENTION_DAYS - 1), names=["support-referrals"])
    assert Referral.objects.filter(pk=referral.pk).exists()
    retention_run(today=today + timedelta(days=REFERRAL_RETENTION_DAYS), names=["support-referrals"])
    assert not Referral.objects.filter(pk=referral.pk).exists()
    assert Referral.objects.filter(pk=still_open.pk).exists()
    assert DeletionRecord.objects.filter(kind="referral", reference=referral.reference).exists()
