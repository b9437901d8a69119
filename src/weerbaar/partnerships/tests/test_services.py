# SPDX-License-Identifier: EUPL-1.2
"""Services and selectors of area A: set-up, ceilings, readiness, directory with consent, area alerts."""

import json
import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.describers import audit_objects_describe
from weerbaar.audit.models import AuditEvent
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.geo.spatial import point_in_geometry
from weerbaar.notifications.models import OutboxMessage
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships import selectors, services
from weerbaar.partnerships.constants import DataClass, DocumentKind, LegalBasis, RequiredPartner
from weerbaar.partnerships.models import AlertReceipt, AreaAlert, DirectoryEntry
from weerbaar.partnerships.tests.factories import (
    INSIDE,
    OUTSIDE,
    facilitator_actor,
    join,
    make_area,
    make_organisation,
    make_partnership,
    make_person,
    member_actor,
)

pytestmark = pytest.mark.usefixtures("geography")

ENTRY: dict[str, Any] = {
    "description": "Agrarisch loonbedrijf in het buitengebied.",
    "expertise": "Schuren, Drugsafval, schuren",
    "offers": "Kennis van leegstaande stallen.",
    "reachability": "Overdag, via de contactgegevens hieronder.",
    "contact_name": "Jan Boer",
    "contact_phone": "06-12345678",
    "contact_email": "Jan.Boer@Voorbeeld.nl",
    "contact_consent": True,
    "latitude": Decimal("51.590549"),
    "longitude": Decimal("5.329012"),
}


def _lead() -> tuple[Any, Any]:
    lead = make_organisation(OrganisationType.GEMEENTE)
    return lead, make_person(lead, Role.GEBIEDSREGISSEUR)


# --- Setting up -------------------------------------------------------------------------------------


def test_set_up_makes_the_lead_a_participant_and_the_facilitator_its_representative() -> None:
    lead, facilitator = _lead()
    partnership = make_partnership(facilitator)
    assert re.fullmatch(rf"G{timezone.localdate().year}-[A-Z2-9]{{6}}", partnership.number)
    assert partnership.facilitator == facilitator and partnership.lead_organisation == lead
    participant = partnership.participants.get()
    assert participant.organisation == lead and participant.ceiling == DataClass.PERSOONLIJK
    assert participant.representatives.get().user == facilitator
    assert AuditEvent.objects.filter(object_uuid=partnership.uuid, action="create").exists()


def test_the_area_is_made_of_the_municipalities_boundaries() -> None:
    _lead_org, facilitator = _lead()
    partnership = make_partnership(facilitator)
    assert partnership.area["type"] == "MultiPolygon"
    assert point_in_geometry(partnership.area, lat=INSIDE[0], lon=INSIDE[1])
    assert not point_in_geometry(partnership.area, lat=OUTSIDE[0], lon=OUTSIDE[1])


def test_an_uploaded_area_is_validated_with_a_readable_message() -> None:
    _lead_org, facilitator = _lead()
    square = [[5.30, 51.58], [5.35, 51.58], [5.35, 51.60], [5.30, 51.60], [5.30, 51.58]]
    partnership = make_partnership(
        facilitator, codes=(), area_geojson=json.dumps({"type": "Polygon", "coordinates": [square]})
    )
    assert partnership.area_drawn and point_in_geometry(partnership.area, lat=51.59, lon=5.32)
    for bad, words in (
        ("{not json", "not valid JSON"),
        (json.dumps({"type": "Point", "coordinates": [5.3, 51.6]}), "Only an area"),
        (
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [[[155000, 385000], [155100, 385000], [155100, 385100], [155000, 385000]]],
                }
            ),
            "RD",
        ),
        (json.dumps({"type": "Polygon", "coordinates": [[*square[:-1], [5.31, 51.58]]]}), "not closed"),
    ):
        with pytest.raises(ValidationError) as caught:
            make_partnership(facilitator, codes=(), area_geojson=bad)
        assert words in caught.value.message_dict["area_geojson"][0]
    with pytest.raises(ValidationError) as caught:
        make_partnership(facilitator, codes=())
    assert "municipalities" in caught.value.message_dict


