# SPDX-License-Identifier: EUPL-1.2
"""The resilience scan's pages in the authorization matrix.

The coordinator's pages are for the resilience coordinator of the scan's own organisation (another
organisation's scan is 404, also for the platform operator). "My scan work" is for whoever answers (process
owners and coordinators). An assignment is its respondent's alone: the matrix's fresh users are never the
respondent, so every role gets 404 on it (the respondent's own access is in ``test_views.py``). An
improvement action is seen by the coordinator and by its owner (likewise tested there). The council page
is the council member's.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.authz import Route, World
from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import User
from weerbaar.resilience import services
from weerbaar.resilience.constants import ActionStatus
from weerbaar.resilience.models import Assignment, ImprovementAction, Scan
from weerbaar.resilience.tests.factories import actor, make_person, topic

MANAGERS = frozenset({Role.WEERBAARHEIDSCOORDINATOR})
ANSWERERS = frozenset({Role.WEERBAARHEIDSCOORDINATOR, Role.PROCESEIGENAAR})
COUNCIL = frozenset({Role.RAADSLID})
NOBODY_ON_OBJECT: frozenset[str] = frozenset()


@dataclass
class ScanWorld:
    coordinator: User
    owner: User
    scan: Scan
    assignment: Assignment
    action: ImprovementAction


def scan_world(world: World, scope: str) -> ScanWorld:
    def create() -> ScanWorld:
        organisation = world.orgs[scope]
        coordinator = make_person(organisation, Role.WEERBAARHEIDSCOORDINATOR)
        owner = make_person(organisation, Role.PROCESEIGENAAR)
        manager = actor(coordinator)
        scan = services.scan_open(actor=manager, title="Scan")
        assignment = services.assignment_add(
            actor=manager, scan=scan, topic=topic(scan, "vergunningen"), respondent=owner
        )
        action = services.action_create(
            actor=manager,
            scan=scan,
            title="Actie",
            owner=owner,
            due_date=timezone.localdate() + timedelta(days=30),
        )
        return ScanWorld(coordinator, owner, scan, assignment, action)

    found: ScanWorld = world.once(f"resilience-{scope}", create)
    return found


def _scan_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": scan_world(world, scope).scan.uuid}


def _assignment_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": scan_world(world, scope).assignment.uuid}


def _action_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": scan_world(world, scope).action.uuid}


def _scan_version(world: World, scope: str) -> dict[str, Any]:
    return {"version": Scan.objects.get(pk=scan_world(world, scope).scan.pk).version}


def _exposure_data(world: World, scope: str) -> dict[str, Any]:
    scan = scan_world(world, scope).scan
    return dict.fromkeys(scan.exposures.values_list("topic__key", flat=True), 2)


def _action_data(world: World, scope: str) -> dict[str, Any]:
    found = scan_world(world, scope)
    return {"title": "Nog een actie", "owner": found.owner.pk, "due_date": "2030-01-31"}


def _action_status_data(world: World, scope: str) -> dict[str, Any]:
    action = ImprovementAction.objects.get(pk=scan_world(world, scope).action.pk)
    return {"version": action.version, "to_status": ActionStatus.IN_PROGRESS, "reason": ""}


def _managed(**kwargs: Any) -> Route:
    return Route("roles", MANAGERS, scoped="strict", kwargs=_scan_kwargs, **kwargs)


SPEC: dict[str, Route] = {
    "resilience:list": Route("roles", MANAGERS),
    "resilience:open": Route("roles", MANAGERS),
    "resilience:detail": _managed(),
    "resilience:assign": _managed(),
    "resilience:exposure": _managed(method="post", ok=(302,), get_ok=(200,), data=_exposure_data),
    "resilience:close": _managed(method="post", ok=(302,), data=_scan_version),
    "resilience:benchmark": _managed(),
    "resilience:action_create": _managed(method="post", ok=(302,), get_ok=(200,), data=_action_data),
    "resilience:mine": Route("roles", ANSWERERS),
    "resilience:answer": Route(
        "roles", ANSWERERS, scoped="strict", object_roles=NOBODY_ON_OBJECT, kwargs=_assignment_kwargs
    ),
    "resilience:action": Route("roles", ANSWERERS, scoped="strict", object_roles=MANAGERS, kwargs=_action_kwargs),
    "resilience:action_status": Route(
        "roles",
        ANSWERERS,
        method="post",
        ok=(302,),
        get_ok=(200,),
        scoped="strict",
        object_roles=MANAGERS,
        kwargs=_action_kwargs,
        data=_action_status_data,
    ),
    "resilience:council": Route("roles", COUNCIL),
}


def _action_api_kwargs(world: World, scope: str) -> dict[str, Any]:
    found = scan_world(world, scope)
    return {"uuid": found.scan.uuid, "actieUuid": found.action.uuid}


def _api(**kwargs: Any) -> Route:
    return Route("roles", MANAGERS, api=True, scoped="strict", **kwargs)


SPEC |= {
    "resilience_api:weerbaarheidsscans": Route("roles", MANAGERS, api=True),
    "resilience_api:weerbaarheidsscan": _api(kwargs=_scan_kwargs),
    "resilience_api:verbeteracties": _api(kwargs=_scan_kwargs),
    "resilience_api:verbeteractie": _api(kwargs=_action_api_kwargs),
    # The matrix sends no If-Match: 428 for the coordinator (nothing changes), 404 for everybody else.
    "resilience_api:verbeteractie-status": _api(
        method="post", ok=(428,), kwargs=_action_api_kwargs, data=lambda world, scope: {"status": "afgerond"}
    ),
}
