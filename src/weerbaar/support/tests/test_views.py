# SPDX-License-Identifier: EUPL-1.2
"""The public form and the trusted contact's pages, through the client."""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.models import Signal
from weerbaar.support.constants import SUBMIT_LIMIT_PER_CLIENT, ReferralStatus, ReportStatus
from weerbaar.support.models import ApproachedReport, Referral
from weerbaar.support.tests.factories import (
    FARMER,
    make_desk,
    make_organisation,
    make_person,
    make_referral,
    make_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(geography: None) -> Any:
    cache.clear()  # the submission limit counts in the shared cache
    make_organisation(OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0757"))
    return make_desk()


def _form(**overrides: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "asked_for": ["schuur_huren"],
        "when": "week",
        "municipality": "GM0757",
        "account": "Twee mannen wilden de stal huren.",
        "described": "Grijze bestelbus.",
        "route": "anoniem",
    }
    data.update(overrides)
    return data


def test_public_form_is_open_without_an_account(desk: Any) -> None:
    response = Client().get(reverse("support:approached"))
    assert response.status_code == 200
    assert 'data-testid="approached-form"' in response.content.decode()
    assert 'data-testid="safety-advice"' in response.content.decode()


def test_anonymous_report_shows_the_receipt_code_once(desk: Any) -> None:
    client = Client()
    response = client.post(reverse("support:approached"), _form())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="receipt-code"' in page and "112" in page
    assert 'data-testid="receipt-code"' not in client.get(reverse("support:approached_done")).content.decode()
    assert Signal.objects.get().channel == "anoniem"


def test_logged_in_entrepreneur_stays_anonymous(desk: Any) -> None:
    farmer = make_person(make_organisation(), Role.PARTNERVERTEGENWOORDIGER)
    response = verified_client(farmer).post(reverse("support:approached"), _form())
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.reporter_id is None and signal.reporter_organisation_id is None


def test_confidential_report_reaches_the_trusted_contact(desk: Any) -> None:
    client = Client()
    data = _form(route="vertrouwenspersoon", contact_name=FARMER, contact_phone="0612345678", wants_support="on")
    response = client.post(reverse("support:approached"), data)
    assert response.status_code == 302
    report = ApproachedReport.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert report.reference in page and 'data-testid="done-confidential"' in page
    assert not Signal.objects.exists()
    worklist = verified_client(desk.user).get(reverse("support:worklist")).content.decode()
    assert report.reference in worklist


def test_bad_input_gets_readable_errors_in_dutch(desk: Any) -> None:
    response = Client().post(
        reverse("support:approached"),
        _form(route="vertrouwenspersoon", municipality="GM9999", account="", asked_for=[]),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "weerbaar-error-summary" in page
    assert "Dit veld is vereist" in page
    assert not ApproachedReport.objects.exists()


def test_support_without_the_trusted_contact_is_explained(desk: Any) -> None:
    response = Client().post(reverse("support:approached"), _form(wants_support="on"))
    assert response.status_code == 200
    assert "weerbaar-error-summary" in response.content.decode()
    assert not Signal.objects.exists()


def test_submissions_are_limited(desk: Any) -> None:
    client = Client()
    for _ in range(SUBMIT_LIMIT_PER_CLIENT):
        assert client.post(reverse("support:approached"), _form()).status_code == 302
    response = client.post(reverse("support:approached"), _form())
    assert response.status_code == 429
    assert Signal.objects.count() == SUBMIT_LIMIT_PER_CLIENT


def test_bots_filling_the_honeypot_store_nothing(desk: Any) -> None:
    response = Client().post(reverse("support:approached"), _form(website="http://spam.invalid"))
    assert response.status_code == 302
    assert not Signal.objects.exists()


def test_report_page_shows_the_entrepreneur_and_audits_the_read(desk: Any) -> None:
    report = make_report()
    response = verified_client(desk.user).get(reverse("support:report", kwargs={"uuid": report.uuid}))
    assert response.status_code == 200
    assert FARMER in response.content.decode()
    assert AuditEvent.objects.filter(object_uuid=report.uuid, action="read").exists()


def test_trusted_contact_files_the_signal_from_its_page(desk: Any) -> None:
    report = make_report()
    client = verified_client(desk.user)
    url = reverse("support:report_file", kwargs={"uuid": report.uuid})
    page = client.get(url).content.decode()
    assert 'data-testid="identity-withheld"' in page and FARMER not in page.split("<form", 1)[1]
    response = client.post(
        url, {"version": report.version, "phenomenon": "drugslab", "description": "Huuraanbod voor de stal."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.GEMELD
    assert Signal.objects.get(number=report.signal_number).channel == "vertrouwenspersoon"


def test_stale_form_is_refused_with_409(desk: Any) -> None:
    report = make_report()
    url = reverse("support:report_status", kwargs={"uuid": report.uuid})
    response = verified_client(desk.user).post(url, {"version": report.version + 3, "to_status": "in_gesprek"})
    assert response.status_code == 409


def test_referral_pages_record_consent_status_and_withdrawal(desk: Any) -> None:
    report = make_report()
    client = verified_client(desk.user)
    response = client.post(
        reverse("support:report_refer", kwargs={"uuid": report.uuid}),
        {
            "provider": desk.provider.pk,
            "need": "Een bezoek",
            "referred_via": "vertrouwenspersoon",
            "contact_name": FARMER,
            "contact_phone": "0612345678",
            "consent_given_by": FARMER,
            "consent_at": "2026-01-02",
            "consent_method": "schriftelijk",
            "consent_scope": "Doorgeven aan de erfbetreders",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.report == report and referral.consent_method == "schriftelijk"
    status_url = reverse("support:referral_status", kwargs={"uuid": referral.uuid})
    assert client.post(status_url, {"version": referral.version, "to_status": "in_contact"}).status_code == 302
    referral.refresh_from_db()
    withdraw_url = reverse("support:referral_withdraw", kwargs={"uuid": referral.uuid})
    assert client.post(withdraw_url, {"version": referral.version, "confirm": "on"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.GESLOTEN and referral.contact_name == ""
    detail = client.get(reverse("support:referral", kwargs={"uuid": referral.uuid})).content.decode()
    assert 'data-testid="withdrawn"' in detail and FARMER not in detail
    assert client.get(withdraw_url).status_code == 200  # says it is already withdrawn
    assert client.post(withdraw_url, {"version": referral.version, "confirm": "on"}).status_code == 409


def test_referral_form_errors_are_readable(desk: Any) -> None:
    response = verified_client(desk.user).post(reverse("support:referral_create"), {"need": "x"})
    assert response.status_code == 200
    assert "weerbaar-error-summary" in response.content.decode()
    assert not Referral.objects.exists()


def test_my_work_lists_the_waiting_report_for_the_trusted_contact(desk: Any) -> None:
    report = make_report()
    referral = make_referral(desk, report=report)
    page = verified_client(desk.user).get(reverse("inbox:index")).content.decode()
    assert report.reference in page and referral.reference in page
