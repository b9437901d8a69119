# SPDX-License-Identifier: EUPL-1.2
"""Retention of area A data: alerts two years after sending (with their receipts), the directory entry of a
participant that left (contact data at leaving, the entry a year later), a replaced document seven years
after its successor; each destruction leaves an audit event and nothing else is touched."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.core.retention import retention_policy, retention_run
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships import services
from weerbaar.partnerships.constants import DocumentKind
from weerbaar.partnerships.models import AlertReceipt, AreaAlert, DirectoryEntry, PartnershipDocument
from weerbaar.partnerships.tests.factories import Area, facilitator_actor, make_area, member_actor

pytestmark = pytest.mark.usefixtures("geography")

TODAY = date(2031, 6, 15)


@pytest.fixture
def area() -> Area:
    return make_area()


def _alert(area: Area, *, sent_on: date) -> AreaAlert:
    officer = actor_for(user=area.police_officer, organisation_uuid=area.police.uuid)
    alert = services.alert_send(actor=officer, partnership=area.partnership, theme="drugsafval", text="Vaten gevonden.")
    sent = timezone.make_aware(timezone.datetime(sent_on.year, sent_on.month, sent_on.day, 12))
    AreaAlert.objects.filter(pk=alert.pk).update(sent_at=sent)
    return alert


def test_the_policies_are_registered() -> None:
    for name in ("partnership_alerts", "partnership_directory", "partnership_documents"):
        policy = retention_policy(name)
        assert policy.period and policy.legal_basis and policy.remains


def test_an_alert_goes_two_years_after_sending_with_its_receipts(area: Area) -> None:
    old = _alert(area, sent_on=TODAY - timedelta(days=2 * 365 + 1))
    recent = _alert(area, sent_on=TODAY - timedelta(days=2 * 365 - 30))
    farmer = member_actor(area.private_reps[OrganisationType.AGRARISCH], area.private_orgs[OrganisationType.AGRARISCH])
    services.alert_read_mark(actor=farmer, alert=old)
    policy = retention_policy("partnership_alerts")
    assert list(policy.expired(TODAY)) == [old]
    reports = retention_run(today=TODAY, names=["partnership_alerts"])
    assert reports[0].deleted == 1
    assert list(AreaAlert.objects.all()) == [recent]
    assert not AlertReceipt.objects.filter(alert_id=old.pk).exists()
    event = AuditEvent.objects.get(action="delete", object_uuid=old.uuid)
    assert event.actor_uuid is None and event.details["rule"] == "retention"
    assert event.details["number"] == old.number and event.details["receipts"] >= 1
    # Running again on the same day does nothing.
    assert retention_run(today=TODAY, names=["partnership_alerts"])[0].deleted == 0


def test_leaving_erases_the_contact_data_and_the_entry_goes_a_year_later(area: Area) -> None:
    org_type = OrganisationType.AGRARISCH
    participant = area.participants[org_type]
    services.directory_entry_save(
        actor=member_actor(area.private_reps[org_type], area.private_orgs[org_type]),
        participant=participant,
        expected_version=None,
        data={
            "description": "Boeren in het gebied.",
            "contact_name": "Jan Boer",
            "contact_email": "jan@example.invalid",
            "contact_consent": True,
        },
    )
    staying = area.participants["politie"]
    services.directory_entry_save(
        actor=member_actor(area.police_officer, area.police),
        participant=staying,
        expected_version=None,
        data={"description": "De wijkagent.", "contact_name": "Wijkagent", "contact_consent": True},
    )
    left_on = TODAY - timedelta(days=366)
    services.participant_leave(actor=facilitator_actor(area.partnership), participant=participant, left_at=left_on)
    entry = DirectoryEntry.objects.get(participant=participant)
    assert (entry.contact_name, entry.contact_email, entry.contact_consent, entry.consent_at) == ("", "", False, None)
    assert entry.description == "Boeren in het gebied."  # the entry itself stays for now
    policy = retention_policy("partnership_directory")
    assert list(policy.expired(TODAY - timedelta(days=2))) == []  # not a year yet
    assert list(policy.expired(TODAY)) == [entry]
    assert retention_run(today=TODAY, names=["partnership_directory"])[0].deleted == 1
    assert not DirectoryEntry.objects.filter(pk=entry.pk).exists()
    assert DirectoryEntry.objects.get(participant=staying).contact_name == "Wijkagent"  # a current one stays
    event = AuditEvent.objects.get(action="delete", object_uuid=entry.uuid)
    assert event.details["left_on"] == str(left_on) and "Jan" not in str(event.details)


def test_a_replaced_document_goes_seven_years_after_its_successor_the_current_one_stays(area: Area) -> None:
    manager = facilitator_actor(area.partnership)
    everyone = list(area.participants.values())
    first = services.document_add(
        actor=manager,
        partnership=area.partnership,
        kind=DocumentKind.CONVENANT,
        signed_on=date(2020, 1, 10),
        signatories=everyone,
    )
    second = services.document_add(
        actor=manager,
        partnership=area.partnership,
        kind=DocumentKind.CONVENANT,
        signed_on=date(2023, 3, 1),
        signatories=everyone,
    )
    intent = services.document_add(
        actor=manager,
        partnership=area.partnership,
        kind=DocumentKind.INTENTIEVERKLARING,
        signed_on=date(2019, 5, 1),
        signatories=everyone,
    )
    policy = retention_policy("partnership_documents")
    assert list(policy.expired(date(2030, 2, 28))) == []  # the successor was signed less than 7 years ago
    assert list(policy.expired(date(2030, 3, 1))) == [first]
    assert retention_run(today=TODAY, names=["partnership_documents"])[0].deleted == 1
    assert set(PartnershipDocument.objects.all()) == {second, intent}  # the current covenant, the only intent
    event = AuditEvent.objects.get(action="delete", object_uuid=first.uuid)
    assert event.details["kind"] == DocumentKind.CONVENANT and event.details["signed_on"] == "2020-01-10"
