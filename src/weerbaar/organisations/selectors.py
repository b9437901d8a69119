# SPDX-License-Identifier: EUPL-1.2
from uuid import UUID

from django.db.models import QuerySet

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.organisations.models import Organisation


def organisation_list(*, actor: Actor, type: str = "") -> QuerySet[Organisation]:
    if not can(actor, Perm.ORGANISATIONS_VIEW):
        return Organisation.objects.none()
    qs = Organisation.objects.select_related("municipality", "safety_region", "police_unit")
    if not can(actor, Perm.ORGANISATIONS_MANAGE):
        qs = qs.filter(is_active=True)
    if type:
        qs = qs.filter(type=type)
    return qs.order_by("name")


def organisation_get(*, actor: Actor, uuid: UUID | str) -> Organisation | None:
    return organisation_list(actor=actor).filter(uuid=uuid).first()
