# SPDX-License-Identifier: EUPL-1.2
"""The pages of area A as their users go through them: set up, participants, the directory, alerts.

Pages render in Dutch; these tests look at what was stored and at language-free markers."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import AreaAlert, DirectoryEntry, Participant, Partnership
from weerbaar.partnerships.tests.factories import Area, make_area, make_organisation, make_person

pytestmark = pytest.mark.usefixtures("geography")


@pytest.fixture
def area() -> Area:
    return make_area()


def test_a_facilitator_sets_up_a_partnership_through_the_pages() -> None:
    lead = make_organisation(OrganisationType.GEMEENTE)
    client = verified_client(make_person(lead, Role.GEBIEDSREGISSEUR))
    assert client.get(reverse("partnerships:create")).status_code == 200
    # No area at all: the form comes back with the reason, nothing is stored.
    response = client.post(
        reverse("partnerships:create"), {"name": "X", "area_type": "buitengebied", "objectives": "Y"}
    )
    assert response.status_code == 200 and response.context["form"].errors["municipalities"]
    assert not Partnership.objects.exists()
    # A drawn area that is not GeoJSON: the reason lands on the file field.
    response = client.post(
        reverse("partnerships:create"),
        {
            "name": "X",
            "area_type": "buitengebied",
            "objectives": "Y",
            "area_file": SimpleUploadedFile("gebied.geojson", b"{niet: json"),
        },
    )
    assert response.context["form"].errors["area_file"]
    response = client.post(
        reverse("partnerships:create"),
        {
            "name": "Buitengebied De Meierij",
            "area_type": "buitengebied",
            "objectives": "Elkaar kennen.",
            "municipalities": ["GM0757", "GM1948"],
        },
    )
    partnership = Partnership.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(str(partnership.uuid) + "/")
    assert sorted(partnership.municipalities.values_list("code", flat=True)) == ["GM0757", "GM1948"]
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="next-steps"' in page and 'data-testid="action-participant"' in page


def test_a_private_partner_cannot_be_given_personal_data_through_the_page(area: Area) -> None:
    client = verified_client(area.facilitator)
    url = reverse("partnerships:participant_add", kwargs={"uuid": area.partnership.uuid})
    farmers = make_organisation(OrganisationType.AGRARISCH)
    response = client.post(
        url, {"organisation": farmers.pk, "ceiling": DataClass.PERSOONLIJK, "legal_basis": "wgs_aanwijzing"}
    )
    assert response.status_code == 200 and response.context["form"].errors["ceiling"]
    assert not Participant.objects.filter(organisation=farmers).exists()
    # Criminal-offence data are not even offered.
    assert DataClass.STRAFRECHTELIJK not in dict(response.context["form"].fields["ceiling"].choices)
    response = client.post(
        url, {"organisation": farmers.pk, "ceiling": DataClass.OPERATIONEEL, "legal_basis": "convenant"}
    )
    participant = Participant.objects.get(organisation=farmers)
    assert response.status_code == 302
    rep = make_person(farmers, Role.PARTNERVERTEGENWOORDIGER)
    add = reverse(
        "partnerships:representative_add", kwargs={"uuid": area.partnership.uuid, "participant_uuid": participant.uuid}
    )
    assert client.post(add, {"user": rep.pk, "function": "Contactpersoon"}).status_code == 302
    assert participant.representatives.get().user == rep


def test_a_partner_writes_its_entry_and_sees_the_directory(area: Area) -> None:
    participant = area.participants[OrganisationType.AGRARISCH]
    client = verified_client(area.private_reps[OrganisationType.AGRARISCH])
    edit = reverse(
        "partnerships:directory_edit", kwargs={"uuid": area.partnership.uuid, "participant_uuid": participant.uuid}
    )
    data: dict[str, Any] = {
        "version": 1,
        "description": "Boeren van de Meierij.",
        "expertise": "schuren, drugsafval",
        "reachability": "Bel ons op 06-12345678",
        "contact_consent": "on",
        "contact_name": "Demo Boer",
        "contact_phone": "06 12345678",
    }
    response = client.post(edit, data)
    assert response.status_code == 200 and response.context["form"].errors["reachability"]
    assert not DirectoryEntry.objects.exists()
    response = client.post(edit, {**data, "reachability": "Overdag."})
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get()
    assert entry.contact_phone == "+31612345678" and entry.contact_consent
    page = client.get(
        reverse("partnerships:directory", kwargs={"uuid": area.partnership.uuid}), {"expertise": "schuren"}
    )
    assert page.status_code == 200 and "+31612345678" in page.content.decode()
    vcard = client.get(reverse("partnerships:directory_vcards", kwargs={"uuid": area.partnership.uuid}))
    assert (
        vcard["Content-Type"].startswith("text/vcard") and "TEL;TYPE=WORK,VOICE:+31612345678" in vcard.content.decode()
    )
    # Someone else's entry is not theirs to write.
    hunters = area.participants[OrganisationType.JACHT]
    other = reverse(
        "partnerships:directory_edit", kwargs={"uuid": area.partnership.uuid, "participant_uuid": hunters.uuid}
    )
    assert client.get(other).status_code == 404
    # A form loaded before someone else saved does not overwrite the newer entry.
    assert client.post(edit, {**data, "reachability": "Overdag en 's avonds.", "version": 1}).status_code == 302
    response = client.post(edit, {**data, "reachability": "'s Avonds.", "version": 1})
    assert response.status_code == 409
    entry.refresh_from_db()
    assert entry.reachability == "Overdag en 's avonds." and entry.version == 2


def test_the_map_data_hold_the_area_and_the_points_without_contact_details(area: Area) -> None:
    from decimal import Decimal

    from weerbaar.partnerships import services
    from weerbaar.partnerships.tests.factories import member_actor

    participant = area.participants["politie"]
    services.directory_entry_save(
        actor=member_actor(area.police_officer, area.police),
        participant=participant,
        expected_version=None,
        data={
            "contact_name": "Agent Demo",
            "contact_consent": True,
            "latitude": Decimal("51.59"),
            "longitude": Decimal("5.33"),
        },
    )
    client = verified_client(area.private_reps[OrganisationType.JACHT])
    response = client.get(reverse("partnerships:directory_map", kwargs={"uuid": area.partnership.uuid}))
    assert response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    assert features[0]["properties"]["kind"] == "area" and features[0]["geometry"]["type"] == "MultiPolygon"
    assert features[1]["geometry"]["coordinates"] == [5.33, 51.59]
    assert "Agent Demo" not in response.content.decode()


def test_an_alert_with_a_plate_comes_back_with_the_reason_and_a_good_one_is_read(area: Area) -> None:
    officer = verified_client(area.police_officer)
    compose = reverse("partnerships:alert_compose", kwargs={"uuid": area.partnership.uuid})
    page = officer.get(compose).content.decode()
    assert 'data-testid="saar"' in page
    response = officer.post(compose, {"theme": "verdacht_voertuig", "text": "Busje VX-123-Z bij de schuren."})
    assert response.status_code == 200 and response.context["form"].errors["text"]
    assert not AreaAlert.objects.exists()
    response = officer.post(
        compose, {"theme": "verdacht_voertuig", "text": "Witte bestelbus, merk Ford, bij de schuren."}
    )
    alert = AreaAlert.objects.get()
    assert response.status_code == 302
    farmer = verified_client(area.private_reps[OrganisationType.AGRARISCH])
    inbox = farmer.get(reverse("inbox:index")).content.decode()
    assert alert.number in inbox
    read = farmer.get(reverse("partnerships:alert", kwargs={"uuid": area.partnership.uuid, "alert_uuid": alert.uuid}))
    assert read.status_code == 200 and "Ford" in read.content.decode()
    assert alert.number not in farmer.get(reverse("inbox:index")).content.decode()
    # A farmer cannot send one.
    assert farmer.get(compose).status_code == 403


def test_the_set_up_page_refuses_a_stale_form(area: Area) -> None:
    client = verified_client(area.facilitator)
    edit = reverse("partnerships:edit", kwargs={"uuid": area.partnership.uuid})
    form = client.get(edit).context["form"]
    data = {
        "name": "Nieuwe naam",
        "area_type": "buitengebied",
        "objectives": "Doelen.",
        "municipalities": ["GM0757"],
        "facilitator": area.facilitator.pk,
        "version": form.initial["version"],
    }
    assert client.post(edit, data).status_code == 302
    response = client.post(edit, {**data, "name": "Oude naam"})
    assert response.status_code == 409
    area.partnership.refresh_from_db()
    assert area.partnership.name == "Nieuwe naam"


def test_all_alerts_page_by_page_and_by_theme(area: Area) -> None:
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.partnerships import services
    from weerbaar.partnerships.constants import LegalBasis
    from weerbaar.partnerships.tests.factories import facilitator_actor

    officer = actor_for(user=area.police_officer, organisation_uuid=area.police.uuid)
    for n in range(27):
        theme = "drugsafval" if n % 3 == 0 else "diefstal"
        services.alert_send(actor=officer, partnership=area.partnership, theme=theme, text=f"Bericht nummer {n}.")
    url = reverse("partnerships:alerts", kwargs={"uuid": area.partnership.uuid})
    farmer = verified_client(area.private_reps[OrganisationType.AGRARISCH])
    detail = farmer.get(reverse("partnerships:detail", kwargs={"uuid": area.partnership.uuid})).content.decode()
    assert url in detail  # linked from the partnership's page, which shows the latest 10
    first = farmer.get(url)
    assert first.status_code == 200 and first.context["page"].paginator.count == 27
    assert len(first.context["page"].object_list) == 25
    newest = AreaAlert.objects.order_by("-sent_at", "-id").first()
    assert newest is not None and first.context["page"].object_list[0] == newest
    second = farmer.get(url, {"pagina": "2"})
    assert len(second.context["page"].object_list) == 2
    assert farmer.get(url, {"pagina": "x"}).status_code == 200  # a bad page number gives a page, not an error
    drugs = farmer.get(url, {"theme": "drugsafval"})
    assert drugs.context["page"].paginator.count == 9
    assert {a.theme for a in drugs.context["page"].object_list} == {"drugsafval"}
    unknown = farmer.get(url, {"theme": "bestaat-niet"})  # an unknown theme: the form says so, all alerts show
    assert unknown.status_code == 200 and unknown.context["form"].errors["theme"]
    assert unknown.context["page"].paginator.count == 27
    # Listing them opens none: nothing is marked read.
    assert not newest.receipts.filter(user=area.private_reps[OrganisationType.AGRARISCH]).exists()
    # A participant agreed at aggregate level does not receive alerts: the page is not there for it.
    agents = area.participants[OrganisationType.MAKELAAR]
    services.participant_ceiling_set(
        actor=facilitator_actor(area.partnership),
        participant=agents,
        ceiling=DataClass.AGGREGAAT,
        legal_basis=LegalBasis.CONVENANT,
    )
    assert verified_client(area.private_reps[OrganisationType.MAKELAAR]).get(url).status_code == 404
    outsider = make_person(make_organisation(OrganisationType.AGRARISCH), Role.PARTNERVERTEGENWOORDIGER)
    assert verified_client(outsider).get(url).status_code == 404
