# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names barrier models and practice cases: by title, linked for whoever may open them."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import audit_describer_register, field_finder, rows_describer
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.knowledge.scopes import barrier_model_visible, practice_case_visible

audit_describer_register(
    "knowledge.barriermodel",
    describe=rows_describer(
        BarrierModel,
        ("title",),
        lambda uuid, title: _("Barrier model %(title)s") % {"title": title},
        rule=barrier_model_visible,
        url=lambda uuid, **_row: reverse("knowledge:model", args=[uuid]),
    ),
    find=field_finder(BarrierModel, "title"),
    label=gettext_lazy("Barrier model"),
)
audit_describer_register(
    "knowledge.practicecase",
    describe=rows_describer(
        PracticeCase,
        ("title",),
        lambda uuid, title: _("Practice case %(title)s") % {"title": title},
        rule=practice_case_visible,
        url=lambda uuid, **_row: reverse("knowledge:case", args=[uuid]),
    ),
    find=field_finder(PracticeCase, "title"),
    label=gettext_lazy("Practice case"),
)
