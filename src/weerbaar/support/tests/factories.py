# SPDX-License-Identifier: EUPL-1.2
"""A trusted-contact desk for tests, built through the services (as the demo and the pages build it)."""

from dataclasses import dataclass
from datetime import timedelta
from itertools import count
from typing import Any

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import PASSWORD
from weerbaar.accounts import services as account_services
from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.services import organisation_create
from weerbaar.support import services
from weerbaar.support.constants import AskedFor, ConsentMethod, ProviderKind, ReferredVia, ReportRoute, WhenApproached
from weerbaar.support.models import ApproachedReport, Referral, SupportProvider, TrustedContact

_seq = count(1)
#: Boxtel: the municipality the test desk covers.
AREA_CODE = "GM0757"
#: The entrepreneur's name in every test report: searched for wherever it must not appear.
FARMER = "Hendrikus Zwaluw"
FARMER_PHONE = "06 98765432"


def make_organisation(type: str = OrganisationType.AGRARISCH, **fields: Any) -> Organisation:
    return organisation_create(actor=None, name=f"Organisatie {type} {next(_seq)}", type=type, **fields)


def make_person(organisation: Organisation, role: str, *, screened: bool = True) -> User:
    n = next(_seq)
    user, _password = account_services.user_create(
        actor=None,
        username=f"steun{n}",
        first_name="Test",
        last_name=f"Steun {n}",
        email=f"steun{n}@example.invalid",
        home_organisation=organisation,
        role=role,
        screening_status=ScreeningStatus.PASSED if screened else ScreeningStatus.UNKNOWN,
        password=PASSWORD,
    )
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


@dataclass
class Desk:
    organisation: Organisation
    user: User
    contact: TrustedContact
    provider: SupportProvider

    @property
    def actor(self) -> Actor:
        return actor_for(user=self.user)


def make_desk(organisation: Organisation | None = None, *, codes: tuple[str, ...] = (AREA_CODE,)) -> Desk:
    organisation = organisation or make_organisation()
    user = make_person(organisation, Role.VERTROUWENSPERSOON)
    contact = services.trusted_contact_register(
        actor=None,
        user=user,
        organisation=organisation,
        municipalities=list(Municipality.objects.filter(code__in=codes)),
    )
    provider = services.support_provider_add(
        actor=None, organisation=organisation, kind=ProviderKind.ERFBETREDERS, name="Erfbetreders Test", contact="0800"
    )
    return Desk(organisation=organisation, user=user, contact=contact, provider=provider)


def approached_input(**overrides: Any) -> services.ApproachedInput:
    data: dict[str, Any] = {
        "route": ReportRoute.VERTROUWENSPERSOON,
        "asked_for": [AskedFor.SCHUUR_HUREN],
        "when": WhenApproached.AFGELOPEN_WEEK,
        "municipality": Municipality.objects.get(code=AREA_CODE),
        "account": "Twee mannen boden geld om de lege stal te huren.",
        "answer": "Ik zei dat ik erover na zou denken.",
        "described": "Grijze bestelbus, kenteken begint met VX.",
        "contact_name": FARMER,
        "contact_phone": FARMER_PHONE,
        "wants_support": True,
    }
    data.update(overrides)
    return services.ApproachedInput(**data)


def make_report(**overrides: Any) -> ApproachedReport:
    submitted = services.approached_submit(data=approached_input(**overrides))
    return ApproachedReport.objects.get(reference=submitted.reference)


def referral_input(desk: Desk, **overrides: Any) -> services.ReferralInput:
    data: dict[str, Any] = {
        "provider": desk.provider,
        "referred_via": ReferredVia.VERTROUWENSPERSOON,
        "need": "Een bezoek van de erfbetreders",
        "contact_name": FARMER,
        "contact_phone": FARMER_PHONE,
        "consent_given_by": f"{FARMER}, zelf",
        "consent_at": timezone.localdate() - timedelta(days=1),
        "consent_method": ConsentMethod.MONDELING,
        "consent_scope": "Naam en nummer doorgeven aan de erfbetreders",
    }
    data.update(overrides)
    return services.ReferralInput(**data)


def make_referral(desk: Desk, report: ApproachedReport | None = None, **overrides: Any) -> Referral:
    return services.referral_create(actor=desk.actor, data=referral_input(desk, **overrides), report=report)
