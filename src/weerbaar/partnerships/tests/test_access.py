# SPDX-License-Identifier: EUPL-1.2
"""Who sees what of a partnership, page by page: every route declares its class, the policy refuses it
below the ceiling, and a private partner of every private type never receives personal or criminal data —
not through a page, the API, a vCard, an alert mail, the start page or the directory (except contact
details their author consented to share, the documented exception)."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.helpers import verified_client
from weerbaar.accounts.constants import Perm, Role
from weerbaar.core.policy import can
from weerbaar.notifications.models import OutboxMessage
from weerbaar.organisations.constants import PRIVATE_TYPES, OrganisationType
from weerbaar.partnerships import services
from weerbaar.partnerships.constants import DataClass, DocumentKind, LegalBasis
from weerbaar.partnerships.models import Participant
from weerbaar.partnerships.permissions import Shown, Shows
from weerbaar.partnerships.tests.factories import (
    INSIDE,
    Area,
    facilitator_actor,
    make_area,
    make_organisation,
    make_person,
    member_actor,
)

pytestmark = pytest.mark.usefixtures("geography")

#: What the test world holds that is personal: nobody private may ever see it.
POLICE_CONTACT = "Agent Geheim"
POLICE_PHONE = "+31612340000"
HUNTER_PHONE = "+31687650000"
ALERT_TEXT = "Vaten met drugsafval langs de Esschestroom."


def _walk(patterns: list[Any], namespace: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            found += _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((f"{namespace}{entry.name}", entry.callback))
    return found


def test_every_route_of_area_a_declares_the_class_it_shows() -> None:
    routes = [
        (name, view)
        for name, view in _walk(get_resolver().url_patterns)
        if name.startswith(("partnerships:", "partnerships_api:"))
    ]
    assert len(routes) >= 19
    undeclared = []
    for name, view in routes:
        shown = getattr(view, "shown", None) or getattr(getattr(view, "cls", None), "shown", None)
        if not isinstance(shown, Shown):
            undeclared.append(name)
    assert not undeclared, f"routes without a declared data class: {undeclared}"


@pytest.fixture
def area() -> Area:
    area = make_area()
    partnership = area.partnership
    # The police agreed to share contact details; the hunters did not.
    services.directory_entry_save(
        actor=member_actor(area.police_officer, area.police),
        participant=area.participants["politie"],
        expected_version=None,
        data={
            "description": "Wijkagenten van het buitengebied.",
            "contact_name": POLICE_CONTACT,
            "contact_phone": POLICE_PHONE,
            "contact_consent": True,
            "latitude": Decimal(INSIDE[0]),
            "longitude": Decimal(INSIDE[1]),
        },
    )
    hunters = area.participants[OrganisationType.JACHT]
    services.directory_entry_save(
        actor=member_actor(area.private_reps[OrganisationType.JACHT], hunters.organisation),
        participant=hunters,
        expected_version=None,
        data={"description": "Jagers.", "contact_phone": HUNTER_PHONE, "contact_consent": False},
    )
    services.document_add(
        actor=facilitator_actor(partnership),
        partnership=partnership,
        kind=DocumentKind.CONVENANT,
        signed_on=timezone.localdate() - timedelta(days=3),
        signatories=list(partnership.participants.all()),
    )
    services.alert_send(
        actor=member_actor(area.police_officer, area.police),
        partnership=partnership,
        theme="drugsafval",
        text=ALERT_TEXT,
        location_text="Esschestroom",
    )
    # Even a stored ceiling of "personal" (written past the service, as a later change of the organisation's
    # type would leave it) gives a private partner no more than operational data.
    Participant.objects.filter(organisation__type__in=PRIVATE_TYPES).update(
        ceiling=DataClass.PERSOONLIJK, legal_basis=LegalBasis.WGS
    )
    return area


def _urls(area: Area) -> dict[str, str]:
    partnership = area.partnership
    kw = {"uuid": partnership.uuid}
    alert = partnership.alerts.get()
    document = partnership.documents.get()
    police_entry = area.participants["politie"].directory_entry
    return {
        "detail": reverse("partnerships:detail", kwargs=kw),
        "directory": reverse("partnerships:directory", kwargs=kw),
        "map": reverse("partnerships:directory_map", kwargs=kw),
        "vcards": reverse("partnerships:directory_vcards", kwargs=kw),
        "vcard": reverse("partnerships:directory_vcard", kwargs={**kw, "entry_uuid": police_entry.uuid}),
        "alert": reverse("partnerships:alert", kwargs={**kw, "alert_uuid": alert.uuid}),
        "representatives": reverse("partnerships:representatives", kwargs=kw),
        "document": reverse("partnerships:document_download", kwargs={**kw, "document_uuid": document.uuid}),
        "start": reverse("core:start"),
        "api_detail": reverse("partnerships_api:gebiedssamenwerkingen-detail", kwargs=kw),
        "api_list": reverse("partnerships_api:gebiedssamenwerkingen-list"),
        "api_participants": reverse("partnerships_api:gebiedssamenwerking-deelnemers", kwargs=kw),
        "api_alerts": reverse("partnerships_api:gebiedsberichten-list"),
    }


@pytest.mark.parametrize("org_type", sorted(PRIVATE_TYPES))
def test_a_private_partner_of_every_type_never_receives_personal_or_criminal_data(area: Area, org_type: str) -> None:
    user = area.private_reps[org_type]
    organisation = area.private_orgs[org_type]
    actor = member_actor(user, organisation)
    partnership = area.partnership
    assert can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, Shown(DataClass.OPERATIONEEL)))
    for data_class in (DataClass.PERSOONLIJK, DataClass.STRAFRECHTELIJK):
        assert not can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, Shown(data_class)))
    assert not can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, Shown(DataClass.STRAFRECHTELIJK, True)))

    client = verified_client(user)
    urls = _urls(area)
    police_name = area.police_officer.display_name
    others = [police_name, area.fire_officer.display_name, area.facilitator.display_name, HUNTER_PHONE]
    for key in (
        "detail",
        "directory",
        "map",
        "vcards",
        "alert",
        "start",
        "api_detail",
        "api_list",
        "api_participants",
        "api_alerts",
    ):
        response = client.get(urls[key])
        assert response.status_code == 200, (key, response.status_code)
        body = response.content.decode()
        for personal in others:
            assert personal not in body, (key, personal)
    # Personal pages: not there for a private partner.
    for key in ("representatives", "document"):
        assert client.get(urls[key]).status_code == 404, key
    # The documented exception: contact details their author consented to share.
    assert POLICE_CONTACT in client.get(urls["directory"]).content.decode()
    assert POLICE_PHONE in client.get(urls["vcard"]).content.decode()
    # Their own people they do see (their own input, no disclosure).
    assert user.display_name in client.get(urls["detail"]).content.decode()


def test_the_alert_mail_holds_no_content_for_anyone(area: Area) -> None:
    messages = list(OutboxMessage.objects.all())
    assert messages
    for message in messages:
        assert ALERT_TEXT not in message.body and "Esschestroom" not in message.body
        assert area.police_officer.display_name not in message.body
        assert area.partnership.name in message.body


def test_a_public_partner_with_a_covenant_sees_the_representatives_and_the_facilitator_too(area: Area) -> None:
    client = verified_client(area.police_officer)
    urls = _urls(area)
    body = client.get(urls["representatives"]).content.decode()
    for person in (area.fire_officer, area.facilitator, *area.private_reps.values()):
        assert person.display_name in body
    assert area.facilitator.display_name in client.get(urls["detail"]).content.decode()
    # Without consent, nobody sees the hunters' phone, whatever their ceiling.
    assert HUNTER_PHONE not in client.get(urls["directory"]).content.decode()
    assert HUNTER_PHONE not in client.get(urls["vcards"]).content.decode()


def test_the_same_public_partner_without_a_legal_basis_is_held_at_operational(area: Area) -> None:
    services.participant_ceiling_set(
        actor=facilitator_actor(area.partnership),
        participant=area.participants["politie"],
        ceiling=DataClass.OPERATIONEEL,
        legal_basis=LegalBasis.GEEN,
    )
    client = verified_client(area.police_officer)
    urls = _urls(area)
    assert client.get(urls["representatives"]).status_code == 404
    assert client.get(urls["detail"]).status_code == 200


def test_a_participant_at_aggregate_level_sees_only_the_figures(area: Area) -> None:
    agents = area.participants[OrganisationType.MAKELAAR]
    services.participant_ceiling_set(
        actor=facilitator_actor(area.partnership),
        participant=agents,
        ceiling=DataClass.AGGREGAAT,
        legal_basis=LegalBasis.CONVENANT,
    )
    user = area.private_reps[OrganisationType.MAKELAAR]
    client = verified_client(user)
    urls = _urls(area)
    for key in ("detail", "directory", "map", "vcards", "alert", "api_detail", "api_participants"):
        assert client.get(urls[key]).status_code == 404, key
    start = client.get(urls["start"]).content.decode()
    assert 'data-testid="start-partnerships"' in start and area.partnership.name in start
    assert ALERT_TEXT not in start and 'data-testid="start-alerts"' not in start
    listing = client.get(reverse("partnerships:list")).content.decode()
    assert area.partnership.name in listing
    assert f'href="{reverse("partnerships:detail", kwargs={"uuid": area.partnership.uuid})}"' not in listing
    assert client.get(urls["api_alerts"]).json()["results"] == []


def test_outsiders_get_the_same_404_as_for_a_partnership_that_does_not_exist(area: Area) -> None:
    urls = _urls(area)
    outsiders = [
        make_person(make_organisation(OrganisationType.AGRARISCH), Role.PARTNERVERTEGENWOORDIGER),
        make_person(make_organisation(OrganisationType.GEMEENTE), Role.GEBIEDSREGISSEUR),
        make_person(area.police, Role.WIJKAGENT),  # the police take part, but this officer is not named
    ]
    for user in outsiders:
        client = verified_client(user)
        for key in ("detail", "directory", "alert", "api_detail"):
            assert client.get(urls[key]).status_code == 404, (user.username, key)


def test_a_former_representative_loses_access(area: Area) -> None:
    rep = area.private_reps[OrganisationType.AGRARISCH]
    representative = area.participants[OrganisationType.AGRARISCH].representatives.get()
    client = verified_client(rep)
    assert client.get(_urls(area)["detail"]).status_code == 200
    services.representative_end(actor=facilitator_actor(area.partnership), representative=representative)
    assert client.get(_urls(area)["detail"]).status_code == 404


def test_trends_on_the_start_page_are_suppressed_counts_inside_the_area(area: Area) -> None:
    from weerbaar.signals.tests.factories import make_signal

    reporter = area.private_reps[OrganisationType.AGRARISCH]
    inside = (Decimal(str(INSIDE[0])), Decimal(str(INSIDE[1])))
    for _n in range(6):
        make_signal(point=inside, phenomenon="drugsafvaldumping")
    for _n in range(2):
        make_signal(point=inside, phenomenon="hennepteelt")
    make_signal(point=(Decimal("52.37"), Decimal("4.89")), phenomenon="wapens")
    body = verified_client(reporter).get(reverse("core:start")).content.decode()
    trend = body[body.index('data-testid="start-trend"') :]
    assert ">6<" in trend and "&lt; 5" in trend
    assert "Weapons" not in trend and "Wapens" not in trend


def _route_kwargs(area: Area, name: str, org_type: str) -> dict[str, Any]:
    """Arguments for every route of area A, pointing at objects of the test area (the partner's own where a
    route is about one participant)."""
    partnership = area.partnership
    own = area.participants[org_type]
    available = {
        "uuid": partnership.uuid,
        "participant_uuid": own.uuid,
        "representative_uuid": own.representatives.get().uuid,
        "document_uuid": partnership.documents.get().uuid,
        "entry_uuid": area.participants["politie"].directory_entry.uuid,
        "alert_uuid": partnership.alerts.get().uuid,
    }
    if name == "partnerships_api:gebiedsberichten-detail":
        return {"uuid": partnership.alerts.get().uuid}
    pattern = next(p for n, p in _patterns() if n == name)
    return {key: value for key, value in available.items() if key in pattern.pattern.regex.groupindex}


def _patterns() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []

    def walk(patterns: list[Any], namespace: str = "") -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or ""
                walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                found.append((f"{namespace}{entry.name}", entry))

    walk(get_resolver().url_patterns)
    return [(n, p) for n, p in found if n.startswith(("partnerships:", "partnerships_api:"))]


@pytest.mark.parametrize("org_type", sorted(PRIVATE_TYPES))
def test_every_route_for_a_private_partner_of_every_type(area: Area, org_type: str) -> None:
    """Every page and API route of area A, walked by the representative of a private partner of each type:
    what their permissions refuse (setting up, sending alerts) is 403 on a page and 404 in the API; what
    shows personal data beyond consented contact details is 404; their own directory entry is theirs to
    write; the rest answers."""
    from weerbaar.core.permissions import permission_spec
    from weerbaar.core.policy import declared_rule

    client = verified_client(area.private_reps[org_type])
    failures = []
    for name, pattern in _patterns():
        view = pattern.callback
        shown = getattr(view, "shown", None) or getattr(getattr(view, "cls", None), "shown", None)
        rule = declared_rule(view)
        assert rule is not None and rule.code and isinstance(shown, Shown), name
        api = name.startswith("partnerships_api:")
        if not permission_spec(rule.code).private_allowed or rule.code == Perm.PARTNERSHIPS_ALERT:
            expected = {404} if api else {403}
        elif shown.required == DataClass.PERSOONLIJK:
            expected = {404}
        else:
            expected = {200}
        status = client.get(reverse(name, kwargs=_route_kwargs(area, name, org_type))).status_code
        if status not in expected:
            failures.append(f"{name}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)
