# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.test import Client
from django.urls import reverse

from weerbaar.api.concurrency import etag
from weerbaar.api.services import api_token_issue
from weerbaar.resilience.constants import ActionStatus
from weerbaar.resilience.models import ImprovementAction
from weerbaar.resilience.tests.factories import Office, make_action, make_office, scanned

pytestmark = pytest.mark.django_db


def _client(office: Office) -> Client:
    _token, raw = api_token_issue(user=office.coordinator)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_scans_list_and_detail_with_consolidated_scores_only() -> None:
    office, other = make_office(), make_office()
    scan = scanned(office, level=3, keys=("vergunningen",))
    scanned(other)
    client = _client(office)
    listed = client.get(reverse("resilience_api:weerbaarheidsscans")).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["uuid"] for row in rows] == [str(scan.uuid)]
    detail = client.get(reverse("resilience_api:weerbaarheidsscan", kwargs={"uuid": scan.uuid})).json()
    permits = next(row for row in detail["scores"] if row["sleutel"] == "vergunningen")
    assert permits == {
        "sleutel": "vergunningen",
        "naam": "Vergunningen en ontheffingen",
        "soort": "proces",
        "blootstelling": 2,
        "score": 3.0,
        "respondenten": 3,
    }
    assert detail["processenGewogen"] == 3.0
    assert "antwoorden" not in detail
    other_scan = other.scans[0]
    assert client.get(reverse("resilience_api:weerbaarheidsscan", kwargs={"uuid": other_scan.uuid})).status_code == 404


def test_create_an_action_and_move_it_with_if_match() -> None:
    office = make_office()
    scan = scanned(office, close=False, keys=())
    client = _client(office)
    url = reverse("resilience_api:verbeteracties", kwargs={"uuid": scan.uuid})
    response = client.post(
        url,
        {
            "titel": "Bibob-beleid",
            "eigenaar": str(office.owners[0].uuid),
            "streefdatum": "2030-01-31",
            "procesOfThema": "vergunningen",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    action = ImprovementAction.objects.get(uuid=response.json()["uuid"])
    assert response["ETag"] == etag(action)
    # Strict: an unknown field is refused.
    refused = client.post(
        url,
        {"titel": "X", "eigenaar": str(office.owners[0].uuid), "streefdatum": "2030-01-31", "extra": 1},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert client.get(url).json()[0]["uuid"] == str(action.uuid)

    status_url = reverse("resilience_api:verbeteractie-status", kwargs={"uuid": scan.uuid, "actieUuid": action.uuid})
    body = {"status": ActionStatus.IN_PROGRESS}
    assert client.post(status_url, body, content_type="application/json").status_code == 428
    moved = client.post(status_url, body, content_type="application/json", headers={"If-Match": etag(action)})
    assert moved.status_code == 200
    assert moved.json()["status"] == "in_uitvoering"
    stale = client.post(
        status_url, {"status": "afgerond"}, content_type="application/json", headers={"If-Match": etag(action)}
    )
    assert stale.status_code == 412
    action.refresh_from_db()
    done = client.post(
        status_url, {"status": "afgerond"}, content_type="application/json", headers={"If-Match": etag(action)}
    )
    assert done.status_code == 200
    action.refresh_from_db()
    refused = client.post(
        status_url, {"status": "open"}, content_type="application/json", headers={"If-Match": etag(action)}
    )
    assert refused.status_code == 409


def test_an_action_of_another_organisation_is_404() -> None:
    office, other = make_office(), make_office()
    scan = scanned(office, close=False, keys=())
    action = make_action(office, scan)
    url = reverse("resilience_api:verbeteractie", kwargs={"uuid": scan.uuid, "actieUuid": action.uuid})
    assert _client(office).get(url).status_code == 200
    assert _client(other).get(url).status_code == 404
