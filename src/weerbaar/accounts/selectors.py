# SPDX-License-Identifier: EUPL-1.2
"""Reads about people and roles, scoped by the actor."""

from uuid import UUID

from django.db.models import Q, QuerySet

from weerbaar.accounts.constants import ROLE_PERMISSIONS, Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.core.permissions import permitted_codes
from weerbaar.core.policy import ANONYMOUS, Actor, can
from weerbaar.organisations.models import Organisation


def effective_permissions(*, user: User, organisation: Organisation, roles: frozenset[str]) -> frozenset[str]:
    """The permissions the roles grant, less those whose declaration rules the user out: codes that need
    a passed screening the user lacks, and codes not for a private partner when the organisation is one."""
    perms: set[str] = set()
    for role in roles:
        perms |= ROLE_PERMISSIONS.get(role, frozenset())
    return permitted_codes(perms, private=organisation.is_private, screened=user.is_screened)


def user_organisations(*, user: User) -> QuerySet[Organisation]:
    """Organisations the user currently holds a role in."""
    return Organisation.objects.filter(
        pk__in=RoleAssignment.objects.current().filter(user=user).values("organisation")
    ).order_by("name")


def actor_for(*, user: User | None, organisation_uuid: UUID | str | None = None, via_token: bool = False) -> Actor:
    """The actor for a user acting for one of their organisations (the chosen one, or the first)."""
    if user is None or not user.is_active:
        return ANONYMOUS
    assignments = list(RoleAssignment.objects.current().filter(user=user).select_related("organisation"))
    if not assignments:
        return Actor(user=user, organisation=None, via_token=via_token)
    by_org: dict[str, list[RoleAssignment]] = {}
    for assignment in assignments:
        by_org.setdefault(str(assignment.organisation.uuid), []).append(assignment)
    chosen = str(organisation_uuid) if organisation_uuid is not None else None
    if chosen not in by_org:
        home = user.home_organisation_id
        preferred = [k for k, v in by_org.items() if v[0].organisation_id == home]
        chosen = preferred[0] if preferred else sorted(by_org, key=lambda k: by_org[k][0].organisation.name)[0]
    organisation = by_org[chosen][0].organisation
    roles = frozenset(a.role for a in by_org[chosen])
    return Actor(
        user=user,
        organisation=organisation,
        roles=roles,
        permissions=effective_permissions(user=user, organisation=organisation, roles=roles),
        via_token=via_token,
    )


def user_list(*, actor: Actor) -> QuerySet[User]:
    """Accounts the actor may manage: those of their own organisation (all, for the operator)."""
    if not can(actor, Perm.USERS_MANAGE):
        return User.objects.none()
    qs = User.objects.select_related("home_organisation")
    if actor.organisation is not None and actor.organisation.is_operator:
        return qs
    if actor.organisation_id is None:
        return User.objects.none()
    return qs.filter(home_organisation_id=actor.organisation_id)


def user_search(*, actor: Actor, text: str) -> QuerySet[User]:
    qs = user_list(actor=actor)
    for term in text.split()[:5]:
        qs = qs.filter(
            Q(username__icontains=term)
            | Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
            | Q(email__icontains=term)
        )
    return qs


def user_get(*, actor: Actor, uuid: UUID | str) -> User | None:
    return user_list(actor=actor).filter(uuid=uuid).first()


def role_assignments_of(*, actor: Actor, user: User) -> QuerySet[RoleAssignment]:
    qs = RoleAssignment.objects.filter(user=user).select_related("organisation")
    if actor.organisation is not None and actor.organisation.is_operator:
        return qs
    if actor.organisation_id is None:
        return qs.none()
    return qs.filter(organisation_id=actor.organisation_id)
