# SPDX-License-Identifier: EUPL-1.2
"""The certification API: measures (list, create, detail, status change with ETag and If-Match),
inspection walks with findings but no photos, and certificates."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from weerbaar.api.services import api_token_issue
from weerbaar.certification.constants import MeasureStatus
from weerbaar.certification.tests.world import AuditWorld, audit_world
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships.tests.factories import make_area

pytestmark = pytest.mark.usefixtures("geography")


def _client(user: Any) -> Client:
    _token, raw = api_token_issue(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def made() -> AuditWorld:
    area = make_area()
    return audit_world(area.municipality, area=area)


def test_members_list_measures_walks_and_certificates(made: AuditWorld) -> None:
    assert made.area is not None
    client = _client(made.area.private_reps[OrganisationType.JACHT])
    kw = {"uuid": made.partnership.uuid}
    rows = client.get(reverse("certification_api:maatregelen-list", kwargs=kw)).json()["results"]
    assert len(rows) == 4
    assert {row["status"] for row in rows} == {MeasureStatus.UITGEVOERD}
    assert rows[0]["eigenaar"]["naam"] == made.area.participants["politie"].organisation.name
    walk_rows = client.get(reverse("certification_api:schouwen-list", kwargs=kw)).json()["results"]
    assert walk_rows[0]["dagdeel"] == "dag" and walk_rows[0]["aantalBevindingen"] == 1
    detail = client.get(reverse("certification_api:schouwen-detail", kwargs={**kw, "walk_uuid": made.walk.uuid}))
    finding = detail.json()["bevindingen"][0]
    assert set(finding) == {"uuid", "thema", "omschrijving", "breedtegraad", "lengtegraad", "maatregelen"}
    assert finding["breedtegraad"] == 51.59
    assert client.get(reverse("certification_api:certificaten-list", kwargs=kw)).json()["results"] == []


def test_the_manager_creates_a_measure_and_a_partner_may_not(made: AuditWorld) -> None:
    assert made.area is not None
    kw = {"uuid": made.partnership.uuid}
    url = reverse("certification_api:maatregelen-list", kwargs=kw)
    body = {
        "thema": "verlichting",
        "titel": "Extra lantaarnpalen bij het kruispunt",
        "eigenaar": str(made.area.participants["politie"].uuid),
        "uitvoerder": str(made.area.participants[OrganisationType.AGRARISCH].uuid),
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    response = _client(made.area.facilitator).post(url, body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response["ETag"] and response["Location"].endswith(response.json()["uuid"])
    farmer = _client(made.area.private_reps[OrganisationType.AGRARISCH])
    assert farmer.post(url, body, content_type="application/json").status_code == 404
    bad = {**body, "titel": "Bel 06-12345678", "eigenaar": str(made.partnership.uuid)}
    refused = _client(made.area.facilitator).post(url, bad, content_type="application/json")
    assert refused.status_code == 400 and "eigenaar" in str(refused.json())
    unknown = _client(made.area.facilitator).post(url, {**body, "extra": 1}, content_type="application/json")
    assert unknown.status_code == 400


def test_the_status_change_needs_the_etag_and_follows_the_table(made: AuditWorld) -> None:
    assert made.area is not None
    kw = {"uuid": made.partnership.uuid, "measure_uuid": made.measure.uuid}
    detail_url = reverse("certification_api:maatregelen-detail", kwargs=kw)
    status_url = reverse("certification_api:maatregelen-status", kwargs=kw)
    farmer = _client(made.area.private_reps[OrganisationType.AGRARISCH])  # the executor
    etag = farmer.get(detail_url)["ETag"]
    body = {"status": "in_uitvoering", "toelichting": "Nog een stap te doen."}
    assert farmer.post(status_url, body, content_type="application/json").status_code == 428
    assert (
        farmer.post(status_url, body, content_type="application/json", headers={"If-Match": '"v99-x"'}).status_code
        == 412
    )
    moved = farmer.post(status_url, body, content_type="application/json", headers={"If-Match": etag})
    assert moved.status_code == 200 and moved.json()["status"] == "in_uitvoering"
    assert moved["ETag"] != etag
    # Dropped, a measure cannot be carried out without being planned again: 409 with the reason.
    dropped = farmer.post(
        status_url, {"status": "vervallen"}, content_type="application/json", headers={"If-Match": moved["ETag"]}
    )
    refused = farmer.post(
        status_url, {"status": "uitgevoerd"}, content_type="application/json", headers={"If-Match": dropped["ETag"]}
    )
    assert (
        refused.status_code == 409 and "cannot go to" in refused.json()["detail"].lower()
    ) or refused.status_code == 409
    hunter = _client(made.area.private_reps[OrganisationType.JACHT])
    assert hunter.post(status_url, body, content_type="application/json").status_code == 404
