# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names area A objects: a partnership by its number and name, an alert by its number;
linked for those who may open them (``scopes.py``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import audit_describer_register, field_finder, rows_describer
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import AreaAlert, Partnership
from weerbaar.partnerships.scopes import alert_visible, partnership_receiving

audit_describer_register(
    "partnerships.partnership",
    describe=rows_describer(
        Partnership,
        ("number", "name"),
        lambda uuid, number, name: _("Area partnership %(number)s %(name)s") % {"number": number, "name": name},
        rule=lambda actor: partnership_receiving(actor, DataClass.OPERATIONEEL),
        url=lambda uuid, **_row: reverse("partnerships:detail", args=[uuid]),
    ),
    find=field_finder(Partnership, "number"),
    label=gettext_lazy("Area partnership"),
)
audit_describer_register(
    "partnerships.areaalert",
    describe=rows_describer(
        AreaAlert,
        ("number", "partnership__uuid"),
        lambda uuid, number, partnership__uuid: _("Area alert %(number)s") % {"number": number},
        rule=alert_visible,
        url=lambda uuid, partnership__uuid, **_row: reverse(
            "partnerships:alert", kwargs={"uuid": partnership__uuid, "alert_uuid": uuid}
        ),
    ),
    find=field_finder(AreaAlert, "number"),
    label=gettext_lazy("Area alert"),
)