def test_only_a_facilitator_of_a_public_organisation_sets_one_up() -> None:
    farmers = make_organisation(OrganisationType.AGRARISCH)
    partner = make_person(farmers, Role.PARTNERVERTEGENWOORDIGER)
    with pytest.raises(PermissionDenied):
        make_partnership(partner)


def test_update_is_versioned_and_audited() -> None:
    _lead_org, facilitator = _lead()
    partnership = make_partnership(facilitator)
    actor = facilitator_actor(partnership)
    services.partnership_update(
        actor=actor, partnership=partnership, expected_version=1, data={"name": "Buitengebied Kempen"}
    )
    partnership.refresh_from_db()
    assert partnership.name == "Buitengebied Kempen" and partnership.version == 2
    with pytest.raises(StaleVersionError):
        services.partnership_update(actor=actor, partnership=partnership, expected_version=1, data={"name": "X"})


# --- Participants and their ceiling ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("org_type", "ceiling", "basis", "words"),
    [
        (OrganisationType.AGRARISCH, DataClass.PERSOONLIJK, LegalBasis.CONVENANT, "private partner"),
        (OrganisationType.NETBEHEERDER, DataClass.PERSOONLIJK, LegalBasis.WGS, "private partner"),
        (OrganisationType.POLITIE, DataClass.PERSOONLIJK, LegalBasis.GEEN, "covenant or a Wgs"),
        (OrganisationType.POLITIE, DataClass.STRAFRECHTELIJK, LegalBasis.WGS, "never shared"),
        (OrganisationType.AGRARISCH, DataClass.STRAFRECHTELIJK, LegalBasis.CONVENANT, "never shared"),
    ],
)
def test_a_ceiling_above_what_the_participant_may_receive_is_refused(
    org_type: str, ceiling: str, basis: str, words: str
) -> None:
    _lead_org, facilitator = _lead()
    partnership = make_partnership(facilitator)
    with pytest.raises(ValidationError) as caught:
        join(partnership, make_organisation(org_type), ceiling=ceiling, legal_basis=basis)
    assert words in caught.value.message_dict["ceiling"][0]
    assert partnership.participants.count() == 1


def test_ceiling_changes_are_audited_and_checked() -> None:
    _lead_org, facilitator = _lead()
    partnership = make_partnership(facilitator)
    police = join(partnership, make_organisation(OrganisationType.POLITIE))
    actor = facilitator_actor(partnership)
    services.participant_ceiling_set(
        actor=actor, participant=police, ceiling=DataClass.PERSOONLIJK, legal_basis=LegalBasis.WGS
    )
    event = AuditEvent.objects.filter(object_uuid=partnership.uuid).latest("id")
    assert event.details["ceiling"] == [DataClass.OPERATIONEEL, DataClass.PERSOONLIJK]
    with pytest.raises(ValidationError):
        services.participant_ceiling_set(
            actor=actor, participant=police, ceiling=DataClass.PERSOONLIJK, legal_basis=LegalBasis.GEEN
        )


def test_an_organisation_takes_part_once_and_others_cannot_add_it() -> None:
    _lead_org, facilitator = _lead()
    partnership = make_partnership(facilitator)
    police = make_organisation(OrganisationType.POLITIE)
    join(partnership, police)
    with pytest.raises(ValidationError):
        join(partnership, police)
    outsider = make_person(make_organisation(OrganisationType.GEMEENTE), Role.GEBIEDSREGISSEUR)
    with pytest.raises(PermissionDenied):
        services.participant_add(
            actor=actor_for(user=outsider),
            partnership=partnership,
            organisation=make_organisation(OrganisationType.POLITIE),
            ceiling=DataClass.OPERATIONEEL,
            legal_basis=LegalBasis.CONVENANT,
        )


def test_a_representative_needs_a_role_there_that_takes_part() -> None:
    _lead_org, facilitator = _lead()
    partnership = make_partnership(facilitator)
    farmers = make_organisation(OrganisationType.AGRARISCH)
    participant = join(partnership, farmers)
    clerk = make_person(farmers, Role.MEDEWERKER)
    elsewhere = make_person(make_organisation(OrganisationType.AGRARISCH), Role.PARTNERVERTEGENWOORDIGER)
    actor = facilitator_actor(partnership)
    for user in (clerk, elsewhere):
        with pytest.raises(ValidationError) as caught:
            services.representative_add(actor=actor, participant=participant, user=user, function="Lid")
        assert farmers.name in caught.value.message_dict["user"][0]
    partner = make_person(farmers, Role.PARTNERVERTEGENWOORDIGER)
    assert services.representable_users(participant=participant) == [partner]
    services.representative_add(actor=actor, participant=participant, user=partner, function="Lid werkgroep")
    assert services.representable_users(participant=participant) == []


