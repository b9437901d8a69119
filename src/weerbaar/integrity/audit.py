# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names a pressure report: by reference only, linked for the coordinator who may open it."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import audit_describer_register, field_finder, rows_describer
from weerbaar.integrity.models import PressureReport
from weerbaar.integrity.scopes import report_handled

audit_describer_register(
    "integrity.pressurereport",
    describe=rows_describer(
        PressureReport,
        ("reference",),
        lambda uuid, reference: _("Integrity report %(reference)s") % {"reference": reference},
        rule=report_handled,
        url=lambda uuid, **_row: reverse("integrity:detail", args=[uuid]),
    ),
    find=field_finder(PressureReport, "reference"),
    label=gettext_lazy("Integrity report"),
)
