# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names a pressure report: by reference only, linked for the coordinator who may open it."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import Description, audit_describer_register, visible_if
from weerbaar.core.policy import Actor
from weerbaar.integrity.models import PressureReport
from weerbaar.integrity.scopes import report_handled


def _describe(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        PressureReport.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(PressureReport, report_handled(actor)))
        .values_list("uuid", "reference", "visible")
    )
    return {
        uuid: Description(
            _("Integrity report %(reference)s") % {"reference": reference},
            reverse("integrity:detail", args=[uuid]) if visible else None,
        )
        for uuid, reference, visible in rows
    }


def _find(text: str) -> list[UUID]:
    return list(PressureReport.objects.filter(reference__iexact=text).values_list("uuid", flat=True))


audit_describer_register(
    "integrity.pressurereport", describe=_describe, find=_find, label=gettext_lazy("Integrity report")
)
