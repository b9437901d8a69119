# SPDX-License-Identifier: EUPL-1.2
"""Area A's API in the authorization matrix: the same "own" partnership as the pages (authz_spec_ui), so the
same actors get through on it — Gemeente Eigen's own facilitators — and everyone else gets 404.

POST on ``gebiedsberichten`` (sending needs ``partnerships.alert`` in the partnership) is walked in
``test_api.py``; the matrix walks GET on every route."""

from typing import Any

from tests.authz import Route, World
from weerbaar.partnerships.tests.authz_spec_ui import LEAD, VIEW, _alert, _kw


def _alert_kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _alert(world, scope).uuid}


def _obj(kwargs: Any) -> Route:
    return Route("roles", VIEW, api=True, scoped="strict", object_roles=LEAD, kwargs=kwargs)


SPEC: dict[str, Route] = {
    "partnerships_api:gebiedssamenwerkingen-list": Route("roles", VIEW, api=True),
    "partnerships_api:gebiedssamenwerkingen-detail": _obj(_kw),
    "partnerships_api:gebiedssamenwerking-deelnemers": _obj(_kw),
    "partnerships_api:gebiedsberichten-list": Route("roles", VIEW, api=True),
    "partnerships_api:gebiedsberichten-detail": _obj(_alert_kw),
}