def test_leaving_ends_the_representatives_and_hides_the_entry() -> None:
    area = make_area()
    farmers = area.participants[OrganisationType.AGRARISCH]
    rep = area.private_reps[OrganisationType.AGRARISCH]
    services.directory_entry_save(
        actor=member_actor(rep, farmers.organisation), participant=farmers, expected_version=None, data=ENTRY
    )
    police_actor = member_actor(area.police_officer, area.police)
    assert len(selectors.directory_list(actor=police_actor, partnership=area.partnership)) == 1
    services.participant_leave(actor=facilitator_actor(area.partnership), participant=farmers)
    assert not farmers.representatives.filter(ended_at__isnull=True).exists()
    assert selectors.directory_list(actor=police_actor, partnership=area.partnership) == []
    assert selectors.partnership_get(actor=member_actor(rep, farmers.organisation), uuid=area.partnership.uuid) is None
    lead = area.partnership.participants.get(organisation=area.municipality)
    with pytest.raises(ValidationError):
        services.participant_leave(actor=facilitator_actor(area.partnership), participant=lead)


# --- Readiness ---------------------------------------------------------------------------------------


def test_readiness_names_the_missing_partners_and_the_covenant() -> None:
    _lead_org, facilitator = _lead()
    partnership = make_partnership(facilitator)
    readiness = selectors.partnership_readiness(partnership=partnership)
    labels = dict(RequiredPartner.choices)
    assert readiness.missing_partners == [
        str(labels[RequiredPartner.POLITIE]),
        str(labels[RequiredPartner.BRANDWEER]),
        str(labels[RequiredPartner.ONDERNEMERS]),
    ]
    assert not readiness.covenant_signed and not readiness.ready
    police = join(partnership, make_organisation(OrganisationType.POLITIE))
    fire = join(partnership, make_organisation(OrganisationType.VEILIGHEIDSREGIO))
    join(partnership, make_organisation(OrganisationType.JACHT))  # hunters are not the entrepreneurs
    assert selectors.partnership_readiness(partnership=partnership).missing_partners == [
        str(labels[RequiredPartner.ONDERNEMERS])
    ]
    farmers = join(partnership, make_organisation(OrganisationType.AGRARISCH))
    lead = partnership.participants.get(organisation=partnership.lead_organisation)
    services.document_add(
        actor=facilitator_actor(partnership),
        partnership=partnership,
        kind=DocumentKind.CONVENANT,
        signed_on=timezone.localdate(),
        signatories=[lead, police, fire],
    )
    readiness = selectors.partnership_readiness(partnership=partnership)
    assert readiness.covenant_signed and readiness.missing_partners == []
    assert farmers.organisation.name in readiness.not_signed_by
    assert readiness.ready


