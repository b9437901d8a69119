# SPDX-License-Identifier: EUPL-1.2
"""Who sees what of the certification, route by route: every route declares its class; a private partner
of every type never receives a photo or other personal data — not through a page, the API, the audit
pack or the start page; a participant agreed at figures only sees the comparison and nothing else."""

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.helpers import verified_client
from weerbaar.certification.tests.world import AuditWorld, audit_world
from weerbaar.organisations.constants import PRIVATE_TYPES, OrganisationType
from weerbaar.partnerships import services as partnership_services
from weerbaar.partnerships.constants import DataClass, LegalBasis
from weerbaar.partnerships.permissions import Shown
from weerbaar.partnerships.tests.factories import facilitator_actor, make_area

pytestmark = pytest.mark.usefixtures("geography")


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
    return [(n, p) for n, p in found if n.startswith(("certification:", "certification_api:"))]


def test_every_route_of_the_certification_declares_the_class_it_shows() -> None:
    routes = _patterns()
    assert len(routes) >= 34
    undeclared = [
        name
        for name, pattern in routes
        if not isinstance(
            getattr(pattern.callback, "shown", None) or getattr(getattr(pattern.callback, "cls", None), "shown", None),
            Shown,
        )
    ]
    assert not undeclared, f"routes without a declared data class: {undeclared}"


@pytest.fixture
def made() -> AuditWorld:
    area = make_area()
    return audit_world(area.municipality, area=area)


def _kwargs(made: AuditWorld, pattern: Any) -> dict[str, Any]:
    available = {
        "uuid": made.partnership.uuid,
        "measurement_uuid": made.measurement.uuid,
        "walk_uuid": made.walk.uuid,
        "finding_uuid": made.finding.uuid,
        "photo_uuid": made.photo.uuid,
        "measure_uuid": made.measure.uuid,
        "audit_uuid": made.audit.uuid,
        "meeting_uuid": made.meeting.uuid,
    }
    return {key: value for key, value in available.items() if key in pattern.pattern.regex.groupindex}


@pytest.mark.parametrize("org_type", sorted(PRIVATE_TYPES))
def test_every_route_for_a_private_partner_of_every_type(made: AuditWorld, org_type: str) -> None:
    """Running the cycle is refused (403 on a page, 404 in the API); what shows personal data (a photo, the
    ZIP with the signed covenant) is 404; the farmers' representative, executor of the measure, may update it."""
    from weerbaar.core.permissions import permission_spec
    from weerbaar.core.policy import declared_rule

    assert made.area is not None
    client = verified_client(made.area.private_reps[org_type])
    failures = []
    for name, pattern in _patterns():
        view = pattern.callback
        shown = getattr(view, "shown", None) or getattr(getattr(view, "cls", None), "shown", None)
        rule = declared_rule(view)
        assert rule is not None and rule.code and isinstance(shown, Shown), name
        api = name.startswith("certification_api:")
        if not permission_spec(rule.code).private_allowed:
            expected = {404} if api else {403}
        elif shown.required == DataClass.PERSOONLIJK:
            expected = {404}
        elif name == "certification:measure_progress":
            expected = {200} if org_type == OrganisationType.AGRARISCH else {404}
        elif name == "certification_api:maatregelen-status":
            expected = {428} if org_type == OrganisationType.AGRARISCH else {404}
        else:
            expected = {200}
        url = reverse(name, kwargs=_kwargs(made, pattern))
        status = (client.post(url) if name.endswith(("-status", "cycle_start")) else client.get(url)).status_code
        if status not in expected:
            failures.append(f"{name}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("org_type", sorted(PRIVATE_TYPES))
def test_a_private_partner_never_gets_a_photo(made: AuditWorld, org_type: str) -> None:
    assert made.area is not None
    client = verified_client(made.area.private_reps[org_type])
    kw = {"uuid": made.partnership.uuid}
    photo_url = reverse("certification:photo", kwargs={**kw, "photo_uuid": made.photo.uuid})
    assert client.get(photo_url).status_code == 404
    walk = client.get(reverse("certification:walk", kwargs={**kw, "walk_uuid": made.walk.uuid})).content.decode()
    assert 'data-testid="finding"' in walk and photo_url not in walk and str(made.photo.uuid) not in walk
    api = client.get(reverse("certification_api:schouwen-detail", kwargs={**kw, "walk_uuid": made.walk.uuid}))
    assert api.status_code == 200 and str(made.photo.uuid) not in api.content.decode()
    assert "foto" not in api.content.decode().lower()
    assert client.get(reverse("certification:pack_zip", kwargs=kw)).status_code in (403, 404)
    assert client.get(reverse("certification:pack_pdf", kwargs=kw)).status_code in (403, 404)
    # Names of who moved the cycle are personal: not in the history a private partner sees.
    page = client.get(reverse("certification:cycle", kwargs=kw)).content.decode()
    assert made.area.facilitator.display_name not in page


def test_the_facilitator_sees_the_photo_and_its_read_is_audited(made: AuditWorld) -> None:
    from weerbaar.audit.models import AuditEvent

    assert made.area is not None
    client = verified_client(made.area.facilitator)
    kw = {"uuid": made.partnership.uuid}
    photo_url = reverse("certification:photo", kwargs={**kw, "photo_uuid": made.photo.uuid})
    walk = client.get(reverse("certification:walk", kwargs={**kw, "walk_uuid": made.walk.uuid})).content.decode()
    assert photo_url in walk
    response = client.get(photo_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("image/")
    assert AuditEvent.objects.filter(details__photo=str(made.photo.uuid)).exists()


def test_a_participant_at_aggregate_level_sees_only_the_comparison(made: AuditWorld) -> None:
    assert made.area is not None
    agents = made.area.participants[OrganisationType.MAKELAAR]
    partnership_services.participant_ceiling_set(
        actor=facilitator_actor(made.partnership),
        participant=agents,
        ceiling=DataClass.AGGREGAAT,
        legal_basis=LegalBasis.CONVENANT,
    )
    client = verified_client(made.area.private_reps[OrganisationType.MAKELAAR])
    kw = {"uuid": made.partnership.uuid}
    comparison = client.get(reverse("certification:comparison", kwargs=kw))
    assert comparison.status_code == 200
    body = comparison.content.decode()
    assert "&lt; 5" in body and "9" in body
    police = made.area.participants["politie"].organisation.name
    assert police not in body  # totals per theme, no partner named
    for name in ("cycle", "measures", "walks", "meetings"):
        assert client.get(reverse(f"certification:{name}", kwargs=kw)).status_code == 404, name
    for name in ("maatregelen-list", "schouwen-list", "certificaten-list"):
        assert client.get(reverse(f"certification_api:{name}", kwargs=kw)).status_code == 404, name
    start = client.get(reverse("core:start")).content.decode()
    assert 'data-testid="start-measures"' not in start


def test_outsiders_get_404(made: AuditWorld) -> None:
    from weerbaar.accounts.constants import Role
    from weerbaar.partnerships.tests.factories import make_organisation, make_person

    kw = {"uuid": made.partnership.uuid}
    for user in (
        make_person(make_organisation(OrganisationType.AGRARISCH), Role.PARTNERVERTEGENWOORDIGER),
        make_person(make_organisation(OrganisationType.GEMEENTE), Role.GEBIEDSREGISSEUR),
    ):
        client = verified_client(user)
        for name in ("cycle", "measures", "comparison", "pack_pdf"):
            assert client.get(reverse(f"certification:{name}", kwargs=kw)).status_code in (403, 404), name
        assert client.get(reverse("certification_api:maatregelen-list", kwargs=kw)).status_code == 404
