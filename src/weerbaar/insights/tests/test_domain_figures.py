# SPDX-License-Identifier: EUPL-1.2
"""The figures of the area partnerships, the certification cycle, the resilience scan, integrity and threats
per municipality: each read by its own organisation's holders of ``insights.organisation`` (the programme
manager, the council), never by another organisation's, and under the base-cell and audience rules."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.certification.constants import Phase
from weerbaar.certification.models import Measure
from weerbaar.certification.tests.factories import make_certifying, make_measure
from weerbaar.insights.services import aggregates_refresh
from weerbaar.integrity.tests.factories import make_report
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships.constants import AlertTheme
from weerbaar.partnerships.models import AreaAlert
from weerbaar.resilience.models import ImprovementAction
from weerbaar.resilience.tests.factories import make_action, make_office, scanned
from weerbaar.threats.tests.factories import make_incident


def _api(client: Any, figure: str) -> Any:
    return client.get(reverse("insights_api:inzichten-detail", kwargs={"figuur": figure}))


def _listed(client: Any) -> set[str]:
    return {f["naam"] for f in client.get(reverse("insights_api:inzichten-list")).json()}


def test_partnership_and_certification_figures(
    geography: None, amsterdam: Organisation, make_user: Callable[..., Any]
) -> None:
    certifying = make_certifying(phase=Phase.NULMETING)
    area = certifying.area
    lead = area.partnership.lead_organisation
    for n in range(6):
        AreaAlert.objects.create(
            number=f"GS-T-{n}",
            partnership=area.partnership,
            sender=area.facilitator,
            sender_organisation=area.municipality,
            theme=AlertTheme.DRUGSAFVAL,
            text="Vaten gevonden bij de bosrand.",
        )
    for n in range(5):
        make_measure(certifying, title=f"Maatregel {n}")
    Measure.objects.filter(cycle=certifying.cycle).update(deadline=timezone.localdate() - timedelta(days=3))
    aggregates_refresh(full=True)

    manager = verified_client(make_user(organisation=lead, role=Role.PROGRAMMAMANAGER))
    council = verified_client(make_user(organisation=lead, role=Role.RAADSLID))
    outsider = verified_client(make_user(organisation=amsterdam, role=Role.PROGRAMMAMANAGER))

    assert _api(manager, "gebiedssignaleringen-per-thema").json()["totalen"] == ["6"]
    assert _api(council, "gebiedssignaleringen-per-thema").json()["totalen"] == ["5"]  # rounded for the council
    assert _api(outsider, "gebiedssignaleringen-per-thema").json()["totalen"] == ["0"]
    # One certification round: a base cell of 1, left out.
    phases = _api(manager, "certificering-per-fase").json()
    assert phases["totalen"] == ["0"] and phases["weggelatenCellen"] == 1
    measures = _api(manager, "maatregelen-status").json()
    overdue = [row for row in measures["rijen"] if row["cellen"][0] != "0"]
    assert len(overdue) == 1 and overdue[0]["cellen"][0] == "5" and overdue[0]["aandeel"] == "100 %"
    assert _api(outsider, "maatregelen-status").json()["totalen"][0] == "0"
    # The area director (no insights.view) reads no figures at all.
    assert _api(verified_client(area.facilitator), "gebiedssignaleringen-per-thema").status_code in (403, 404)


def test_resilience_figures(db: None, make_user: Callable[..., Any]) -> None:
    office, other = make_office(), make_office()
    scan = scanned(office, level=1)  # 3 owners x 2 topics, each a weak score
    make_action(office, scan)
    make_action(office, scan)
    ImprovementAction.objects.filter(scan=scan).update(due_date=timezone.localdate() - timedelta(days=3))
    scanned(other, level=4)
    aggregates_refresh(full=True)

    council = verified_client(office.council)
    bands = _api(council, "weerbaarheid-scorebanden").json()
    assert bands["publiek"] == "council" and bands["totalen"] == ["5", "0", "0", "5"]  # 6 weak, rounded
    actions = _api(council, "verbeteracties-status").json()
    assert actions["weggelatenCellen"] == 1 and set(actions["totalen"]) == {"0"}  # two actions: left out
    # The other office's council reads its own strong scores and nothing of the first office.
    assert _api(verified_client(other.council), "weerbaarheid-scorebanden").json()["totalen"] == ["0", "0", "5", "5"]
    # The resilience coordinator holds no insights.view.
    assert _api(verified_client(office.coordinator), "weerbaarheid-scorebanden").status_code in (403, 404)


def test_integrity_reports_are_only_counted(
    tilburg: Organisation, amsterdam: Organisation, make_user: Callable[..., Any]
) -> None:
    for _ in range(7):
        make_report(make_user(organisation=tilburg, role=Role.MEDEWERKER))
    make_report(make_user(organisation=amsterdam, role=Role.MEDEWERKER))
    aggregates_refresh(full=True)
    council = verified_client(make_user(organisation=tilburg, role=Role.RAADSLID))
    body = _api(council, "integriteit-meldingen-per-maand").json()
    assert body["totalen"] == ["5"] and body["kolommen"] == [body["kolommen"][0]]  # one count, rounded
    other = verified_client(make_user(organisation=amsterdam, role=Role.RAADSLID))
    amsterdam_body = _api(other, "integriteit-meldingen-per-maand").json()
    assert amsterdam_body["totalen"] == ["0"] and amsterdam_body["weggelatenCellen"] == 1
    # Intake reads signals, never integrity reports.
    intake = verified_client(make_user(organisation=tilburg, role=Role.MELDPUNT))
    assert "integriteit-meldingen-per-maand" not in _listed(intake)
    assert _api(intake, "integriteit-meldingen-per-maand").status_code == 404


def test_threats_per_municipality(
    tilburg: Organisation, amsterdam: Organisation, make_user: Callable[..., Any]
) -> None:
    for _ in range(6):
        make_incident(make_user(organisation=tilburg, role=Role.MEDEWERKER))
    for _ in range(2):
        make_incident(make_user(organisation=amsterdam, role=Role.MEDEWERKER))
    aggregates_refresh(full=True)
    coordinator = verified_client(make_user(organisation=tilburg, role=Role.VEILIGHEIDSCOORDINATOR))
    rows = _api(coordinator, "dreigingen-per-gemeente").json()["rijen"]
    assert [(r["code"], r["cellen"]) for r in rows] == [("GM0855", ["6"])]
    amsterdam_coordinator = verified_client(make_user(organisation=amsterdam, role=Role.VEILIGHEIDSCOORDINATOR))
    body = _api(amsterdam_coordinator, "dreigingen-per-gemeente").json()
    assert body["rijen"] == [] and body["weggelatenCellen"] == 1
