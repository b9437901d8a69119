# SPDX-License-Identifier: EUPL-1.2
"""The training pages and API routes in the authorization matrix. Modules of each organisation ("own":
Gemeente Eigen) are written by a coordinator of that organisation, so only Gemeente Eigen's staff reach the
"own" one and everybody else gets 404. An attempt is seen by its taker only: the matrix's people never made
one, so every role that may take training gets 404 on it, in both organisations."""

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.authz import Route, World
from weerbaar.accounts.constants import Perm, Role
from weerbaar.core.policy import Actor
from weerbaar.training import services
from weerbaar.training.models import Attempt, Module
from weerbaar.training.tests.factories import answers_for

TAKE = frozenset(
    {
        Role.MEDEWERKER,
        Role.WEERBAARHEIDSCOORDINATOR,
        Role.PROCESEIGENAAR,
        Role.INTEGRITEITSCOORDINATOR,
        Role.LEIDINGGEVENDE,
    }
)
MANAGE = frozenset({Role.WEERBAARHEIDSCOORDINATOR})


def _coordinator(world: World, scope: str) -> Actor:
    return Actor(
        user=world.subject_user[scope],
        organisation=world.orgs[scope],
        roles=frozenset({Role.WEERBAARHEIDSCOORDINATOR, Role.MEDEWERKER}),
        permissions=frozenset({Perm.TRAINING_MANAGE, Perm.TRAINING_TAKE}),
    )


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile("plaatje.png", buffer.getvalue(), content_type="image/png")


def _module(world: World, scope: str, key: str = "main", publish: bool = True) -> Module:
    def create() -> Module:
        actor = _coordinator(world, scope)
        module = services.module_create(actor=actor, title=f"Module {key}", summary="Voor de matrix.", pass_mark=50)
        services.page_add(actor=actor, module=module, title="Pagina", body="Tekst.", image=_png(), image_alt="Blauw")
        services.scenario_add(
            actor=actor,
            module=module,
            situation="Situatie.",
            question="Vraag?",
            options=[("Goed", True, "Ja."), ("Fout", False, "Nee.")],
        )
        if publish:
            services.module_publish(actor=actor, module=module)
        return module

    module: Module = world.once(f"training-module-{key}-{scope}", create)
    return module


def _attempt(world: World, scope: str) -> Attempt:
    def create() -> Attempt:
        module = _module(world, scope)
        return services.attempt_submit(
            actor=_coordinator(world, scope), module=module, answers=answers_for(module, right=1)
        )

    attempt: Attempt = world.once(f"training-attempt-{scope}", create)
    return attempt


def _module_kw(key: str = "main", publish: bool = True) -> Any:
    return lambda world, scope: {"uuid": _module(world, scope, key, publish).uuid}


def _image_kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _module(world, scope).uuid, "position": 1}


def _attempt_kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _attempt(world, scope).uuid}


def _obj(roles: frozenset[str], kwargs: Any, **extra: Any) -> Route:
    return Route("roles", roles, scoped="strict", kwargs=kwargs, **extra)


SPEC: dict[str, Route] = {
    "training:mine": Route("roles", TAKE),
    "training:module": _obj(TAKE, _module_kw()),
    "training:image": _obj(TAKE, _image_kw),
    # Nobody but the taker (who is not among the matrix's people) reaches an attempt or its certificate.
    "training:attempt": _obj(TAKE, _attempt_kw, object_roles=frozenset()),
    "training:certificate": _obj(TAKE, _attempt_kw, object_roles=frozenset()),
    "training:completion": Route("roles", MANAGE),
    "training:department": Route("roles", frozenset({Role.LEIDINGGEVENDE})),
    "training:overview": Route("roles", frozenset({Role.RAADSLID})),
    "training:manage": Route("roles", MANAGE),
    "training:create": Route("roles", MANAGE),
    "training:edit": _obj(MANAGE, _module_kw("draft", publish=False)),
    "training:publish": _obj(MANAGE, _module_kw("publish", publish=False), method="post", ok=(302,)),
    "training_api:trainingen-list": Route("roles", TAKE, api=True),
    "training_api:trainingen-detail": _obj(TAKE, _module_kw(), api=True),
    "training_api:trainingsresultaten-list": Route("roles", TAKE, api=True),
    "training_api:trainingsresultaten-per-afdeling": Route("roles", MANAGE, api=True),
}
