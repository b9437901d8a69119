# SPDX-License-Identifier: EUPL-1.2
"""The certification pages in the authorization matrix.

The "own" cycle belongs to a partnership led by Gemeente Eigen (``world.audit_world``: the audit requested,
with a measurement, a walk with a photographed finding, measures with evidence, a meeting and the audit's
report). As for the partnership pages, the matrix's actors are nobody's representative and hold no
office, so only Gemeente Eigen's own facilitators (``gebiedsregisseur``, through the lead organisation's
participation, which reaches personal data) get through; every other role and home gets 404 there, and
everyone gets 404 on the other municipality's cycle. ``test_access.py`` walks members of every private
type and each ceiling.
"""

from typing import Any

from tests.authz import Route, World
from weerbaar.certification.tests.world import AuditWorld, audit_world
from weerbaar.partnerships.tests.authz_spec_ui import LEAD, MANAGE, VIEW


def _world(world: World, scope: str) -> AuditWorld:
    made: AuditWorld = world.once(f"certificering-{scope}", lambda: audit_world(world.orgs[scope]))
    return made


def _kw(**extra: str) -> Any:
    def kwargs(world: World, scope: str) -> dict[str, Any]:
        made = _world(world, scope)
        found: dict[str, Any] = {"uuid": made.partnership.uuid}
        for key, attribute in extra.items():
            found[key] = getattr(made, attribute).uuid
        return found

    return kwargs


def _obj(
    roles: frozenset[str], kwargs: Any, *, method: str = "get", ok: tuple[int, ...] = (200,), api: bool = False
) -> Route:
    return Route("roles", roles, method=method, ok=ok, scoped="strict", object_roles=LEAD, kwargs=kwargs, api=api)


_P = _kw()
SPEC: dict[str, Route] = {
    "certification:cycle": _obj(VIEW, _P),
    # The cycle exists already: the start is refused with a message on the cycle page.
    "certification:cycle_start": _obj(MANAGE, _P, method="post", ok=(302,)),
    "certification:cycle_move": _obj(MANAGE, _P),
    "certification:measurement_add": _obj(MANAGE, _P),
    "certification:measurement": _obj(VIEW, _kw(measurement_uuid="measurement")),
    "certification:figure_add": _obj(MANAGE, _kw(measurement_uuid="measurement")),
    "certification:comparison": _obj(VIEW, _P),
    "certification:walks": _obj(VIEW, _P),
    "certification:walk_add": _obj(MANAGE, _P),
    "certification:walk": _obj(VIEW, _kw(walk_uuid="walk")),
    "certification:walk_map": _obj(VIEW, _kw(walk_uuid="walk")),
    "certification:finding_add": _obj(MANAGE, _kw(walk_uuid="walk")),
    "certification:finding_measure": _obj(MANAGE, _kw(walk_uuid="walk", finding_uuid="finding")),
    "certification:photo": _obj(VIEW, _kw(photo_uuid="photo")),
    "certification:measures": _obj(VIEW, _P),
    "certification:measure_add": _obj(MANAGE, _P),
    "certification:measure": _obj(MANAGE, _kw(measure_uuid="measure")),
    "certification:measure_progress": _obj(VIEW, _kw(measure_uuid="measure")),
    "certification:measure_evidence": _obj(VIEW, _kw(measure_uuid="measure")),
    "certification:audit": _obj(MANAGE, _P),
    "certification:audit_report": _obj(MANAGE, _kw(audit_uuid="audit")),
    "certification:pack_pdf": _obj(MANAGE, _P),
    "certification:pack_zip": _obj(MANAGE, _P),
    "certification:certificate_add": _obj(MANAGE, _P),
    "certification:meetings": _obj(VIEW, _P),
    "certification:meeting_add": _obj(MANAGE, _P),
    "certification:meeting": _obj(VIEW, _kw(meeting_uuid="meeting")),
    "certification:action_point_add": _obj(MANAGE, _kw(meeting_uuid="meeting")),
    # The API: the same partnership and the same actors. Creating a measure is walked in test_api.py.
    "certification_api:maatregelen-list": _obj(VIEW, _P, api=True),
    "certification_api:maatregelen-detail": _obj(VIEW, _kw(measure_uuid="measure"), api=True),
    # A status change without If-Match: 428 for whoever may change it, 404 for everyone else.
    "certification_api:maatregelen-status": _obj(VIEW, _kw(measure_uuid="measure"), api=True, method="post", ok=(428,)),
    "certification_api:schouwen-list": _obj(VIEW, _P, api=True),
    "certification_api:schouwen-detail": _obj(VIEW, _kw(walk_uuid="walk"), api=True),
    "certification_api:certificaten-list": _obj(VIEW, _P, api=True),
}
