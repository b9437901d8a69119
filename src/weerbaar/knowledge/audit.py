# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names barrier models and practice cases: by title, linked for whoever may open them."""

from django.utils.translation import gettext_lazy

from weerbaar.audit.field_describers import field_describer_register
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.knowledge.scopes import barrier_model_visible, practice_case_visible

field_describer_register(
    BarrierModel,
    "title",
    text=gettext_lazy("Barrier model %(title)s"),
    label=gettext_lazy("Barrier model"),
    rule=barrier_model_visible,
    view="knowledge:model",
)
field_describer_register(
    PracticeCase,
    "title",
    text=gettext_lazy("Practice case %(title)s"),
    label=gettext_lazy("Practice case"),
    rule=practice_case_visible,
    view="knowledge:case",
)
