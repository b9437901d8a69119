# SPDX-License-Identifier: EUPL-1.2
"""The case pages (/casussen/) in the authorization matrix.

The "own" objects belong to Gemeente Eigen: a case it directs (made through the services, so the
organisation is a regie member and every Gemeente Eigen actor holding ``cases.view`` is a member), with an
item requiring consent, an intervention, an invited member and an open access request; and a meeting it
hosts with the case on its agenda. Every other home gets 404 on every case route.

Every matrix call may change state, so POST data read the current case version at call time, and an
action that an earlier call already made is accepted as a re-rendered page (200) or a redirect (302).
An action with a page of its own (``_page``) is also walked with GET, which shows its form.
"""

from datetime import date
from typing import Any

from tests.authz import Route, World
from weerbaar.accounts.constants import Role
from weerbaar.cases import services
from weerbaar.cases.constants import CASE_TRANSITIONS, CaseStatus
from weerbaar.cases.models import (
    AccessRequest,
    ActionItem,
    AgendaItem,
    Case,
    CaseItem,
    Intervention,
    Meeting,
    Membership,
)
from weerbaar.cases.tests.factories import make_case, make_organisation, make_owner_actor
from weerbaar.core.policy import Actor
from weerbaar.organisations.constants import OrganisationType

VIEW = frozenset(
    {Role.SCHAKELTEAM, Role.CASUSREGISSEUR, Role.RIEC_ANALIST, Role.PROGRAMMAMANAGER, Role.PARTNERVERTEGENWOORDIGER}
)
MANAGE = frozenset({Role.CASUSREGISSEUR, Role.RIEC_ANALIST})
PROGRAMME = frozenset({Role.PROGRAMMAMANAGER})


def _owner(world: World, scope: str) -> Actor:
    actor: Actor = world.once(f"ui-owner-{scope}", lambda: make_owner_actor(world.orgs[scope]))
    return actor


def _case(world: World, scope: str) -> Case:
    def create() -> Case:
        return make_case(_owner(world, scope), title=f"Loods {scope} — hennepteelt", phenomena=["hennepteelt"])

    case: Case = world.once(f"ui-case-{scope}", create)
    return case


def _version(world: World, scope: str) -> int:
    return Case.objects.get(pk=_case(world, scope).pk).version


def _item(world: World, scope: str) -> CaseItem:
    def create() -> CaseItem:
        return services.item_add(
            actor=_owner(world, scope),
            case=_case(world, scope),
            kind="notitie",
            title="Huurcontract loods",
            body="",
            regime="avg",
            consent_required=True,
        )

    item: CaseItem = world.once(f"ui-item-{scope}", create)
    return item


def _intervention(world: World, scope: str) -> Intervention:
    def create() -> Intervention:
        return services.intervention_add(
            actor=_owner(world, scope),
            case=_case(world, scope),
            type="preventief",
            owner=world.orgs[scope],
            started_on=date(2026, 3, 2),
        )

    intervention: Intervention = world.once(f"ui-intervention-{scope}", create)
    return intervention


def _membership(world: World, scope: str) -> Membership:
    def create() -> Membership:
        police = make_organisation(type=OrganisationType.POLITIE)
        return services.membership_add(actor=_owner(world, scope), case=_case(world, scope), organisation=police)

    membership: Membership = world.once(f"ui-membership-{scope}", create)
    return membership


def _access_request(world: World, scope: str) -> AccessRequest:
    def create() -> AccessRequest:
        requester = "other" if scope == "own" else "own"
        return AccessRequest.objects.create(
            case=_case(world, scope),
            requester=world.subject_user[requester],
            organisation=world.orgs[requester],
            reason="Treffer in ons eigen dossier.",
        )

    request: AccessRequest = world.once(f"ui-access-request-{scope}", create)
    return request


def _meeting(world: World, scope: str) -> Meeting:
    def create() -> Meeting:
        case = _case(world, scope)
        meeting = Meeting.objects.create(
            kind="casusoverleg", date=date(2026, 3, 9), host=world.orgs[scope], created_by=case.created_by
        )
        AgendaItem.objects.create(meeting=meeting, case=case)
        return meeting

    meeting: Meeting = world.once(f"ui-meeting-{scope}", create)
    return meeting


def _action_item(world: World, scope: str) -> ActionItem:
    def create() -> ActionItem:
        return services.action_item_add(
            actor=_owner(world, scope),
            item=_meeting(world, scope).agenda.get(),
            description="Bestuurlijke rapportage opstellen",
            owner=world.orgs[scope],
            due_on=date(2026, 3, 30),
        )

    action: ActionItem = world.once(f"ui-action-item-{scope}", create)
    return action


def _case_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _case(world, scope).uuid}


def _item_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _case(world, scope).uuid, "item_uuid": _item(world, scope).uuid}


def _intervention_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _case(world, scope).uuid, "intervention_uuid": _intervention(world, scope).uuid}


def _step_kwargs(world: World, scope: str) -> dict[str, Any]:
    intervention = _intervention(world, scope)
    return {**_intervention_kwargs(world, scope), "code": intervention.steps.first().code}  # type: ignore[union-attr]


def _membership_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _case(world, scope).uuid, "membership_uuid": _membership(world, scope).uuid}


def _access_request_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _case(world, scope).uuid, "request_uuid": _access_request(world, scope).uuid}


def _action_item_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _case(world, scope).uuid, "action_uuid": _action_item(world, scope).uuid}


