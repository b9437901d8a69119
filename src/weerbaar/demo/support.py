# SPDX-License-Identifier: EUPL-1.2
"""The trusted contact's desk in the demo, built through the real services: ZLTO's trusted contact
``vertrouwenspersoon.zlto`` covers the municipalities of "Buitengebied De Meierij"; two support providers;
one confidential "I have been approached" report (with a wish for support) and one referral with consent
and an outcome. All people and texts are invented. Idempotent: does nothing when the desk is there.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships.models import Partnership
from weerbaar.support import services
from weerbaar.support.constants import (
    AskedFor,
    ConsentMethod,
    ProviderKind,
    ReferralStatus,
    ReferredVia,
    ReportRoute,
    ReportStatus,
    WhenApproached,
)
from weerbaar.support.models import ApproachedReport, TrustedContact

USERNAME = "vertrouwenspersoon.zlto"
ORGANISATION = "ZLTO afdeling Hart van Brabant"
PARTNERSHIP = "Buitengebied De Meierij"
MUNICIPALITIES = ("GM0757", "GM0845", "GM1948", "GM0824")  # Boxtel, Sint-Michielsgestel, Meierijstad, Oisterwijk


@transaction.atomic
def support_demo_load() -> None:
    user = User.objects.filter(username=USERNAME).first()
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    if user is None or organisation is None or TrustedContact.objects.filter(user=user).exists():
        return
    municipalities = list(Municipality.objects.filter(code__in=MUNICIPALITIES))
    services.trusted_contact_register(
        actor=None,
        user=user,
        organisation=organisation,
        municipalities=municipalities,
        partnership=Partnership.objects.filter(name=PARTNERSHIP).first(),
    )
    volunteers = services.support_provider_add(
        actor=None,
        organisation=organisation,
        kind=ProviderKind.ERFBETREDERS,
        name="Erfbetreders Brabant (fictief)",
        contact="Coördinator via 0800-0000000 (fictief), op werkdagen",
    )
    services.support_provider_add(
        actor=None,
        organisation=organisation,
        kind=ProviderKind.SCHULDHULP,
        name="Schuldhulp Agrarisch Zuid (fictief)",
        contact="Aanmelden via info@schuldhulp.invalid",
    )
    boxtel = next(m for m in municipalities if m.code == "GM0757")
    services.approached_submit(
        data=services.ApproachedInput(
            route=ReportRoute.VERTROUWENSPERSOON,
            asked_for=[AskedFor.SCHUUR_HUREN],
            when=WhenApproached.AFGELOPEN_WEEK,
            municipality=boxtel,
            location_hint="Buitengebied ten noorden van Boxtel",
            account="Twee mannen kwamen op het erf en boden contant geld om de lege varkensstal een jaar te huren. "
            "Ze wilden niet zeggen waarvoor.",
            answer="Ik heb gezegd dat ik erover na zou denken.",
            described="Zwarte bestelbus, Duits kenteken, deels gezien.",
            contact_name="Jan de Boer (fictief)",
            contact_phone="06 00000000",
            contact_when="'s avonds na zevenen",
            share_identity=False,
            wants_support=True,
        )
    )
    actor = actor_for(user=user)
    report = services.approached_submit(
        data=services.ApproachedInput(
            route=ReportRoute.VERTROUWENSPERSOON,
            asked_for=[AskedFor.OPSLAG],
            when=WhenApproached.HALF_JAAR,
            municipality=boxtel,
            account="Iemand vroeg of hij pallets in de werktuigenschuur mocht opslaan, tegen een hoge vergoeding.",
            contact_name="Piet Akker (fictief)",
            contact_email="piet.akker@example.invalid",
            wants_support=True,
        )
    )
    stored = ApproachedReport.objects.get(reference=report.reference)
    stored = services.approached_report_transition(
        actor=actor, report=stored, to_status=ReportStatus.IN_GESPREK, expected_version=None
    )
    referral = services.referral_create(
        actor=actor,
        report=stored,
        data=services.ReferralInput(
            provider=volunteers,
            referred_via=ReferredVia.VERTROUWENSPERSOON,
            need="Een luisterend oor en hulp bij het opzeggen van een lopende afspraak",
            contact_name="Piet Akker (fictief)",
            contact_email="piet.akker@example.invalid",
            consent_given_by="Piet Akker (fictief), zelf",
            consent_at=timezone.localdate() - timedelta(days=20),
            consent_method=ConsentMethod.MONDELING,
            consent_scope="Naam en e-mailadres doorgeven aan de erfbetreders",
        ),
    )
    referral = services.referral_transition(
        actor=actor, referral=referral, to_status=ReferralStatus.IN_CONTACT, expected_version=None
    )
    services.referral_transition(
        actor=actor,
        referral=referral,
        to_status=ReferralStatus.ONDERSTEUND,
        outcome="Twee bezoeken van de erfbetreders; de ondernemer voelt zich gesteund.",
        expected_version=None,
    )
