# SPDX-License-Identifier: EUPL-1.2
"""The knowledge pages and API routes in the authorization matrix.

Readers (``knowledge.view``) and editors (``knowledge.edit``) come from the role table. The objects of each
scope belong to that scope's organisation and are not shared, so an item of another organisation is 404
for everyone (``scoped="strict"``); that a shared item is then readable is ``test_views``'s to show. Each
action acts on a model or case of its own, so one allowed call does not change what another route finds.
"""

from typing import Any

from tests.authz import Route, World
from weerbaar.accounts.constants import Role
from weerbaar.knowledge import services
from weerbaar.knowledge.constants import FacilitatorKind, Phenomenon
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.knowledge.tests.factories import editor, make_case, make_model, steps
from weerbaar.organisations.constants import OrganisationType

READERS = frozenset(
    {
        Role.WEERBAARHEIDSCOORDINATOR,
        Role.PROCESEIGENAAR,
        Role.INTEGRITEITSCOORDINATOR,
        Role.RIEC_ANALIST,
        Role.CASUSREGISSEUR,
    }
)
EDITORS = frozenset({Role.WEERBAARHEIDSCOORDINATOR, Role.RIEC_ANALIST})


def _model(world: World, scope: str, key: str = "main") -> BarrierModel:
    def create() -> BarrierModel:
        actor = editor(world.orgs[scope])
        model = make_model(actor, title=f"Model {key}")
        if key == "remove":  # enough steps for every allowed removal
            model = services.barrier_model_revise(
                actor=actor,
                barrier_model=model,
                expected_version=None,
                title=model.title,
                phenomenon=Phenomenon.DRUGSAFVALDUMPING,
                summary="",
                steps=steps(8),
                change_note="",
            )
        return model

    model: BarrierModel = world.once(f"knowledge-model-{key}-{scope}", create)
    return model


def _case(world: World, scope: str, key: str = "main") -> PracticeCase:
    case: PracticeCase = world.once(f"knowledge-case-{key}-{scope}", lambda: make_case(editor(world.orgs[scope])))
    return case


def _model_kw(key: str = "main") -> Any:
    return lambda world, scope: {"uuid": _model(world, scope, key).uuid}


def _step_kw(key: str) -> Any:
    return lambda world, scope: {"uuid": _model(world, scope, key).uuid, "position": 1}


def _case_kw(key: str = "main") -> Any:
    return lambda world, scope: {"uuid": _case(world, scope, key).uuid}


def _model_version(world: World, scope: str, key: str) -> int:
    return BarrierModel.objects.get(pk=_model(world, scope, key).pk).version


def _model_edit_data(world: World, scope: str) -> dict[str, Any]:
    return {
        "version": _model_version(world, scope, "edit"),
        "title": "Model bewerkt",
        "phenomenon": Phenomenon.DRUGSAFVALDUMPING,
        "summary": "Nieuwe samenvatting",
        "change_note": "Samenvatting herschreven",
    }


def _step_data(key: str) -> Any:
    def data(world: World, scope: str) -> dict[str, Any]:
        return {
            "version": _model_version(world, scope, key),
            "name": "Opslag",
            "needs": "Een schuur",
            "facilitators": "Verhuurders van loodsen",
            "facilitator_kind": FacilitatorKind.UNWITTING,
            "change_note": "Stap over opslag",
            "barrier-TOTAL_FORMS": "1",
            "barrier-INITIAL_FORMS": "0",
            "barrier-0-description": "Controle van leegstaande loodsen",
            "barrier-0-owner_type": OrganisationType.GEMEENTE,
        }

    return data


def _remove_data(world: World, scope: str) -> dict[str, Any]:
    return {"version": _model_version(world, scope, "remove")}


def _case_data(world: World, scope: str) -> dict[str, Any]:
    return {
        "title": "Vaten in een schuur",
        "phenomenon": Phenomenon.DRUGSAFVALDUMPING,
        "what_happened": "Een loonwerker vond vaten in een schuur.",
        "lessons": "Vroeg melden helpt.",
    }


def _case_edit_data(world: World, scope: str) -> dict[str, Any]:
    case = PracticeCase.objects.get(pk=_case(world, scope, "edit").pk)
    return {**_case_data(world, scope), "version": case.version}


def _share(world: World, scope: str) -> dict[str, Any]:
    return {"shared": ""}  # keeps the item unshared, so later calls see the same world


SPEC: dict[str, Route] = {
    "knowledge:models": Route("roles", READERS),
    "knowledge:cases": Route("roles", READERS),
    "knowledge:model_create": Route(
        "roles",
        EDITORS,
        method="post",
        ok=(302,),
        get_ok=(200,),
        data=lambda world, scope: {"title": "Nieuw", "phenomenon": Phenomenon.OVERIG, "summary": ""},
    ),
    "knowledge:case_create": Route("roles", EDITORS, method="post", ok=(302,), get_ok=(200,), data=_case_data),
    "knowledge:model": Route("roles", READERS, scoped="strict", kwargs=_model_kw()),
    "knowledge:model_pdf": Route("roles", READERS, scoped="strict", kwargs=_model_kw()),
    "knowledge:model_edit": Route(
        "roles",
        EDITORS,
        method="post",
        ok=(302,),
        get_ok=(200,),
        scoped="strict",
        kwargs=_model_kw("edit"),
        data=_model_edit_data,
    ),
    "knowledge:step_add": Route(
        "roles",
        EDITORS,
        method="post",
        ok=(302,),
        get_ok=(200,),
        scoped="strict",
        kwargs=_model_kw("add"),
        data=_step_data("add"),
    ),
    "knowledge:step_edit": Route(
        "roles",
        EDITORS,
        method="post",
        ok=(302,),
        get_ok=(200,),
        scoped="strict",
        kwargs=_step_kw("step"),
        data=_step_data("step"),
    ),
    "knowledge:step_remove": Route(
        "roles", EDITORS, method="post", ok=(302,), scoped="strict", kwargs=_step_kw("remove"), data=_remove_data
    ),
    "knowledge:model_share": Route(
        "roles", EDITORS, method="post", ok=(302,), scoped="strict", kwargs=_model_kw("share"), data=_share
    ),
    "knowledge:case": Route("roles", READERS, scoped="strict", kwargs=_case_kw()),
    "knowledge:case_edit": Route(
        "roles",
        EDITORS,
        method="post",
        ok=(302,),
        get_ok=(200,),
        scoped="strict",
        kwargs=_case_kw("edit"),
        data=_case_edit_data,
    ),
    "knowledge:case_share": Route(
        "roles", EDITORS, method="post", ok=(302,), scoped="strict", kwargs=_case_kw("share"), data=_share
    ),
    "knowledge_api:barrieremodellen-list": Route("roles", READERS, api=True),
    "knowledge_api:barrieremodellen-detail": Route("roles", READERS, api=True, scoped="strict", kwargs=_model_kw()),
    "knowledge_api:praktijkcasussen-list": Route("roles", READERS, api=True),
    "knowledge_api:praktijkcasussen-detail": Route("roles", READERS, api=True, scoped="strict", kwargs=_case_kw()),
}
