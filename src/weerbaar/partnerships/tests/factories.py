# SPDX-License-Identifier: EUPL-1.2
"""Synthetic partnerships for tests, built through the services (as the UI builds them)."""

from dataclasses import dataclass, field
from itertools import count
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import PASSWORD
from weerbaar.accounts import services as account_services
from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import PRIVATE_TYPES, OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.services import organisation_create
from weerbaar.partnerships import services
from weerbaar.partnerships.constants import AreaType, DataClass, LegalBasis
from weerbaar.partnerships.models import Participant, Partnership

_seq = count(1)

#: Boxtel (GM0757), the municipality of the test area.
AREA_CODE = "GM0757"
#: A point inside Boxtel and one outside the area (Amsterdam).
INSIDE = (51.5905, 5.3290)
OUTSIDE = (52.3728, 4.8936)


def make_organisation(type: str = OrganisationType.GEMEENTE, **fields: Any) -> Organisation:
    return organisation_create(actor=None, name=f"Organisatie {type} {next(_seq)}", type=type, **fields)


def make_person(organisation: Organisation, role: str, *, screened: bool = True, totp: bool = True) -> User:
    n = next(_seq)
    user, _password = account_services.user_create(
        actor=None,
        username=f"gebied{n}",
        first_name="Test",
        last_name=f"Gebied {n}",
        email=f"gebied{n}@example.invalid",
        home_organisation=organisation,
        role=role,
        screening_status=ScreeningStatus.PASSED if screened else ScreeningStatus.UNKNOWN,
        password=PASSWORD,
    )
    if totp:
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def make_partnership(facilitator: User, *, codes: tuple[str, ...] = (AREA_CODE,), **overrides: Any) -> Partnership:
    data: dict[str, Any] = {
        "name": f"Buitengebied {next(_seq)}",
        "area_type": AreaType.BUITENGEBIED,
        "objectives": "Samen ondermijning in het buitengebied tegengaan (synthetisch).",
        "municipalities": list(Municipality.objects.filter(code__in=codes)),
        **overrides,
    }
    return services.partnership_create(actor=actor_for(user=facilitator), **data)


def join(
    partnership: Partnership,
    organisation: Organisation,
    *,
    ceiling: str = DataClass.OPERATIONEEL,
    legal_basis: str = LegalBasis.CONVENANT,
    representatives: tuple[User, ...] = (),
) -> Participant:
    """Add a participant (as the partnership's facilitator) with its named representatives."""
    manager = facilitator_actor(partnership)
    participant = services.participant_add(
        actor=manager, partnership=partnership, organisation=organisation, ceiling=ceiling, legal_basis=legal_basis
    )
    for user in representatives:
        services.representative_add(actor=manager, participant=participant, user=user, function="Lid werkgroep")
    return participant


def facilitator_actor(partnership: Partnership) -> Actor:
    facilitator = partnership.facilitator
    assert facilitator is not None
    return actor_for(user=facilitator, organisation_uuid=partnership.lead_organisation.uuid)


def member_actor(user: User, organisation: Organisation) -> Actor:
    return actor_for(user=user, organisation_uuid=organisation.uuid)


@dataclass
class Area:
    """A rural partnership with the four mandatory partners and private partners of every private type.

    ``private_reps`` maps each private organisation type to its representative; every private participant
    joins at ``operationeel`` with a covenant, the most the service lets a private partner agree.
    """

    partnership: Partnership
    municipality: Organisation
    facilitator: User
    police: Organisation
    police_officer: User
    safety_region: Organisation
    fire_officer: User
    private_orgs: dict[str, Organisation] = field(default_factory=dict)
    private_reps: dict[str, User] = field(default_factory=dict)
    participants: dict[str, Participant] = field(default_factory=dict)


def make_area() -> Area:
    """Needs the geography (the ``geography`` fixture)."""
    municipality = make_organisation(OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code=AREA_CODE))
    facilitator = make_person(municipality, Role.GEBIEDSREGISSEUR)
    partnership = make_partnership(facilitator)
    police = make_organisation(OrganisationType.POLITIE)
    police_officer = make_person(police, Role.WIJKAGENT)
    safety_region = make_organisation(OrganisationType.VEILIGHEIDSREGIO)
    fire_officer = make_person(safety_region, Role.PARTNERVERTEGENWOORDIGER)
    area = Area(partnership, municipality, facilitator, police, police_officer, safety_region, fire_officer)
    area.participants["politie"] = join(
        partnership, police, ceiling=DataClass.PERSOONLIJK, representatives=(police_officer,)
    )
    area.participants["veiligheidsregio"] = join(partnership, safety_region, representatives=(fire_officer,))
    for org_type in sorted(PRIVATE_TYPES):
        organisation = make_organisation(org_type)
        representative = make_person(organisation, Role.PARTNERVERTEGENWOORDIGER, screened=False)
        area.private_orgs[org_type] = organisation
        area.private_reps[org_type] = representative
        area.participants[org_type] = join(
            partnership, organisation, ceiling=DataClass.OPERATIONEEL, representatives=(representative,)
        )
    return area
