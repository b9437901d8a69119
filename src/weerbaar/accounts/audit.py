# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names people: by display name, linked for those who manage the account."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext_lazy

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import user_list
from weerbaar.audit.describers import Description, audit_describer_register
from weerbaar.core.policy import Actor


def _describe(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    users = list(User.objects.filter(uuid__in=uuids).only("uuid", "username", "first_name", "last_name"))
    manageable = (
        set(user_list(actor=actor).filter(uuid__in=[u.uuid for u in users]).values_list("uuid", flat=True))
        if users
        else set()
    )
    return {
        user.uuid: Description(
            user.display_name, reverse("accounts:user_detail", args=[user.uuid]) if user.uuid in manageable else None
        )
        for user in users
    }


def _choices(organisation_uuid: UUID | None) -> list[UUID]:
    """Everyone who holds or held a role in the organisation (a former colleague's actions stay findable)."""
    users = User.objects.all()
    if organisation_uuid is not None:
        users = users.filter(role_assignments__organisation__uuid=organisation_uuid)
    return list(users.order_by().values_list("uuid", flat=True).distinct())


audit_describer_register("accounts.user", describe=_describe, label=gettext_lazy("User"), choices=_choices)
