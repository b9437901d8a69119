# SPDX-License-Identifier: EUPL-1.2
"""A non-member never receives content of a case through a hit, a search, the graph or an export.

Breda directs a case naming a person with details only that case holds (an address, a BAG id, a source);
Eindhoven has its own case naming the same person, so Eindhoven's director gets a hit. Every page and API
answer Eindhoven's director can reach about their own subject, their screening, their network and their
export is searched for anything of Breda's case: its number, title and UUID, and the details only Breda's
subject carries. The hit itself must be there (otherwise the test would prove nothing).
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.cases.models import Case
from weerbaar.cases.tests.factories import make_case, make_case_user, make_organisation
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Subject
from weerbaar.correlation.tests.factories import case_subject
from weerbaar.geo.models import Municipality

pytestmark = pytest.mark.django_db

SECRET_DETAILS = {
    "given_names": "Zebedeus",
    "surname": "Quackenbosch",
    "birth_date": "1977-07-17",
    "street": "Geheimestraat",
    "house_number": "13",
    "postcode": "4811 XA",
    "city": "Breda",
}
KNOWN_TO_EINDHOVEN = {"given_names": "Z.", "surname": "Quackenbosch", "birth_date": "1977-07-17"}


@pytest.fixture
def setting(geography: None) -> dict[str, Any]:
    breda = make_organisation("Gemeente Breda", municipality=Municipality.objects.get(code="GM0758"))
    breda_user = make_case_user(organisation=breda, role=Role.CASUSREGISSEUR)
    breda_actor = actor_for(user=breda_user)
    secret_case = make_case(breda_actor, title="Loods Vijfhoek geheim")
    secret = case_subject(
        breda_actor, secret_case, SubjectKind.PERSOON, SECRET_DETAILS, source_detail="Informant Vijfhoek"
    )
    vehicle = case_subject(breda_actor, secret_case, SubjectKind.VOERTUIG, {"plate": "99-ZZQ-9"})
    eindhoven = make_organisation("Gemeente Eindhoven", municipality=Municipality.objects.get(code="GM0772"))
    user = make_case_user(organisation=eindhoven, role=Role.CASUSREGISSEUR)
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    actor = actor_for(user=user)
    own_case = make_case(actor, title="Eigen casus Eindhoven")
    mine = case_subject(actor, own_case, SubjectKind.PERSOON, KNOWN_TO_EINDHOVEN)
    case_subject(actor, own_case, SubjectKind.VOERTUIG, {"plate": "99-ZZQ-9"})
    assert mine.entity_id == secret.entity_id  # otherwise there is no hit and nothing to prove
    return {
        "client": verified_client(user),
        "secret_case": secret_case,
        "secret": secret,
        "vehicle": vehicle,
        "own_case": own_case,
        "mine": mine,
    }


def _forbidden_strings(setting: dict[str, Any]) -> list[str]:
    case: Case = setting["secret_case"]
    secret: Subject = setting["secret"]
    return [
        case.number or "never",
        case.title,
        str(case.uuid),
        "Zebedeus",
        "Geheimestraat",
        "4811",
        "Informant Vijfhoek",
        str(setting["vehicle"].uuid),
        str(secret.case_item.uuid),
    ]


def _assert_clean(body: str, setting: dict[str, Any], where: str) -> None:
    for text in _forbidden_strings(setting):
        assert text not in body, f"{where} leaks {text!r}"


def test_the_hit_is_shown_without_content(setting: dict[str, Any]) -> None:
    client: Client = setting["client"]
    page = client.get(reverse("correlation:subject", kwargs={"uuid": setting["mine"].uuid}))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Gemeente Breda" in body  # the hit: which organisation, nothing else
    _assert_clean(body, setting, "subject page")
    case_page = client.get(reverse("cases:detail", kwargs={"uuid": setting["own_case"].uuid}))
    assert "Gemeente Breda" in case_page.content.decode()
    _assert_clean(case_page.content.decode(), setting, "own case page")
    api = client.get(reverse("api:subjecten-detail", kwargs={"uuid": setting["mine"].uuid}))
    assert api.status_code == 200
    assert api.json()["correlaties"]["treffers"][0]["treffer"]["organisatie"]["naam"] == "Gemeente Breda"
    _assert_clean(api.content.decode(), setting, "subject API")


def test_a_search_gives_a_hit_not_the_content(setting: dict[str, Any]) -> None:
    client: Client = setting["client"]
    answer = client.post(
        reverse("api:subjecten-zoeken"),
        data={"soort": "persoon", "achternaam": "Quackenbosch", "geboortedatum": "1977-07-17", "doel": "Bibob"},
        content_type="application/json",
    )
    assert answer.status_code == 200
    data = answer.json()
    assert [h["organisatie"]["naam"] for h in data["treffers"]] == ["Gemeente Breda"]
    assert {r["betrokkene"]["uuid"] for r in data["resultaten"]} == {str(setting["mine"].uuid)}
    _assert_clean(answer.content.decode(), setting, "screening API")
    page = client.post(
        reverse("correlation:screening"),
        data={"kind": "persoon", "surname": "Quackenbosch", "birth_date": "1977-07-17", "purpose": "Bibob"},
    )
    assert page.status_code == 200 and "Gemeente Breda" in page.content.decode()
    _assert_clean(page.content.decode(), setting, "screening page")


def test_the_graph_and_the_export_hold_no_content(setting: dict[str, Any]) -> None:
    client: Client = setting["client"]
    kwargs = {"kind": "casus", "uuid": setting["own_case"].uuid}
    page = client.get(reverse("correlation:network", kwargs=kwargs))
    assert page.status_code == 200 and "Gemeente Breda" in page.content.decode()
    _assert_clean(page.content.decode(), setting, "network page")
    api = client.get(reverse("api:casussen-netwerk", kwargs={"uuid": setting["own_case"].uuid}))
    assert api.status_code == 200
    assert any(node["soort"] == "hit" for node in api.json()["knopen"])
    _assert_clean(api.content.decode(), setting, "network API")
    export = client.post(reverse("correlation:network_export", kwargs=kwargs), data={"purpose": "Casusoverleg"})
    assert export.status_code == 200
    csv_text = export.content.decode()
    assert "Quackenbosch" in csv_text  # Eindhoven's own subject is exported ...
    assert "Gemeente Breda" not in csv_text  # ... but no hit leaves Weerbaar
    _assert_clean(csv_text, setting, "network export")


def test_the_other_case_itself_stays_closed(setting: dict[str, Any]) -> None:
    client: Client = setting["client"]
    secret_case: Case = setting["secret_case"]
    closed = [
        reverse("correlation:subject", kwargs={"uuid": setting["secret"].uuid}),
        reverse("correlation:network", kwargs={"kind": "casus", "uuid": secret_case.uuid}),
        reverse("api:subjecten-detail", kwargs={"uuid": setting["secret"].uuid}),
        reverse("api:casussen-netwerk", kwargs={"uuid": secret_case.uuid}),
        reverse("cases:detail", kwargs={"uuid": secret_case.uuid}),
    ]
    for url in closed:
        assert client.get(url).status_code == 404, url
