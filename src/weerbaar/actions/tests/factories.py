# SPDX-License-Identifier: EUPL-1.2
"""Helpers to make joint actions in tests through the real services (usable without pytest fixtures).

Typical use (the geography must be loaded: the ``geography`` or ``tilburg`` fixture)::

    planner = make_planner()                       # casusregisseur of Gemeente Tilburg-like municipality
    operation = make_operation(planner)            # an integrated inspection starting today, in Tilburg
    police = make_partner_actor(operation, planner, org_type=OrganisationType.POLITIE, domain=LegalDomain.POLITIE)
"""

import io
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from PIL import Image

from weerbaar.accounts.constants import Role
from weerbaar.actions.constants import LegalDomain, OperationKind, OperationStatus
from weerbaar.actions.models import Location, Operation, Selection
from weerbaar.actions.services import (
    operation_create,
    operation_partner_add,
    operation_transition,
    premises_parse,
    selection_draw,
)
from weerbaar.cases.tests.factories import make_actor, make_organisation
from weerbaar.core.policy import Actor
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation

TILBURG = "GM0855"
PREMISES = """Industrieweg 1, 5048 AA Tilburg
Industrieweg 3, 5048 AA Tilburg
Industrieweg 5, 5048 AA Tilburg
Industrieweg 7, 5048 AA Tilburg
Industrieweg 9, 5048 AA Tilburg
Havenstraat 2, 5048 AB Tilburg
Havenstraat 4, 5048 AB Tilburg
Havenstraat 6, 5048 AB Tilburg
Havenstraat 8, 5048 AB Tilburg
Havenstraat 10, 5048 AB Tilburg
"""


def make_planner(organisation: Organisation | None = None) -> Actor:
    """A casusregisseur (actions.manage) of ``organisation`` (a new municipality by default)."""
    return make_actor(organisation=organisation, role=Role.CASUSREGISSEUR)


def make_operation(
    planner: Actor,
    *,
    starts_on: date | None = None,
    municipality_code: str = TILBURG,
    kind: str = OperationKind.INTEGRALE_CONTROLE,
    **fields: Any,
) -> Operation:
    start = starts_on or timezone.localdate()
    assert planner.user is not None
    return operation_create(
        actor=planner,
        kind=kind,
        title=fields.pop("title", "Integrale controle bedrijventerrein Loven"),
        starts_on=start,
        ends_on=fields.pop("ends_on", start + timedelta(days=1)),
        project_leader=planner.user,
        municipalities=[Municipality.objects.get(code=municipality_code)],
        objectives=fields.pop("objectives", "Zicht op ondermijning op het bedrijventerrein."),
        **fields,
    )


def make_partner_actor(
    operation: Operation,
    planner: Actor,
    *,
    organisation: Organisation | None = None,
    org_type: str = OrganisationType.POLITIE,
    domain: str = LegalDomain.POLITIE,
    role: str = Role.PARTNERVERTEGENWOORDIGER,
) -> Actor:
    """An inspector of a partner organisation that takes part from ``domain`` (a participant member)."""
    org = organisation or make_organisation(type=org_type)
    operation_partner_add(
        actor=planner, operation=operation, organisation=org, domain=domain, legal_basis="Eigen bevoegdheid"
    )
    return make_actor(organisation=org, role=role)


def make_running(operation: Operation, planner: Actor, *, share: int = 30, seed: int = 42) -> Selection:
    """Draw a random share of ``PREMISES`` and brief the operation, so findings can be recorded."""
    selection = selection_draw(
        actor=planner, operation=operation, chosen=[], premises=premises_parse(PREMISES), random_share=share, seed=seed
    )
    if not operation.partners.filter(organisation=operation.owner).exists():
        operation_partner_add(
            actor=planner,
            operation=operation,
            organisation=operation.owner,
            domain=LegalDomain.BOUW,
            legal_basis="Woningwet",
        )
    operation_transition(actor=planner, operation=operation, to_status=OperationStatus.BRIEFED)
    return selection


def first_location(operation: Operation) -> Location:
    location = operation.locations.first()
    assert location is not None
    return location


def png_bytes(colour: str = "green") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return out.getvalue()
