# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names joint actions: by a short reference only (never the title: area B), linked for
those who may see the action."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.actions.models import Operation
from weerbaar.actions.scopes import operation_visible
from weerbaar.audit.describers import audit_describer_register, rows_describer

audit_describer_register(
    "actions.operation",
    describe=rows_describer(
        Operation,
        (),
        lambda uuid: _("Joint action %(reference)s") % {"reference": str(uuid)[:8]},
        rule=operation_visible,
        url=lambda uuid: reverse("actions:detail", args=[uuid]),
    ),
    label=gettext_lazy("Joint action"),
)
