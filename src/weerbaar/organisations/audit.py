# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names organisations: by name (a public directory), linked for those who may read it."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import Description, audit_describer_register
from weerbaar.core.policy import Actor
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.selectors import organisation_list


def _describe(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    readable = set(organisation_list(actor=actor).filter(uuid__in=uuids).values_list("uuid", flat=True))
    return {
        uuid: Description(name, reverse("organisations:detail", args=[uuid]) if uuid in readable else None)
        for uuid, name in Organisation.objects.filter(uuid__in=uuids).values_list("uuid", "name")
    }


def _choices(organisation_uuid: UUID | None) -> list[UUID]:
    organisations = Organisation.objects.all()
    if organisation_uuid is not None:
        organisations = organisations.filter(uuid=organisation_uuid)
    return list(organisations.values_list("uuid", flat=True))


audit_describer_register(
    "organisations.organisation", describe=_describe, label=gettext_lazy("Organisation"), choices=_choices
)
