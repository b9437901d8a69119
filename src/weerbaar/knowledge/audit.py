# SPDX-License-Identifier: EUPL-1.2
"""How the audit trail names barrier models and practice cases: by title, linked for whoever may open them."""

from collections.abc import Sequence
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.describers import Description, audit_describer_register, visible_if
from weerbaar.core.policy import Actor
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.knowledge.scopes import barrier_model_visible, practice_case_visible


def _describe_models(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        BarrierModel.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(BarrierModel, barrier_model_visible(actor)))
        .values_list("uuid", "title", "visible")
    )
    return {
        uuid: Description(
            _("Barrier model %(title)s") % {"title": title},
            reverse("knowledge:model", args=[uuid]) if visible else None,
        )
        for uuid, title, visible in rows
    }


def _describe_cases(actor: Actor, uuids: Sequence[UUID]) -> dict[UUID, Description]:
    rows = (
        PracticeCase.objects.filter(uuid__in=uuids)
        .annotate(visible=visible_if(PracticeCase, practice_case_visible(actor)))
        .values_list("uuid", "title", "visible")
    )
    return {
        uuid: Description(
            _("Practice case %(title)s") % {"title": title},
            reverse("knowledge:case", args=[uuid]) if visible else None,
        )
        for uuid, title, visible in rows
    }


def _find_models(text: str) -> list[UUID]:
    return list(BarrierModel.objects.filter(title__iexact=text).values_list("uuid", flat=True))


def _find_cases(text: str) -> list[UUID]:
    return list(PracticeCase.objects.filter(title__iexact=text).values_list("uuid", flat=True))


audit_describer_register(
    "knowledge.barriermodel", describe=_describe_models, find=_find_models, label=gettext_lazy("Barrier model")
)
audit_describer_register(
    "knowledge.practicecase", describe=_describe_cases, find=_find_cases, label=gettext_lazy("Practice case")
)
