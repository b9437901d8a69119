# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names the desk's objects: by reference only, linked for the desk that may open them."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import audit_describer_register, field_finder, rows_describer
from weerbaar.support.models import ApproachedReport, Referral
from weerbaar.support.scopes import referral_visible, report_visible

audit_describer_register(
    "support.approachedreport",
    describe=rows_describer(
        ApproachedReport,
        ("reference",),
        lambda uuid, reference: _("Approached report %(reference)s") % {"reference": reference},
        rule=report_visible,
        url=lambda uuid, **_row: reverse("support:report", args=[uuid]),
    ),
    find=field_finder(ApproachedReport, "reference"),
    label=gettext_lazy("Approached report"),
)
audit_describer_register(
    "support.referral",
    describe=rows_describer(
        Referral,
        ("reference",),
        lambda uuid, reference: _("Support referral %(reference)s") % {"reference": reference},
        rule=referral_visible,
        url=lambda uuid, **_row: reverse("support:referral", args=[uuid]),
    ),
    find=field_finder(Referral, "reference"),
    label=gettext_lazy("Support referral"),
)
