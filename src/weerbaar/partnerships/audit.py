# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names area A objects: a partnership by its number and name, an alert by its number;
linked for those who may open them (``scopes.py``)."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import Description, audit_describer_register, visible_if
from weerbaar.core.policy import Actor
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import AreaAlert, Partnership
from weerbaar.partnerships.scopes import alert_visible, partnership_receiving


def _describe_partnerships(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        Partnership.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(Partnership, partnership_receiving(actor, DataClass.OPERATIONEEL)))
        .values_list("uuid", "number", "name", "visible")
    )
    return {
        uuid: Description(
            _("Area partnership %(number)s %(name)s") % {"number": number, "name": name},
            reverse("partnerships:detail", args=[uuid]) if visible else None,
        )
        for uuid, number, name, visible in rows
    }


def _find_partnerships(text: str) -> list[UUID]:
    return list(Partnership.objects.filter(number__iexact=text).values_list("uuid", flat=True))


def _describe_alerts(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        AreaAlert.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(AreaAlert, alert_visible(actor)))
        .values_list("uuid", "number", "partnership__uuid", "visible")
    )
    return {
        uuid: Description(
            _("Area alert %(number)s") % {"number": number},
            reverse("partnerships:alert", kwargs={"uuid": partnership, "alert_uuid": uuid}) if visible else None,
        )
        for uuid, number, partnership, visible in rows
    }


def _find_alerts(text: str) -> list[UUID]:
    return list(AreaAlert.objects.filter(number__iexact=text).values_list("uuid", flat=True))


audit_describer_register(
    "partnerships.partnership",
    describe=_describe_partnerships,
    find=_find_partnerships,
    label=gettext_lazy("Area partnership"),
)
audit_describer_register(
    "partnerships.areaalert", describe=_describe_alerts, find=_find_alerts, label=gettext_lazy("Area alert")
)
