# SPDX-License-Identifier: EUPL-1.2
"""Helpers to make cases in tests through the real services (usable without pytest fixtures).

Typical use::

    owner = make_owner_actor()                       # casusregisseur of a new municipality
    case = make_case(owner)                          # owner's organisation directs it (regie)
    police = make_member_actor(case, owner=owner, org_type=OrganisationType.POLITIE)
    outsider = make_actor(organisation=make_organisation(type=OrganisationType.BELASTINGDIENST))
"""

from datetime import date
from itertools import count
from typing import Any

from weerbaar.accounts import services as account_services
from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.cases.constants import Classification, MemberRole
from weerbaar.cases.models import Case
from weerbaar.cases.services import case_create, membership_add
from weerbaar.core.policy import Actor
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.services import organisation_create
from weerbaar.signals.models import Signal

PASSWORD = "correct-horse-battery-staple-42"
_seq = count(1)


def make_organisation(name: str | None = None, type: str = OrganisationType.GEMEENTE, **fields: Any) -> Organisation:
    n = next(_seq)
    return organisation_create(actor=None, name=name or f"Casusorganisatie {n}", type=type, **fields)


def make_case_user(
    *, organisation: Organisation, role: str = Role.CASUSREGISSEUR, screened: bool = True, username: str | None = None
) -> User:
    n = next(_seq)
    user, _password = account_services.user_create(
        actor=None,
        username=username or f"casus{n}",
        first_name="Test",
        last_name=f"Casus {n}",
        email=f"casus{n}@example.invalid",
        home_organisation=organisation,
        role=role,
        screening_status=ScreeningStatus.PASSED if screened else ScreeningStatus.UNKNOWN,
        password=PASSWORD,
    )
    return user


def make_actor(
    *, organisation: Organisation | None = None, role: str = Role.CASUSREGISSEUR, screened: bool = True
) -> Actor:
    """An actor (user with one role) of ``organisation`` (a new municipality by default)."""
    org = organisation or make_organisation()
    return actor_for(user=make_case_user(organisation=org, role=role, screened=screened))


def make_owner_actor(organisation: Organisation | None = None) -> Actor:
    """A casusregisseur (cases.view + cases.manage) of ``organisation`` (a new municipality by default)."""
    return make_actor(organisation=organisation, role=Role.CASUSREGISSEUR)


def make_case(
    actor: Actor | None = None,
    *,
    title: str = "Schuur Biezenmortel — drugsafval",
    phenomena: list[str] | None = None,
    classification: str = Classification.VERTROUWELIJK,
    signals: list[Signal] | None = None,
) -> Case:
    """A case directed by ``actor``'s organisation (a new casusregisseur of a new municipality by default)."""
    owner = actor or make_owner_actor()
    return case_create(
        actor=owner,
        title=title,
        phenomena=phenomena if phenomena is not None else ["drugsafvaldumping"],
        classification=classification,
        signals=signals,
    )


def make_member_actor(
    case: Case,
    *,
    owner: Actor,
    organisation: Organisation | None = None,
    org_type: str = OrganisationType.POLITIE,
    role: str = Role.PARTNERVERTEGENWOORDIGER,
    member_role: str = MemberRole.DEELNEMER,
    named: bool = False,
    ends_on: date | None = None,
) -> Actor:
    """An actor whose organisation (``organisation`` or a new one of ``org_type``) is made a member of ``case``
    by ``owner`` (the directing organisation's actor). With ``named`` the user becomes a named member instead
    of the whole organisation."""
    org = organisation or make_organisation(type=org_type)
    actor = make_actor(organisation=org, role=role)
    membership_add(
        actor=owner,
        case=case,
        organisation=org,
        user=actor.user if named else None,
        role=member_role,
        ends_on=ends_on,
    )
    return actor
