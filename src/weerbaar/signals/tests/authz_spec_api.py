# SPDX-License-Identifier: EUPL-1.2
"""The signals API in the authorization matrix."""

from typing import Any

from django.core.cache import cache

from tests.authz import ALL_ROLES, Route, World
from weerbaar.accounts.constants import Role
from weerbaar.signals.tests.factories import AMSTERDAM_POINT, TILBURG_POINT, make_signal

#: Roles holding ``signals.view`` (as declared: screened staff of public organisations only).
SIGNAL_READERS = frozenset({Role.MELDPUNT, Role.SCHAKELTEAM, Role.CASUSREGISSEUR, Role.RIEC_ANALIST})
#: The transitions' own codes: ``signals.intake`` (the intake team) and ``signals.weigh`` (the schakelteam).
INTAKE = frozenset({Role.MELDPUNT})
WEIGHING = frozenset({Role.SCHAKELTEAM})
#: A transition without If-Match: 428 for whoever may act on the object (the matrix sends no If-Match, so the
#: object stays as it is for the next call); 404 for everybody else, before the precondition is looked at.
PRECONDITION_REQUIRED = (428,)


def _body(world: World, scope: str) -> dict[str, Any]:
    """A valid signal located in the scope's municipality (own = Tilburg, other = Amsterdam)."""
    lat, lon = TILBURG_POINT if scope == "own" else AMSTERDAM_POINT
    return {
        "fenomeen": "hennepteelt",
        "omschrijving": "Afgeplakte ramen en een sterke geur bij de schuur.",
        "locatie": {"soort": "punt", "breedtegraad": float(lat), "lengtegraad": float(lon)},
        "betrokkenen": [{"soort": "voertuig", "kenteken": "AB-123-C"}],
    }


def _public_body(world: World, scope: str) -> dict[str, Any]:
    # The matrix posts ~80 times from one address; the throttle itself is tested in test_api.py.
    cache.clear()
    body = _body(world, scope)
    del body["betrokkenen"]
    return body


def _signal_kwargs(world: World, scope: str) -> dict[str, Any]:
    point = TILBURG_POINT if scope == "own" else AMSTERDAM_POINT
    signal = world.once(f"api-signal-{scope}", lambda: make_signal(point=point))
    return {"uuid": signal.uuid}


SPEC: dict[str, Route] = {
    # POST: reporting in is open to every partner, private ones and the unscreened included. (GET on the same
    # route needs signals.view; its role walk is in test_api.py, the detail route below covers area B here.)
    "api:meldingen-list": Route("roles", ALL_ROLES, api=True, method="post", ok=(201,), data=_body),
    "api:meldingen-detail": Route("roles", SIGNAL_READERS, api=True, scoped="strict", kwargs=_signal_kwargs),
    "api:meldingen-statuswijzigingen": Route(
        "roles", INTAKE, api=True, method="post", ok=PRECONDITION_REQUIRED, scoped="strict", kwargs=_signal_kwargs
    ),
    "api:meldingen-wegingen": Route(
        "roles", WEIGHING, api=True, method="post", ok=PRECONDITION_REQUIRED, scoped="strict", kwargs=_signal_kwargs
    ),
    "api:meldingen-privacytoetsen": Route(
        "roles", INTAKE, api=True, method="post", ok=PRECONDITION_REQUIRED, scoped="strict", kwargs=_signal_kwargs
    ),
    "api:publiek-meldingen": Route("public", api=True, method="post", ok=(201,), data=_public_body),
}
