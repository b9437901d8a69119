# SPDX-License-Identifier: EUPL-1.2
"""The cases API in the authorization matrix.

The "own" objects belong to Gemeente Eigen: a case it directs (its organisation membership makes every
Gemeente Eigen actor holding ``cases.view`` a member) and a meeting it hosts with that case on the agenda.
Every other home — Gemeente Ander's objects, the platform operator, a private partner — gets 404.
"""

from typing import Any

from tests.authz import Route, World
from weerbaar.accounts.constants import Role
from weerbaar.cases.constants import ItemKind
from weerbaar.cases.models import AgendaItem, Case, CaseItem, Intervention, Meeting, Membership
from weerbaar.cases.services import intervention_add, item_add
from weerbaar.cases.tests.factories import make_case, make_owner_actor
from weerbaar.core.constants import LegalRegime

#: Roles holding ``cases.view`` (as declared: screened staff of public organisations only).
CASE_READERS = frozenset(
    {Role.SCHAKELTEAM, Role.CASUSREGISSEUR, Role.RIEC_ANALIST, Role.PROGRAMMAMANAGER, Role.PARTNERVERTEGENWOORDIGER}
)
#: Roles holding ``cases.manage``.
CASE_MANAGERS = frozenset({Role.CASUSREGISSEUR, Role.RIEC_ANALIST})


def _case(world: World, scope: str) -> Case:
    def create() -> Case:
        return make_case(make_owner_actor(world.orgs[scope]), title=f"Loods {scope} — hennepteelt")

    case: Case = world.once(f"api-case-{scope}", create)
    return case


def _case_kwargs(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": _case(world, scope).uuid}


def _meeting_kwargs(world: World, scope: str) -> dict[str, Any]:
    def create() -> Meeting:
        case = _case(world, scope)
        meeting = Meeting.objects.create(
            kind="casusoverleg", date=case.created_at.date(), host=world.orgs[scope], created_by=case.created_by
        )
        AgendaItem.objects.create(meeting=meeting, case=case)
        return meeting

    meeting: Meeting = world.once(f"api-meeting-{scope}", create)
    return {"uuid": meeting.uuid}


def _intervention_kwargs(world: World, scope: str) -> dict[str, Any]:
    """A closure the scope's organisation carries out in its own case (so its every member may mark steps)."""

    def create() -> Intervention:
        organisation = world.orgs[scope]
        return intervention_add(
            actor=make_owner_actor(organisation), case=_case(world, scope), type="sluiting_13b", owner=organisation
        )

    intervention: Intervention = world.once(f"api-intervention-{scope}", create)
    return {"uuid": intervention.case.uuid, "interventieUuid": intervention.uuid}


def _item_kwargs(world: World, scope: str) -> dict[str, Any]:
    """A note the scope's organisation supplied to its own case (so its every member is the supplier)."""

    def create() -> CaseItem:
        return item_add(
            actor=make_owner_actor(world.orgs[scope]),
            case=_case(world, scope),
            kind=ItemKind.NOTITIE,
            title="Notitie",
            body="",
            regime=LegalRegime.AVG,
            consent_required=True,
        )

    item: CaseItem = world.once(f"api-item-{scope}", create)
    return {"uuid": item.case.uuid, "stukUuid": item.uuid}


def _membership_kwargs(world: World, scope: str) -> dict[str, Any]:
    case = _case(world, scope)
    membership = Membership.objects.get(case=case, organisation=world.orgs[scope], user__isnull=True)
    return {"uuid": case.uuid, "deelnemerUuid": membership.uuid}


#: A transition without If-Match: 428 for whoever may act on the object (the matrix sends no If-Match, so the
#: object stays as it is for the next call); 404 for everybody else, before the precondition is looked at.
PRECONDITION_REQUIRED = (428,)


def _case_body(world: World, scope: str) -> dict[str, Any]:
    return {"titel": "Loods Moergestel — hennepteelt", "fenomenen": ["hennepteelt"]}


def _search_body(world: World, scope: str) -> dict[str, Any]:
    return {"tekst": "hennepteelt"}


SPEC: dict[str, Route] = {
    # POST: creating a case needs cases.manage. (GET on the same route needs cases.view; its role walk is in
    # test_api.py.) Creating is not scoped: the case is always directed by the caller's own organisation.
    "api:casussen-list": Route("roles", CASE_MANAGERS, api=True, method="post", ok=(201,), data=_case_body),
    "api:casussen-zoeken": Route("roles", CASE_READERS, api=True, method="post", ok=(200,), data=_search_body),
    "api:casussen-detail": Route("roles", CASE_READERS, api=True, scoped="strict", kwargs=_case_kwargs),
    # GET: members and interventions of a case. (POST — owner only — is walked in test_api.py.)
    "api:casussen-deelnemers": Route("roles", CASE_READERS, api=True, scoped="strict", kwargs=_case_kwargs),
    "api:casussen-interventies": Route("roles", CASE_READERS, api=True, scoped="strict", kwargs=_case_kwargs),
    # Transitions: the detail resource with its ETag, and the POST to its sub-resource (see above).
    "api:casussen-interventies-detail": Route(
        "roles", CASE_READERS, api=True, scoped="strict", kwargs=_intervention_kwargs
    ),
    "api:casussen-interventies-gereedmeldingen": Route(
        "roles",
        CASE_READERS,
        api=True,
        method="post",
        ok=PRECONDITION_REQUIRED,
        scoped="strict",
        kwargs=_intervention_kwargs,
    ),
    "api:casussen-stukken-detail": Route("roles", CASE_READERS, api=True, scoped="strict", kwargs=_item_kwargs),
    "api:casussen-stukken-toestemmingen": Route(
        "roles", CASE_READERS, api=True, method="post", ok=PRECONDITION_REQUIRED, scoped="strict", kwargs=_item_kwargs
    ),
    "api:casussen-deelnemers-detail": Route(
        "roles", CASE_READERS, api=True, scoped="strict", kwargs=_membership_kwargs
    ),
    "api:casussen-deelnemers-beeindiging": Route(
        "roles",
        CASE_MANAGERS,
        api=True,
        method="post",
        ok=PRECONDITION_REQUIRED,
        scoped="strict",
        kwargs=_membership_kwargs,
    ),
    "api:overleggen-list": Route("roles", CASE_READERS, api=True),
    "api:overleggen-detail": Route("roles", CASE_READERS, api=True, scoped="strict", kwargs=_meeting_kwargs),
}
