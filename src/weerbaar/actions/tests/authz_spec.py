# SPDX-License-Identifier: EUPL-1.2
"""The joint-action pages (/acties/) in the authorization matrix.

The "own" objects belong to Gemeente Eigen: it owns two joint actions, so its organisation is a planner
member and every Gemeente Eigen actor holding the codes sees them. One is being planned (selection and
status moves), the other runs (checklist, findings with a photo, follow-ups). Every other home gets 404
on every action route; the embargo and the partners' narrower view are tested in ``test_views.py``.

Every matrix call may change state, so POST data read the current state at call time.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import uuid4

from django.utils import timezone

from tests.authz import Route, World
from weerbaar.accounts.constants import Role
from weerbaar.actions import services
from weerbaar.actions.constants import FollowUpKind, LegalDomain, OperationStatus, Severity
from weerbaar.actions.models import (
    Finding,
    FindingPhoto,
    FollowUp,
    Location,
    Operation,
    OperationMember,
    OperationPartner,
)
from weerbaar.actions.tests.factories import PREMISES, make_operation, make_planner, make_running, png_bytes
from weerbaar.cases.tests.factories import make_organisation
from weerbaar.core.uploads import sanitise_bytes
from weerbaar.organisations.constants import OrganisationType

VIEW = frozenset({Role.CASUSREGISSEUR, Role.RIEC_ANALIST, Role.PARTNERVERTEGENWOORDIGER, Role.BOA, Role.WIJKAGENT})
MANAGE = frozenset({Role.CASUSREGISSEUR, Role.RIEC_ANALIST})
CODES = {"own": "GM0855", "other": "GM0363"}


@dataclass
class ActionsWorld:
    planning: Operation
    running: Operation
    partner: OperationPartner
    location: Location
    finding: Finding
    photo: FindingPhoto
    follow_up: FollowUp


def actions_world(world: World, scope: str) -> ActionsWorld:
    def create() -> ActionsWorld:
        planner = make_planner(world.orgs[scope])
        planning = make_operation(planner, municipality_code=CODES[scope], title=f"Actiedag {scope}")
        services.selection_draw(
            actor=planner,
            operation=planning,
            chosen=[],
            premises=services.premises_parse(PREMISES),
            random_share=20,
            seed=1,
        )
        running = make_operation(planner, municipality_code=CODES[scope], title=f"Integrale controle {scope}")
        make_running(running, planner)
        partner = running.partners.get(organisation=world.orgs[scope])
        location = running.locations.first()
        assert location is not None
        recorded = services.finding_record(
            actor=planner,
            operation=running,
            location=location,
            domain=partner.domain,
            checked="Brandveiligheid en gebruik",
            compliant=False,
            severity=Severity.MIDDEN,
            idempotency_key=f"matrix-{scope}",
            photos=[sanitise_bytes(png_bytes())],
        )
        follow_up = services.follow_up_create(
            actor=planner,
            finding=recorded.finding,
            kind=FollowUpKind.WARNING,
            owner=world.orgs[scope],
            due_on=timezone.localdate() + timedelta(days=14),
        )
        photo = recorded.finding.photos.get()
        return ActionsWorld(planning, running, partner, location, recorded.finding, photo, follow_up)

    found: ActionsWorld = world.once(f"actions-{scope}", create)
    return found


def _planning(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": actions_world(world, scope).planning.uuid}


def _running(world: World, scope: str) -> dict[str, Any]:
    return {"uuid": actions_world(world, scope).running.uuid}


def _location(world: World, scope: str) -> dict[str, Any]:
    found = actions_world(world, scope)
    return {"uuid": found.running.uuid, "location_uuid": found.location.uuid}


def _finding(world: World, scope: str) -> dict[str, Any]:
    found = actions_world(world, scope)
    return {"uuid": found.running.uuid, "finding_uuid": found.finding.uuid}


def _photo(world: World, scope: str) -> dict[str, Any]:
    found = actions_world(world, scope)
    return {"uuid": found.running.uuid, "photo_uuid": found.photo.uuid}


def _follow_up(world: World, scope: str) -> dict[str, Any]:
    found = actions_world(world, scope)
    return {"uuid": found.running.uuid, "follow_up_uuid": found.follow_up.uuid}


def _transition_data(world: World, scope: str) -> dict[str, Any]:
    operation = Operation.objects.get(pk=actions_world(world, scope).planning.pk)
    target = OperationStatus.PLANNING if operation.status == OperationStatus.SELECTED else OperationStatus.SELECTED
    return {"version": operation.version, "to_status": target, "reason": ""}


def _partner_data(world: World, scope: str) -> dict[str, Any]:
    police = world.once(f"actions-police-{scope}", lambda: make_organisation(type=OrganisationType.POLITIE))
    return {"organisation": str(police.uuid), "domain": LegalDomain.POLITIE, "legal_basis": "Politiewet", "contact": ""}


def _member_data(world: World, scope: str) -> dict[str, Any]:
    tax = world.once(f"actions-tax-{scope}", lambda: make_organisation(type=OrganisationType.BELASTINGDIENST))
    return {"organisation": str(tax.uuid), "username": "", "role": "deelnemer", "ends_on": ""}


def _selection_data(world: World, scope: str) -> dict[str, Any]:
    return {"premises": PREMISES, "random_share": "30", "seed": ""}


def _finding_data(world: World, scope: str) -> dict[str, Any]:
    return {
        "idempotency_key": uuid4().hex,
        "partner": str(actions_world(world, scope).partner.uuid),
        "checked": "Bouwkundige staat",
        "compliant": "ja",
        "legal_ground": "",
        "severity": "geen",
        "sanction": "geen",
        "notes": "",
    }


def _follow_up_data(world: World, scope: str) -> dict[str, Any]:
    return {
        "kind": FollowUpKind.WARNING,
        "owner": str(world.orgs[scope].uuid),
        "due_on": str(timezone.localdate() + timedelta(days=7)),
        "case": "",
        "phenomenon": "",
        "municipality": "",
        "description": "",
    }


def _edit_data(world: World, scope: str) -> dict[str, Any]:
    operation = Operation.objects.get(pk=actions_world(world, scope).planning.pk)
    return {
        "version": operation.version,
        "title": f"Actiedag {scope} (gewijzigd)",
        "starts_on": str(operation.starts_on),
        "ends_on": str(operation.ends_on),
        "municipalities": [CODES[scope]],
        "partnership": "",
        "area_description": "",
        "objectives": "",
    }


def _fresh_partner(world: World, scope: str) -> dict[str, Any]:
    """A partner without findings, new for every call: removing it is allowed once."""
    planning = actions_world(world, scope).planning
    partner = OperationPartner.objects.create(
        operation=planning,
        organisation=make_organisation(type=OrganisationType.OMGEVINGSDIENST),
        domain=LegalDomain.MILIEU,
        legal_basis="Wet milieubeheer",
    )
    return {"uuid": planning.uuid, "partner_uuid": partner.uuid}


def _fresh_member(world: World, scope: str) -> dict[str, Any]:
    planning = actions_world(world, scope).planning
    member = OperationMember.objects.create(
        operation=planning, organisation=make_organisation(type=OrganisationType.BELASTINGDIENST)
    )
    return {"uuid": planning.uuid, "member_uuid": member.uuid}


def _fresh_photo(world: World, scope: str) -> dict[str, Any]:
    found = actions_world(world, scope)
    photo = FindingPhoto.objects.create(
        finding=found.finding, path=f"actions/{uuid4()}.png", content_type="image/png", size=1, sha256="0" * 64
    )
    return {"uuid": found.running.uuid, "photo_uuid": photo.uuid}


def _view(kwargs: Any, **rest: Any) -> Route:
    return Route("roles", VIEW, scoped="strict", kwargs=kwargs, **rest)


def _manage(kwargs: Any, **rest: Any) -> Route:
    return Route("roles", MANAGE, scoped="strict", kwargs=kwargs, **rest)


SPEC: dict[str, Route] = {
    "actions:list": Route("roles", VIEW),
    "actions:create": Route("roles", MANAGE),
    "actions:detail": _view(_running),
    "actions:transition": _manage(_planning, method="post", ok=(302,), data=_transition_data),
    # A second call with the same partner and domain is refused on the form (200, the form again).
    "actions:partner_add": _manage(_planning, method="post", ok=(200, 302), get_ok=(200,), data=_partner_data),
    "actions:member_add": _manage(_planning, method="post", ok=(302,), get_ok=(200,), data=_member_data),
    "actions:selection": _manage(_planning, method="post", ok=(302,), get_ok=(200,), data=_selection_data),
    "actions:checklist": _view(_running),
    "actions:location": _view(_location),
    "actions:finding_create": _view(_location, method="post", ok=(302,), get_ok=(200,), data=_finding_data),
    "actions:finding": _view(_finding),
    "actions:follow_up_create": _view(_finding, method="post", ok=(302,), get_ok=(200,), data=_follow_up_data),
    "actions:follow_up_complete": _view(_follow_up, method="post", ok=(302,)),
    "actions:photo": _view(_photo),
    "actions:debrief": _view(_running),
    # Managing an action after it was planned.
    "actions:edit": _manage(_planning, method="post", ok=(302,), get_ok=(200,), data=_edit_data),
    "actions:legal_hold": _manage(
        _running, method="post", ok=(302,), get_ok=(200,), data=lambda w, s: {"hold": "ja", "reason": "Procedure"}
    ),
    "actions:partner_remove": _manage(_fresh_partner, method="post", ok=(302,)),
    "actions:member_end": _manage(_fresh_member, method="post", ok=(302,)),
    # Only the finding's author corrects it (tested in test_views); every other member gets 404.
    "actions:finding_correct": _view(_finding, object_roles=frozenset()),
    # The finding's author or a planner deletes a photo.
    "actions:photo_delete": _view(_fresh_photo, method="post", ok=(302,), object_roles=MANAGE),
}


# The API under /api/v1/acties: the same objects, the same 404 for every other home.


def _api_finding_data(world: World, scope: str) -> dict[str, Any]:
    found = actions_world(world, scope)
    return {
        "idempotencySleutel": uuid4().hex,
        "locatie": str(found.location.uuid),
        "domein": found.partner.domain,
        "gecontroleerd": "Bouwkundige staat",
        "conform": True,
    }


def _api_follow_up_data(world: World, scope: str) -> dict[str, Any]:
    return {
        "bevinding": str(actions_world(world, scope).finding.uuid),
        "soort": FollowUpKind.WARNING,
        "eigenaar": str(world.orgs[scope].uuid),
        "uiterlijk": str(timezone.localdate() + timedelta(days=7)),
    }


SPEC |= {
    "actions_api:acties": Route("roles", VIEW, api=True),
    "actions_api:actie": _view(_running, api=True),
    "actions_api:locaties": _view(_running, api=True),
    "actions_api:bevindingen": _view(_running, api=True, method="post", ok=(201,), data=_api_finding_data),
    "actions_api:opvolgingen": _view(_running, api=True, method="post", ok=(201,), data=_api_follow_up_data),
    "actions_api:debriefing": _view(_running, api=True),
}

# The documents (PDF) of an action.
SPEC |= {
    "actions:briefing_pdf": _view(_running),
    "actions:debrief_pdf": _view(_running),
    "actions:public_pdf": _manage(_running),
    "actions:public_summary": _manage(_running),
}