def _action_add_data(world: World, scope: str) -> dict[str, Any]:
    return {
        "case": str(_case(world, scope).uuid),
        "description": "Pand bezoeken",
        "owner": str(world.orgs[scope].uuid),
        "due_on": "2026-04-01",
    }


def _meeting_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _meeting(world, scope).uuid}


def _with_version(fields: dict[str, Any]) -> Any:
    def data(world: World, scope: str) -> dict[str, Any]:
        return {**fields, "version": _version(world, scope)}

    return data


def _transition_data(world: World, scope: str) -> dict[str, Any]:
    case = Case.objects.get(pk=_case(world, scope).pk)
    following = sorted(CASE_TRANSITIONS[case.status] - {CaseStatus.AFGESLOTEN.value})
    return {"to_status": following[0] if following else "", "reason": "Volgende stap.", "version": case.version}


def _member_data(world: World, scope: str) -> dict[str, Any]:
    def create() -> str:
        return str(make_organisation(type=OrganisationType.BELASTINGDIENST).uuid)

    return {"organisation": world.once("ui-invitee", create), "role": "deelnemer", "version": _version(world, scope)}


def _intervention_data(world: World, scope: str) -> dict[str, Any]:
    return {"type": "preventief", "owner": str(world.orgs[scope].uuid), "version": _version(world, scope)}


def _decision_data(world: World, scope: str) -> dict[str, Any]:
    return {"case": str(_case(world, scope).uuid), "decision": "Sluiting 13b voorbereiden."}


def _meeting_create_data(world: World, scope: str) -> dict[str, Any]:
    return {"kind": "casusoverleg", "date": "2026-03-16"}


def _b(roles: frozenset[str], **options: Any) -> Route:
    return Route("roles", roles, **options)


def _action(roles: frozenset[str], kwargs: Any, data: Any, **options: Any) -> Route:
    return _b(roles, method="post", ok=(200, 302), scoped="strict", kwargs=kwargs, data=data, **options)


def _page(roles: frozenset[str], kwargs: Any, data: Any, **options: Any) -> Route:
    """An action with a page of its own: GET shows the form (a decided request sends back to the case, 302)."""
    return _action(roles, kwargs, data, get_ok=(200, 302), **options)


def _agenda_query(world: World, scope: str) -> dict[str, Any]:
    return {"casus": str(_case(world, scope).uuid)}


SPEC: dict[str, Route] = {
    "cases:list": _b(VIEW),
    "cases:create": _b(
        MANAGE,
        method="post",
        ok=(302,),
        data=lambda world, scope: {
            "title": "Loods Moergestel — hennepteelt",
            "phenomena": ["hennepteelt"],
            "classification": "vertrouwelijk",
        },
    ),
    "cases:programme": _b(PROGRAMME, ok=(302,)),  # leads to the section of the situational picture
    "cases:meetings": _b(VIEW),
    # Without cases on the agenda the form is shown again (200): the route itself is what is walked here.
    "cases:meeting_create": _b(VIEW, method="post", ok=(200,), data=_meeting_create_data),
    "cases:meeting": _b(VIEW, scoped="strict", kwargs=_meeting_kwargs),
    "cases:meeting_decision": _page(VIEW, _meeting_kwargs, _decision_data, get_query=_agenda_query),
    "cases:meeting_action_add": _page(VIEW, _meeting_kwargs, _action_add_data, get_query=_agenda_query),
    # The owner organisation completes its own action; once done, the page is shown again (200).
    "cases:action_done": _action(VIEW, _action_item_kwargs, _with_version({})),
    "cases:detail": _b(VIEW, scoped="strict", kwargs=_case_kwargs),
    # Not scoped: a non-member may ask; the page is the same for every UUID and shows nothing of the case.
    "cases:access_request": _b(VIEW, kwargs=_case_kwargs),
    "cases:access_decide": _page(
        MANAGE, _access_request_kwargs, _with_version({"grant": "nee", "reason": "Geen betrokkenheid."})
    ),
    "cases:transition": _page(MANAGE, _case_kwargs, _transition_data),
    "cases:assessment": _page(MANAGE, _case_kwargs, _with_version({"text": "Noodzakelijk en evenredig."})),
    "cases:member_add": _page(MANAGE, _case_kwargs, _member_data),
    "cases:member_end": _action(MANAGE, _membership_kwargs, _with_version({})),
    "cases:item_add": _page(
        VIEW, _case_kwargs, _with_version({"kind": "notitie", "title": "Bevinding", "regime": "avg"})
    ),
    "cases:subject_add": _action(
        VIEW, _case_kwargs, _with_version({"kind": "voertuig", "plate": "AB-123-C", "regime": "avg"})
    ),
    "cases:consent": _page(VIEW, _item_kwargs, _with_version({"to": "export"})),
    "cases:intervention_add": _page(VIEW, _case_kwargs, _intervention_data),
    "cases:step_done": _page(VIEW, _step_kwargs, _with_version({"done_on": "2026-03-05"})),
    "cases:result": _page(
        VIEW, _intervention_kwargs, _with_version({"status": "afgerond", "result_note": "Voorlichting gegeven."})
    ),
    "cases:close": _page(MANAGE, _case_kwargs, _with_version({"reason": "Strategie uitgevoerd."})),
    "cases:report": _b(MANAGE, scoped="strict", kwargs=_case_kwargs),
    # An open case: the page explains that its retention has not started (200); outside need-to-know 404.
    "cases:destroy": _b(MANAGE, scoped="strict", kwargs=_case_kwargs),
}
