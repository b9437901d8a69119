# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names joint actions: by a short reference only (never the title: area B), linked for
those who may see the action."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.actions.models import Operation
from weerbaar.actions.scopes import operation_visible
from weerbaar.audit.describers import Description, audit_describer_register, visible_if
from weerbaar.core.policy import Actor


def _describe(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        Operation.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(Operation, operation_visible(actor)))
        .values_list("uuid", "visible")
    )
    return {
        uuid: Description(
            _("Joint action %(reference)s") % {"reference": str(uuid)[:8]},
            reverse("actions:detail", args=[uuid]) if visible else None,
        )
        for uuid, visible in rows
    }


audit_describer_register("actions.operation", describe=_describe, label=gettext_lazy("Joint action"))
