# SPDX-License-Identifier: EUPL-1.2
"""The situational picture in the authorization matrix. The dashboard and the list of figures answer every
holder of ``insights.view``; one figure (its CSV file, its API resource) answers those whose scope reaches
its series — the signals' readers and the holders of ``insights.organisation`` for the signals per month —
and 404 to the others (the security coordinator reads threat figures only). A figure is no object of an
organisation: it is counted over the viewer's own organisation whichever organisation he acts for.

Reports are objects of an organisation: the list answers every holder of ``insights.view`` (with the
reports he may read, or none); the form and making again the makers (OOV adviser, RIEC analyst, programme manager); a
report (here a confidential report to the council) and its versions its organisation's makers and council
members, 404 to everyone else and to every other organisation."""

from datetime import date
from typing import Any

from tests.authz import Route, World
from weerbaar.accounts.constants import Role
from weerbaar.insights.constants import ReportKind, ReportStatus
from weerbaar.insights.models import Report, ReportVersion

INSIGHTS = frozenset(
    {
        Role.MELDPUNT,
        Role.SCHAKELTEAM,
        Role.CASUSREGISSEUR,
        Role.RIEC_ANALIST,
        Role.PROGRAMMAMANAGER,
        Role.VEILIGHEIDSCOORDINATOR,
        Role.RAADSLID,
    }
)
SIGNAL_FIGURES = INSIGHTS - {Role.VEILIGHEIDSCOORDINATOR}
REPORT_MAKERS = frozenset({Role.CASUSREGISSEUR, Role.RIEC_ANALIST, Role.PROGRAMMAMANAGER})
REPORT_READERS = REPORT_MAKERS | {Role.RAADSLID}


def _figure(world: object, scope: str) -> dict[str, str]:
    return {"slug": "meldingen-per-maand"}


def _api_figure(world: object, scope: str) -> dict[str, str]:
    return {"figuur": "meldingen-per-maand"}


def _report(world: World, scope: str) -> Report:
    def create() -> Report:
        report = Report.objects.create(
            organisation=world.orgs[scope],
            kind=ReportKind.RAAD_VERTROUWELIJK,
            title="Raadsrapportage",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 1),
            status=ReportStatus.DONE,
        )
        ReportVersion.objects.create(
            report=report, number=1, audience="council", pdf=b"%PDF-1.7 matrix", size=15, sha256="0" * 64
        )
        return report

    report: Report = world.once(f"insights-report-{scope}", create)
    return report


def _report_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _report(world, scope).uuid}


def _version_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _report(world, scope).uuid, "number": 1}


def _report_data(world: World, scope: str) -> dict[str, Any]:
    return {"kind": ReportKind.ONDERMIJNINGSBEELD, "title": "Ondermijningsbeeld", "van": "2026-01", "tot": "2026-06"}


def _read_report(kwargs: Any) -> Route:
    return Route("roles", INSIGHTS, kwargs=kwargs, scoped="strict", object_roles=REPORT_READERS)


SPEC: dict[str, Route] = {
    "insights:dashboard": Route("roles", INSIGHTS),
    "insights:csv": Route("roles", INSIGHTS, kwargs=_figure, object_roles=SIGNAL_FIGURES),
    "insights:xlsx": Route("roles", INSIGHTS, kwargs=_figure, object_roles=SIGNAL_FIGURES),
    "insights:reports": Route("roles", INSIGHTS),
    "insights:report_new": Route("roles", REPORT_MAKERS, method="post", ok=(302,), get_ok=(200,), data=_report_data),
    "insights:report_detail": _read_report(_report_kwargs),
    "insights:report_progress": _read_report(_report_kwargs),
    "insights:report_download": _read_report(_version_kwargs),
    "insights:report_regenerate": Route(
        "roles", REPORT_MAKERS, method="post", ok=(302,), scoped="strict", kwargs=_report_kwargs
    ),
    "insights_api:inzichten-list": Route("roles", INSIGHTS, api=True),
    "insights_api:inzichten-detail": Route(
        "roles", INSIGHTS, api=True, kwargs=_api_figure, object_roles=SIGNAL_FIGURES
    ),
}
