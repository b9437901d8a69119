# SPDX-License-Identifier: EUPL-1.2
"""Authorization spec of the threats routes (area C).

Incidents are visible to the victim, the own organisation's security coordinator and active grantees only.
The matrix's actors are neither victim nor grantee, so on an own-organisation incident only the coordinator
gets through (``object_roles``); everyone gets 404 on another organisation's incident; private partners are
refused everything (the matrix reads that from the declarations of the threats codes). ``test_access.py``
adds victim, grantee and revoked-grant cases.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.authz import ALL_ROLES, Route, World
from weerbaar.accounts.constants import Role
from weerbaar.threats.models import AccessGrant, FollowUpStep, Incident, ProtectionMeasure
from weerbaar.threats.tests.factories import MEASURE, make_incident

COORD = frozenset({Role.VEILIGHEIDSCOORDINATOR})


def _incident(world: World, scope: str) -> Incident:
    return world.once(f"threats-incident-{scope}", lambda: make_incident(world.subject_user[scope]))


def _kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _incident(world, scope).uuid}


def _step_kw(world: World, scope: str) -> dict[str, Any]:
    incident = _incident(world, scope)
    step = world.once(
        f"threats-step-{scope}",
        lambda: FollowUpStep.objects.create(incident=incident, kind="evaluatie", due_at=timezone.now()),
    )
    return {"uuid": incident.uuid, "step_uuid": step.uuid}


def _api_step_kw(world: World, scope: str) -> dict[str, Any]:
    kwargs = _step_kw(world, scope)
    return {"uuid": kwargs["uuid"], "stapUuid": kwargs["step_uuid"]}


def _measure_kw(world: World, scope: str) -> dict[str, Any]:
    incident = _incident(world, scope)
    measure = world.once(
        f"threats-measure-{scope}", lambda: ProtectionMeasure.objects.create(incident=incident, **MEASURE)
    )
    return {"uuid": incident.uuid, "measure_uuid": measure.uuid}


def _evidence_kw(world: World, scope: str) -> dict[str, Any]:
    from weerbaar.threats.models import Evidence

    incident = _incident(world, scope)
    evidence = world.once(
        f"threats-evidence-{scope}",
        lambda: Evidence.objects.create(
            incident=incident,
            stored_name="missing.png",
            content_type="image/png",
            size=1,
            uploaded_by=world.subject_user[scope],
        ),
    )
    return {"uuid": incident.uuid, "evidence_uuid": evidence.uuid}


def _grant_kw(world: World, scope: str) -> dict[str, Any]:
    incident = _incident(world, scope)

    def make() -> AccessGrant:
        from weerbaar.accounts.models import User

        victim_id = incident.victim_person.user_id
        grantee = User.objects.filter(home_organisation=world.orgs[scope]).exclude(pk=victim_id).first()
        grantee = grantee or incident.reported_by
        return AccessGrant.objects.create(
            incident=incident,
            grantee=grantee,
            organisation=incident.organisation,
            granted_by=incident.reported_by,
            reason="synthetisch",
        )

    grant = world.once(f"threats-grant-{scope}", make)
    return {"uuid": incident.uuid, "grant_uuid": grant.uuid}


def _status_data(world: World, scope: str) -> dict[str, Any]:
    return {"status": "afgesloten", "reason": "synthetisch"}


def _step_data(world: World, scope: str) -> dict[str, Any]:
    return {"kind": "evaluatie", "due_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")}


# An object route: the own organisation's coordinator 200 (or 302 after a POST), everyone else 404.
def _obj(method: str = "get", ok: tuple[int, ...] = (200,), **kw: Any) -> Route:
    return Route("roles", ALL_ROLES, method=method, ok=ok, scoped="strict", object_roles=COORD, **kw)


SPEC: dict[str, Route] = {
    "threats:list": Route("roles", ALL_ROLES),
    "threats:report": Route("roles", ALL_ROLES),
    "threats:insight": Route("roles", COORD),
    "threats:insight_export": Route("roles", COORD),
    "threats:detail": _obj(kwargs=_kw),
    # Its own page: GET shows the form (200) until an earlier call closed the incident; then both send back (302).
    "threats:status": _obj("post", (302,), kwargs=_kw, data=_status_data, get_ok=(200, 302)),
    "threats:step_add": _obj(kwargs=_kw),
    "threats:step_done": _obj("post", (302,), kwargs=_step_kw),
    "threats:police_report": _obj(kwargs=_kw),
    "threats:assessment": _obj(kwargs=_kw),
    "threats:measure_add": _obj(kwargs=_kw),
    "threats:measure_update": _obj(kwargs=_measure_kw),
    "threats:evidence_add": _obj(kwargs=_kw),
    "threats:evidence_download": Route(  # the stored file is absent in the matrix world: 404 for everyone
        "roles", ALL_ROLES, ok=(404,), scoped="strict", kwargs=_evidence_kw
    ),
    "threats:grant_add": _obj(kwargs=_kw),
    "threats:grant_revoke": _obj("post", (302,), kwargs=_grant_kw),
    "threats:address": _obj(kwargs=_kw),
    "threats:perpetrator": _obj(kwargs=_kw),
    # The coordinator's own pages (threats.coordinate at the gate): everyone else 403, another organisation 404.
    "threats:legal_hold": Route("roles", COORD, scoped="strict", kwargs=_kw),
    "threats:destroy": Route("roles", COORD, scoped="strict", kwargs=_kw),
    "api:incidenten-list": Route("roles", ALL_ROLES, api=True),
    "api:incidenten-detail": Route("roles", COORD, api=True, scoped="strict", kwargs=_kw),
    "api:incident-stappen": Route("roles", COORD, api=True, scoped="strict", kwargs=_kw),
    "api:incident-maatregelen": Route("roles", COORD, api=True, scoped="strict", kwargs=_kw),
    "api:incident-stap": Route("roles", COORD, api=True, scoped="strict", kwargs=_api_step_kw),
    # Without If-Match the coordinator gets 428 (and the step stays open for the next call); everybody else 404.
    "api:incident-stap-afhandeling": Route(
        "roles", COORD, api=True, method="post", ok=(428,), scoped="strict", kwargs=_api_step_kw
    ),
}
