# SPDX-License-Identifier: EUPL-1.2
"""The survey pages and API routes in the authorization matrix: surveys of the same "own" partnership as
the partnership pages (``partnerships.tests.authz_spec_ui``), so the same actors get through — Gemeente
Eigen's own facilitators — and everyone else gets 404. Each action route acts on a survey of its own, so the
one allowed call of one route does not change what another route finds. The response page is public.

An organisation's staff surveys (area D): run by the integrity coordinator, seen (results) by the coordinator
and the council member, of their own organisation only; a staff survey of another organisation is 404."""

from typing import Any

from tests.authz import Route, World
from weerbaar.accounts import services as account_services
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.partnerships.tests.authz_spec_ui import LEAD, MANAGE, VIEW, _kw, _partnership
from weerbaar.partnerships.tests.factories import facilitator_actor
from weerbaar.surveys import services
from weerbaar.surveys.constants import Purpose, Status
from weerbaar.surveys.models import Survey


def _survey(world: World, scope: str, key: str = "main", status: str = Status.CONCEPT) -> Survey:
    def create() -> Survey:
        partnership = _partnership(world, scope)
        actor = facilitator_actor(partnership)
        survey = services.survey_create_from_standard(
            actor=actor, partnership=partnership, title=f"Enquête {key}", purpose=Purpose.NULMETING
        )
        if status != Status.CONCEPT:
            survey = services.survey_transition(
                actor=actor, survey=survey, expected_version=None, to_status=Status.OPEN
            )
        return survey

    survey: Survey = world.once(f"survey-{key}-{scope}", create)
    return survey


def _survey_kw(key: str = "main") -> Any:
    return lambda world, scope: {"uuid": _survey(world, scope, key).uuid}


def _question_kw(world: World, scope: str) -> dict[str, Any]:
    survey = _survey(world, scope, "question")
    question = survey.questions.filter(is_group=False).order_by("-position").first()
    assert question is not None
    return {"uuid": survey.uuid, "question_uuid": question.uuid}


def _version(key: str) -> Any:
    return lambda world, scope: {"version": Survey.objects.get(pk=_survey(world, scope, key).pk).version}


def _transition_kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _survey(world, scope, "transition").uuid, "to_status": Status.OPEN}


def _token_kw(world: World, scope: str) -> dict[str, Any]:
    def create() -> str:
        survey = _survey(world, "own", "respond", Status.OPEN)
        [token] = services.links_generate(actor=facilitator_actor(survey.partnership), survey=survey, count=1)
        return token

    token: str = world.once("survey-token", create)
    return {"token": token}


STAFF_MANAGE = frozenset({Role.INTEGRITEITSCOORDINATOR})
STAFF_VIEW = frozenset({Role.INTEGRITEITSCOORDINATOR, Role.RAADSLID})


def _staff_survey(world: World, scope: str) -> Survey:
    def create() -> Survey:
        organisation = world.orgs[scope]
        user, _password = account_services.user_create(
            actor=None,
            username=f"integriteit.authz.{scope}",
            first_name="Integriteit",
            last_name=scope,
            email=f"integriteit.{scope}@example.invalid",
            home_organisation=organisation,
            role=Role.INTEGRITEITSCOORDINATOR,
            password="correct-horse-battery-staple-42",
        )
        return services.staff_survey_create(actor=actor_for(user=user), organisation=organisation, title="Personeel")

    survey: Survey = world.once(f"staff-survey-{scope}", create)
    return survey


def _staff_kw(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _staff_survey(world, scope).uuid}


def _staff_transition_kw(world: World, scope: str) -> dict[str, Any]:
    return {**_staff_kw(world, scope), "to_status": Status.OPEN}


def _staff_version(world: World, scope: str) -> dict[str, Any]:
    return {"version": Survey.objects.get(pk=_staff_survey(world, scope).pk).version}


def _obj(
    roles: frozenset[str],
    kwargs: Any,
    *,
    method: str = "get",
    ok: tuple[int, ...] = (200,),
    data: Any = None,
    api: bool = False,
) -> Route:
    return Route(
        "roles",
        roles,
        method=method,
        ok=ok,
        scoped="strict",
        object_roles=LEAD,
        kwargs=kwargs,
        api=api,
        data=data or (lambda world, scope: {}),
    )


SPEC: dict[str, Route] = {
    "surveys:list": _obj(VIEW, _kw),
    "surveys:create": _obj(MANAGE, _kw),
    "surveys:detail": _obj(MANAGE, _survey_kw()),
    "surveys:transition": _obj(MANAGE, _transition_kw, method="post", ok=(302,), data=_version("transition")),
    "surveys:question_add": _obj(MANAGE, _survey_kw()),
    "surveys:question_edit": _obj(MANAGE, _question_kw),
    "surveys:question_delete": _obj(
        MANAGE,
        lambda world, scope: _question_kw(world, scope),
        method="post",
        ok=(302,),
        data=_version("question"),
    ),
    "surveys:links": _obj(MANAGE, _survey_kw()),
    "surveys:results": _obj(VIEW, _survey_kw()),
    "surveys:staff_list": Route("roles", STAFF_VIEW),
    "surveys:staff_create": Route("roles", STAFF_MANAGE),
    "surveys:staff_detail": Route("roles", STAFF_MANAGE, scoped="strict", kwargs=_staff_kw),
    # Opening is allowed once; a second call is refused with the form's message (400).
    "surveys:staff_transition": Route(
        "roles",
        STAFF_MANAGE,
        method="post",
        ok=(302, 400),
        scoped="strict",
        kwargs=_staff_transition_kw,
        data=_staff_version,
    ),
    "surveys:staff_links": Route("roles", STAFF_MANAGE, scoped="strict", kwargs=_staff_kw),
    "surveys:staff_results": Route("roles", STAFF_VIEW, scoped="strict", kwargs=_staff_kw),
    "surveys_api:personeelsenquetes": Route("roles", STAFF_VIEW, api=True),
    "surveys_api:personeelsenquete-resultaten": Route("roles", STAFF_VIEW, scoped="strict", kwargs=_staff_kw, api=True),
    "surveys:respond": Route("public", kwargs=_token_kw),
    "surveys:thanks": Route("public"),
    "surveys_api:gebiedssamenwerking-enquetes": _obj(VIEW, _kw, api=True),
    "surveys_api:enquete-resultaten": _obj(VIEW, _survey_kw(), api=True),
}
