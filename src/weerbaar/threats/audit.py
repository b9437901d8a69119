# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names incidents (area C): by reference only, linked for those who may see them."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import Description, audit_describer_register, visible_if
from weerbaar.core.policy import Actor
from weerbaar.threats.models import DeletionRecord, Incident
from weerbaar.threats.scopes import incident_visible


def _label(reference: str) -> str:
    return _("Incident %(reference)s") % {"reference": reference}


def _describe(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        Incident.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(Incident, incident_visible(actor)))
        .values_list("uuid", "number", "visible")
    )
    found = {
        uuid: Description(_label(number or str(uuid)[:8]), reverse("threats:detail", args=[uuid]) if visible else None)
        for uuid, number, visible in rows
    }
    missing = [uuid for uuid in uuids if uuid not in found]
    if missing:
        for uuid, reference in DeletionRecord.objects.filter(incident_uuid__in=missing).values_list(
            "incident_uuid", "reference"
        ):
            found[uuid] = Description(_("%(number)s (destroyed)") % {"number": _label(reference)})
    return found


def _find(text: str) -> list[UUID]:
    return list(Incident.objects.filter(number__iexact=text).values_list("uuid", flat=True))


audit_describer_register("threats.incident", describe=_describe, find=_find, label=gettext_lazy("Incident"))