def test_a_document_is_checked_and_stored_without_metadata(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    _lead_org, facilitator = _lead()
    partnership = make_partnership(facilitator)
    lead = partnership.participants.get()
    actor = facilitator_actor(partnership)
    with pytest.raises(ValidationError):
        services.document_add(
            actor=actor,
            partnership=partnership,
            kind=DocumentKind.CONVENANT,
            signed_on=timezone.localdate(),
            signatories=[lead],
            upload=SimpleUploadedFile("convenant.pdf", b"not a pdf at all"),
        )
    with pytest.raises(ValidationError):
        services.document_add(
            actor=actor,
            partnership=partnership,
            kind=DocumentKind.CONVENANT,
            signed_on=timezone.localdate() + timedelta(days=1),
            signatories=[lead],
        )
    assert not partnership.documents.exists() and not any(tmp_path.rglob("*.*"))


# --- Directory ---------------------------------------------------------------------------------------


def test_a_representative_writes_the_own_entry_with_consent_and_nobody_elses() -> None:
    area = make_area()
    farmers = area.participants[OrganisationType.AGRARISCH]
    rep = area.private_reps[OrganisationType.AGRARISCH]
    actor = member_actor(rep, farmers.organisation)
    entry = services.directory_entry_save(actor=actor, participant=farmers, expected_version=None, data=ENTRY)
    assert entry.contact_phone == "+31612345678" and entry.contact_email == "jan.boer@voorbeeld.nl"
    assert entry.expertise == ["schuren", "drugsafval"]
    assert entry.latitude == Decimal("51.591") and entry.longitude == Decimal("5.329")
    assert entry.consent_at is not None and entry.consent_by == rep
    hunters = area.participants[OrganisationType.JACHT]
    with pytest.raises(PermissionDenied):
        services.directory_entry_save(actor=actor, participant=hunters, expected_version=None, data=ENTRY)
    with pytest.raises(PermissionDenied):
        services.directory_entry_save(
            actor=facilitator_actor(area.partnership), participant=farmers, expected_version=1, data=ENTRY
        )


def test_withdrawing_consent_erases_the_contact_details() -> None:
    area = make_area()
    farmers = area.participants[OrganisationType.AGRARISCH]
    actor = member_actor(area.private_reps[OrganisationType.AGRARISCH], farmers.organisation)
    entry = services.directory_entry_save(actor=actor, participant=farmers, expected_version=None, data=ENTRY)
    entry = services.directory_entry_save(
        actor=actor, participant=farmers, expected_version=entry.version, data={**ENTRY, "contact_consent": False}
    )
    entry.refresh_from_db()
    assert (entry.contact_name, entry.contact_phone, entry.contact_email) == ("", "", "")
    assert entry.consent_at is None and not entry.contact_consent
    with pytest.raises(StaleVersionError):
        services.directory_entry_save(actor=actor, participant=farmers, expected_version=1, data=ENTRY)


def test_contact_details_cannot_slip_into_the_free_texts() -> None:
    area = make_area()
    farmers = area.participants[OrganisationType.AGRARISCH]
    actor = member_actor(area.private_reps[OrganisationType.AGRARISCH], farmers.organisation)
    with pytest.raises(ValidationError) as caught:
        services.directory_entry_save(
            actor=actor,
            participant=farmers,
            expected_version=None,
            data={**ENTRY, "contact_consent": False, "reachability": "Bel 06-12345678 na zessen"},
        )
    assert "reachability" in caught.value.message_dict
    assert not DirectoryEntry.objects.exists()


def test_the_directory_shows_contact_details_only_of_consenting_entries() -> None:
    area = make_area()
    farmers = area.participants[OrganisationType.AGRARISCH]
    hunters = area.participants[OrganisationType.JACHT]
    services.directory_entry_save(
        actor=member_actor(area.private_reps[OrganisationType.AGRARISCH], farmers.organisation),
        participant=farmers,
        expected_version=None,
        data=ENTRY,
    )
    services.directory_entry_save(
        actor=member_actor(area.private_reps[OrganisationType.JACHT], hunters.organisation),
        participant=hunters,
        expected_version=None,
        data={**ENTRY, "contact_consent": False, "expertise": "wild, nachtelijke waarnemingen"},
    )
    for reader in (member_actor(area.police_officer, area.police), facilitator_actor(area.partnership)):
        cards = {
            card.organisation: card for card in selectors.directory_list(actor=reader, partnership=area.partnership)
        }
        assert cards[farmers.organisation.name].contact is not None
        assert cards[hunters.organisation.name].contact is None
    found = selectors.directory_list(
        actor=member_actor(area.police_officer, area.police),
        partnership=area.partnership,
        filters=selectors.DirectoryFilters(expertise="wild"),
    )
    assert [card.organisation for card in found] == [hunters.organisation.name]
    by_type = selectors.directory_list(
        actor=member_actor(area.police_officer, area.police),
        partnership=area.partnership,
        filters=selectors.DirectoryFilters(organisation_type=OrganisationType.AGRARISCH),
    )
    assert [card.organisation for card in by_type] == [farmers.organisation.name]


# --- Area alerts -------------------------------------------------------------------------------------


def test_an_alert_is_sent_to_the_members_by_a_mail_without_content() -> None:
    area = make_area()
    officer = member_actor(area.police_officer, area.police)
    mail.outbox.clear()
    alert = services.alert_send(
        actor=officer,
        partnership=area.partnership,
        theme="drugsafval",
        text="Vaten met drugsafval gedumpt langs de Esschestroom.",
        location_text="Esschestroom bij de Dommelbrug",
        latitude=Decimal("51.59061"),
        longitude=Decimal("5.32911"),
        guidance="Niet aanraken; bel 112.",
    )
    assert re.fullmatch(rf"B{timezone.localdate().year}-[A-Z2-9]{{6}}", alert.number)
    assert alert.latitude == Decimal("51.591")
    recipients = set(OutboxMessage.objects.values_list("recipient", flat=True))
    expected = {rep.email for rep in area.private_reps.values()} | {area.facilitator.email, area.fire_officer.email}
    assert recipients == expected  # the sender is not mailed
    for message in OutboxMessage.objects.all():
        assert area.partnership.name in message.body and str(alert.uuid) in message.body
        assert "Esschestroom" not in message.body and "drugsafval" not in message.body.lower()
    event = AuditEvent.objects.get(object_uuid=alert.uuid)
    assert event.details["mailed"] == len(expected)
    described = audit_objects_describe(actor=officer, refs=[("partnerships.areaalert", alert.uuid)])
    assert described[("partnerships.areaalert", alert.uuid)].label.endswith(alert.number)


def test_an_alert_naming_a_person_is_refused_and_nothing_is_sent() -> None:
    area = make_area()
    with pytest.raises(ValidationError) as caught:
        services.alert_send(
            actor=member_actor(area.police_officer, area.police),
            partnership=area.partnership,
            theme="verdacht_voertuig",
            text="Bestelbus VX-123-Z reed 's nachts langs de schuren.",
        )
    assert "text" in caught.value.message_dict
    assert not AreaAlert.objects.exists() and not OutboxMessage.objects.exists()


def test_only_alert_senders_who_are_members_may_send() -> None:
    area = make_area()
    farmer = member_actor(area.private_reps[OrganisationType.AGRARISCH], area.private_orgs[OrganisationType.AGRARISCH])
    outsider = actor_for(user=make_person(make_organisation(OrganisationType.POLITIE), Role.WIJKAGENT))
    for actor in (farmer, outsider):
        with pytest.raises(PermissionDenied):
            services.alert_send(actor=actor, partnership=area.partnership, theme="overig", text="Let op.")


def test_a_participant_at_aggregate_level_gets_no_alert_and_no_mail() -> None:
    area = make_area()
    agents = area.participants[OrganisationType.MAKELAAR]
    services.participant_ceiling_set(
        actor=facilitator_actor(area.partnership),
        participant=agents,
        ceiling=DataClass.AGGREGAAT,
        legal_basis=LegalBasis.CONVENANT,
    )
    services.alert_send(
        actor=member_actor(area.police_officer, area.police),
        partnership=area.partnership,
        theme="overig",
        text="Let op.",
    )
    agent = area.private_reps[OrganisationType.MAKELAAR]
    assert not OutboxMessage.objects.filter(recipient=agent.email).exists()
    agent_actor = member_actor(agent, agents.organisation)
    assert not selectors.alert_list(actor=agent_actor).exists()
    assert selectors.partnership_get(actor=agent_actor, uuid=area.partnership.uuid) is not None  # still a member


def test_reading_is_counted_once_and_shown_only_as_a_suppressed_total() -> None:
    area = make_area()
    alert = services.alert_send(
        actor=member_actor(area.police_officer, area.police),
        partnership=area.partnership,
        theme="overig",
        text="Let op.",
    )
    readers = list(area.private_reps.items())[:5]
    for org_type, user in readers[:3]:
        actor = member_actor(user, area.private_orgs[org_type])
        assert services.alert_read_mark(actor=actor, alert=alert)
        assert not services.alert_read_mark(actor=actor, alert=alert)
    assert AlertReceipt.objects.filter(alert=alert).count() == 4  # the sender and three readers
    assert selectors.alert_read_total(alert=alert) == "< 5"
    org_type, user = readers[3]
    services.alert_read_mark(actor=member_actor(user, area.private_orgs[org_type]), alert=alert)
    assert selectors.alert_read_total(alert=alert) == "5"
    org_type, user = readers[4]
    assert list(selectors.alert_unread_list(actor=member_actor(user, area.private_orgs[org_type]))) == [alert]
