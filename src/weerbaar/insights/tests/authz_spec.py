# SPDX-License-Identifier: EUPL-1.2
"""The situational picture in the authorization matrix. The dashboard and the list of figures answer every
holder of ``insights.view``; one figure (its CSV file, its API resource) answers those whose scope reaches
its series — the signals' readers and the holders of ``insights.organisation`` for the signals per month —
and 404 to the others (the security coordinator reads threat figures only). A figure is no object of an
organisation: it is counted over the viewer's own organisation whichever organisation he acts for."""

from tests.authz import Route
from weerbaar.accounts.constants import Role

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


def _figure(world: object, scope: str) -> dict[str, str]:
    return {"slug": "meldingen-per-maand"}


def _api_figure(world: object, scope: str) -> dict[str, str]:
    return {"figuur": "meldingen-per-maand"}


SPEC: dict[str, Route] = {
    "insights:dashboard": Route("roles", INSIGHTS),
    "insights:csv": Route("roles", INSIGHTS, kwargs=_figure, object_roles=SIGNAL_FIGURES),
    "insights_api:inzichten-list": Route("roles", INSIGHTS, api=True),
    "insights_api:inzichten-detail": Route(
        "roles", INSIGHTS, api=True, kwargs=_api_figure, object_roles=SIGNAL_FIGURES
    ),
}
