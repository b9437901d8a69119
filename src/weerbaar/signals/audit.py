# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names signals: by number, linked for those who handle them; never by content."""

from collections.abc import Sequence
from uuid import UUID

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import Description, audit_describer_register, visible_if
from weerbaar.core.policy import Actor
from weerbaar.signals.models import DeletionRecord, Signal
from weerbaar.signals.scopes import signal_visible


def _label(number: str | None, uuid: UUID) -> str:
    return number or _("Signal %(number)s") % {"number": str(uuid)[:8]}


def _describe(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        Signal.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(Signal, signal_visible(actor)))
        .values_list("uuid", "number", "visible")
    )
    found = {
        uuid: Description(_label(number, uuid), reverse("signals:detail", args=[uuid]) if visible else None)
        for uuid, number, visible in rows
    }
    missing = [uuid for uuid in uuids if uuid not in found]
    if missing:
        for uuid, number in DeletionRecord.objects.filter(signal_uuid__in=missing).values_list(
            "signal_uuid", "signal_number"
        ):
            found[uuid] = Description(_("%(number)s (destroyed)") % {"number": _label(number, uuid)})
    return found


def _find(text: str) -> list[UUID]:
    live = Signal.objects.filter(number__iexact=text).values_list("uuid", flat=True)
    gone = DeletionRecord.objects.filter(Q(signal_number__iexact=text)).values_list("signal_uuid", flat=True)
    return [*live, *gone]


audit_describer_register("signals.signal", describe=_describe, find=_find, label=gettext_lazy("Signal"))
