# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names a pressure report: by reference only, linked for the coordinator who may open it."""

from django.utils.translation import gettext_lazy

from weerbaar.audit.field_describers import field_describer_register
from weerbaar.integrity.models import PressureReport
from weerbaar.integrity.scopes import report_handled

field_describer_register(
    PressureReport,
    "reference",
    text=gettext_lazy("Integrity report %(reference)s"),
    label=gettext_lazy("Integrity report"),
    rule=report_handled,
    view="integrity:detail",
)
