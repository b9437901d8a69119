# SPDX-License-Identifier: EUPL-1.2
"""Nobody in enforcement sees anything of the desk: not its pages, not its start page or My work rows, not
in the signal the desk filed, not in correlation, not in the API, not in their organisation's audit trail."""

from typing import Any

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.correlation.models import Subject
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.models import Signal
from weerbaar.support import services
from weerbaar.support.tests.factories import (
    FARMER,
    FARMER_PHONE,
    make_desk,
    make_organisation,
    make_person,
    make_referral,
    make_report,
)

pytestmark = pytest.mark.django_db

ENFORCEMENT = [
    (OrganisationType.POLITIE, Role.WIJKAGENT),
    (OrganisationType.POLITIE, Role.PARTNERVERTEGENWOORDIGER),
    (OrganisationType.GEMEENTE, Role.MELDPUNT),
    (OrganisationType.GEMEENTE, Role.SCHAKELTEAM),
    (OrganisationType.GEMEENTE, Role.CASUSREGISSEUR),
    (OrganisationType.GEMEENTE, Role.BOA),
    (OrganisationType.RIEC, Role.RIEC_ANALIST),
    (OrganisationType.OM, Role.PARTNERVERTEGENWOORDIGER),
    (OrganisationType.BELASTINGDIENST, Role.PARTNERVERTEGENWOORDIGER),
    (OrganisationType.GEMEENTE, Role.AUDITOR),
]


@pytest.fixture
def world(geography: None) -> dict[str, Any]:
    boxtel = make_organisation(OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0757"))
    desk = make_desk()
    report = make_report(share_identity=False)
    referral = make_referral(desk, report=report)
    open_report = make_report()
    number = services.approached_report_file(
        actor=desk.actor,
        report=report,
        phenomenon="drugslab",
        description=services.report_signal_draft(report),
        include_identity=False,
        expected_version=None,
    )
    return {
        "boxtel": boxtel,
        "desk": desk,
        "report": report,
        "open": open_report,
        "referral": referral,
        "number": number,
    }


def _urls(world: dict[str, Any]) -> list[str]:
    report, referral = world["report"], world["referral"]
    return [
        reverse("support:worklist"),
        reverse("support:referral_create"),
        *(
            reverse(f"support:{name}", kwargs={"uuid": report.uuid})
            for name in ("report", "report_status", "report_file", "report_refer")
        ),
        *(
            reverse(f"support:{name}", kwargs={"uuid": referral.uuid})
            for name in ("referral", "referral_edit", "referral_status", "referral_withdraw")
        ),
    ]


@pytest.mark.parametrize(("org_type", "role"), ENFORCEMENT)
def test_enforcement_sees_nothing_of_the_desk(world: dict[str, Any], org_type: str, role: str) -> None:
    organisation = world["boxtel"] if org_type == OrganisationType.GEMEENTE else make_organisation(org_type)
    client = verified_client(make_person(organisation, role))
    for url in _urls(world):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    secrets = (FARMER, FARMER_PHONE, world["referral"].reference, world["report"].reference, world["open"].reference)
    pages = [reverse("core:start"), reverse("inbox:index"), "/api/v1/openapi.json"]
    for url in pages:
        body = client.get(url).content.decode()
        assert not any(secret in body for secret in secrets), url
        assert reverse("support:worklist") not in body, url
    if role == Role.MELDPUNT:
        # The intake team sees the filed signal, and nothing in it of the entrepreneur or the referral.
        signal = Signal.objects.get(number=world["number"])
        body = client.get(reverse("signals:detail", kwargs={"uuid": signal.uuid})).content.decode()
        assert signal.number in body
        assert not any(secret in body for secret in secrets)
    if role == Role.AUDITOR:
        body = client.get(reverse("audit:list")).content.decode()
        assert not any(secret in body for secret in secrets)
        assert "support" not in body.lower() or "Approached" not in body


def test_nothing_of_the_desk_is_correlated(world: dict[str, Any]) -> None:
    """Correlation indexes subjects of signals and case items only; the desk registers none, and the signal it
    filed carries no identity of the entrepreneur to be found."""
    assert not Subject.objects.exists()
    signal = Signal.objects.get(number=world["number"])
    assert FARMER not in signal.description and FARMER_PHONE not in signal.description
    assert not hasattr(signal, "referrals") and not hasattr(signal, "approached_reports")


def test_the_trusted_contact_does_see_the_desk(world: dict[str, Any]) -> None:
    client = verified_client(world["desk"].user)
    for url in _urls(world):
        assert client.get(url).status_code == 200, url
    body = client.get(reverse("core:start")).content.decode()
    assert reverse("support:worklist") in body
