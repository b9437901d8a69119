# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names the desk's objects: by reference only, linked for the desk that may open them."""

from django.utils.translation import gettext_lazy

from weerbaar.audit.field_describers import field_describer_register
from weerbaar.support.models import ApproachedReport, Referral
from weerbaar.support.scopes import referral_visible, report_visible

field_describer_register(
    ApproachedReport,
    "reference",
    text=gettext_lazy("Approached report %(reference)s"),
    label=gettext_lazy("Approached report"),
    rule=report_visible,
    view="support:report",
)
field_describer_register(
    Referral,
    "reference",
    text=gettext_lazy("Support referral %(reference)s"),
    label=gettext_lazy("Support referral"),
    rule=referral_visible,
    view="support:referral",
)
