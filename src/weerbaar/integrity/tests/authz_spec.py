# SPDX-License-Identifier: EUPL-1.2
"""The integrity pages in the authorization matrix.

Every role at a public organisation may report and see its own list (a private partner may not: the code is
public only). A report is made by the staff member of Gemeente Eigen ("own"); its own page answers 404 to
every other user, and the coordinator's pages of it answer 404 to every role but the integrity coordinator
of Gemeente Eigen — never 403, so nobody learns that it exists. ``test_no_leak.py`` walks the line manager,
the security coordinator, a colleague and the council member through every page.
"""

from typing import Any

from django.utils import timezone

from tests.authz import ALL_ROLES, NOBODY, Route, World
from weerbaar.accounts.constants import Role
from weerbaar.integrity.constants import Status
from weerbaar.integrity.models import PressureReport
from weerbaar.integrity.tests.factories import make_report

COORDINATOR = frozenset({Role.INTEGRITEITSCOORDINATOR})


def _report(world: World, scope: str) -> PressureReport:
    report: PressureReport = world.once(f"integrity-{scope}", lambda: make_report(world.subject_user[scope]))
    return report


def _kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _report(world, scope).uuid}


def _version(world: World, scope: str) -> int:
    return PressureReport.objects.get(pk=_report(world, scope).pk).version


def _status_data(world: World, scope: str) -> dict[str, Any]:
    report = PressureReport.objects.get(pk=_report(world, scope).pk)
    target = Status.IN_GESPREK if report.status != Status.IN_GESPREK else Status.ADVIES
    return {"version": report.version, "to_status": target}


def _incident_data(world: World, scope: str) -> dict[str, Any]:
    # Invalid on purpose after the first success (a report is handed over once): a refusal is a form error (200).
    return {
        "version": _version(world, scope),
        "incident_forms": ["beinvloeding"],
        "channel": "persoonlijk",
        "target": "persoon",
        "office": "ambtenaar",
        "occurred_at": (timezone.localtime() - timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        "severity": "3",
        "description": "Een poging tot omkoping.",
    }


def _signal_data(world: World, scope: str) -> dict[str, Any]:
    return {"version": _version(world, scope), "phenomenon": "overig", "description": "Een poging tot omkoping."}


def _desk(**kwargs: Any) -> Route:
    """Every role gets past the log-in; only the integrity coordinator of the report's organisation gets the
    page, everyone else 404."""
    return Route("roles", ALL_ROLES, object_roles=COORDINATOR, scoped="strict", kwargs=_kwargs, **kwargs)


SPEC: dict[str, Route] = {
    "integrity:report_new": Route("roles", ALL_ROLES),
    "integrity:own_list": Route("roles", ALL_ROLES),
    # Only the reporter himself; every user the matrix makes is someone else.
    "integrity:own_detail": Route("roles", ALL_ROLES, object_roles=NOBODY, scoped="strict", kwargs=_kwargs),
    "integrity:desk": Route("roles", COORDINATOR),
    "integrity:detail": _desk(),
    "integrity:note": _desk(method="post", ok=(302,), data=lambda world, scope: {"text": "Gesprek gehad."}),
    "integrity:status": _desk(method="post", ok=(302,), get_ok=(200,), data=_status_data),
    "integrity:to_incident": _desk(method="post", ok=(302, 200), get_ok=(200,), data=_incident_data),
    "integrity:to_signal": _desk(method="post", ok=(302, 200), get_ok=(200,), data=_signal_data),
    # The integrity.handle code at the gate (everyone else 403); another organisation's coordinator 404. The
    # report is open, so the page only says why it cannot be destroyed yet.
    "integrity:destroy": Route("roles", COORDINATOR, scoped="strict", kwargs=_kwargs),
}
