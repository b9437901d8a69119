# SPDX-License-Identifier: EUPL-1.2
"""Reads of the knowledge base, scoped by ``scopes.py`` (keyword-only, typed).

Other apps call :func:`barrier_model_list`, :func:`barriers_for`, :func:`barriers_by_key` and
:func:`barriers_for_topics` (the resilience scan, to recommend the barriers that protect a weak process or
theme); they get what the actor may see, nothing more.
"""

from collections.abc import Iterable
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from weerbaar.core.policy import Actor
from weerbaar.knowledge import scopes
from weerbaar.knowledge.models import Barrier, BarrierModel, BarrierModelVersion, PracticeCase, Step

#: The longest search text taken into account.
SEARCH_MAX = 100


def _valid(uuid: UUID | str) -> bool:
    try:
        UUID(str(uuid))
    except (ValueError, ValidationError):
        return False
    return True


def _current_barriers(**filters: object) -> QuerySet[Barrier]:
    """Barriers of the current version of the model at ``OuterRef("pk")``."""
    return Barrier.objects.filter(
        step__model_version__barrier_model=OuterRef("pk"),
        step__model_version__number=OuterRef("version"),
        **filters,
    )


def barrier_model_list(
    *, actor: Actor, text: str = "", phenomenon: str = "", owner_type: str = ""
) -> QuerySet[BarrierModel]:
    """The barrier models the actor sees, searched in the current version's title, summary, steps and
    barriers, by phenomenon, and by the organisation type that owns one of its barriers."""
    rows = BarrierModel.objects.filter(scopes.barrier_model_visible(actor)).select_related("organisation")
    if phenomenon:
        rows = rows.filter(phenomenon=phenomenon)
    if owner_type:
        rows = rows.filter(Exists(_current_barriers(owner_type=owner_type)))
    text = text.strip()[:SEARCH_MAX]
    if text:
        in_version = BarrierModelVersion.objects.filter(
            barrier_model=OuterRef("pk"), number=OuterRef("version"), summary__icontains=text
        )
        in_steps = Step.objects.filter(
            Q(name__icontains=text) | Q(needs__icontains=text) | Q(facilitators__icontains=text),
            model_version__barrier_model=OuterRef("pk"),
            model_version__number=OuterRef("version"),
        )
        in_barriers = _current_barriers().filter(Q(description__icontains=text) | Q(instruments__icontains=text))
        rows = rows.filter(Q(title__icontains=text) | Exists(in_version) | Exists(in_steps) | Exists(in_barriers))
    return rows.order_by("title", "pk")


def barrier_model_get(*, actor: Actor, uuid: UUID | str) -> BarrierModel | None:
    if not _valid(uuid):
        return None
    return (
        BarrierModel.objects.filter(scopes.barrier_model_visible(actor), uuid=uuid)
        .select_related("organisation")
        .first()
    )


def barrier_model_version(*, barrier_model: BarrierModel, number: int | None = None) -> BarrierModelVersion | None:
    """One version (the current one by default) with its steps, barriers and references loaded."""
    wanted = barrier_model.version if number is None else number
    return (
        BarrierModelVersion.objects.filter(barrier_model=barrier_model, number=wanted)
        .select_related("created_by")
        .prefetch_related("steps__barriers__references")
        .first()
    )


def barrier_model_history(*, barrier_model: BarrierModel) -> QuerySet[BarrierModelVersion]:
    """Every version, newest first, with who wrote it and what changed."""
    return barrier_model.versions.select_related("created_by").order_by("-number")


def barriers_for(*, actor: Actor, phenomenon: str) -> QuerySet[Barrier]:
    """The barriers of the current versions of the barrier models for ``phenomenon`` that the actor sees."""
    models = BarrierModel.objects.filter(scopes.barrier_model_visible(actor), phenomenon=phenomenon)
    return (
        Barrier.objects.filter(
            step__model_version__barrier_model__in=models.values("pk"),
            step__model_version__number=F("step__model_version__barrier_model__version"),
        )
        .select_related("step__model_version__barrier_model")
        .prefetch_related("references")
        .order_by("step__model_version__barrier_model__title", "step__position", "position")
    )


def barriers_by_key(*, actor: Actor, keys: Iterable[str]) -> dict[str, Barrier]:
    """The barriers (current versions of visible models) with these keys, by key as text."""
    wanted = [key for key in keys if _valid(key)]
    if not wanted:
        return {}
    models = BarrierModel.objects.filter(scopes.barrier_model_visible(actor))
    rows = (
        Barrier.objects.filter(key__in=wanted, step__model_version__barrier_model__in=models.values("pk"))
        .filter(step__model_version__number=F("step__model_version__barrier_model__version"))
        .select_related("step__model_version__barrier_model")
    )
    return {str(barrier.key): barrier for barrier in rows}


def barriers_for_topics(*, actor: Actor, topics: Iterable[str]) -> dict[str, list[Barrier]]:
    """Per scan topic key: the barriers of the current versions of the visible barrier models that protect
    it, by model title, step and position. A topic no barrier protects is left out."""
    wanted = set(topics)
    if not wanted:
        return {}
    models = BarrierModel.objects.filter(scopes.barrier_model_visible(actor))
    rows = (
        Barrier.objects.filter(step__model_version__barrier_model__in=models.values("pk"))
        .filter(step__model_version__number=F("step__model_version__barrier_model__version"))
        .exclude(topics=[])
        .select_related("step__model_version__barrier_model")
        .order_by("step__model_version__barrier_model__title", "step__position", "position", "pk")
    )
    result: dict[str, list[Barrier]] = {}
    # The topic lists are short; matching them here works the same on every database.
    for barrier in rows:
        for key in barrier.topics:
            if key in wanted:
                result.setdefault(key, []).append(barrier)
    return result


def barrier_choices(*, actor: Actor) -> list[tuple[str, str]]:
    """Every barrier the actor can link a practice case to, labelled with its model and step."""
    models = BarrierModel.objects.filter(scopes.barrier_model_visible(actor))
    rows = (
        Barrier.objects.filter(step__model_version__barrier_model__in=models.values("pk"))
        .filter(step__model_version__number=F("step__model_version__barrier_model__version"))
        .select_related("step__model_version__barrier_model")
        .order_by("step__model_version__barrier_model__title", "step__position", "position")
    )
    return [
        (
            str(barrier.key),
            f"{barrier.step.model_version.barrier_model.title} — {barrier.step.name}: {barrier.description[:80]}",
        )
        for barrier in rows
    ]


def practice_case_list(*, actor: Actor, text: str = "", phenomenon: str = "") -> QuerySet[PracticeCase]:
    rows = PracticeCase.objects.filter(scopes.practice_case_visible(actor)).select_related("organisation")
    if phenomenon:
        rows = rows.filter(phenomenon=phenomenon)
    text = text.strip()[:SEARCH_MAX]
    if text:
        rows = rows.filter(Q(title__icontains=text) | Q(what_happened__icontains=text) | Q(lessons__icontains=text))
    return rows.order_by("-created_at", "-pk")


def practice_case_get(*, actor: Actor, uuid: UUID | str) -> PracticeCase | None:
    if not _valid(uuid):
        return None
    return (
        PracticeCase.objects.filter(scopes.practice_case_visible(actor), uuid=uuid)
        .select_related("organisation")
        .first()
    )


def practice_cases_for(*, actor: Actor, barrier_model: BarrierModel) -> list[PracticeCase]:
    """The visible practice cases linked to a barrier of the model's current version."""
    keys = {
        str(key)
        for key in Barrier.objects.filter(
            step__model_version__barrier_model=barrier_model, step__model_version__number=barrier_model.version
        ).values_list("key", flat=True)
    }
    if not keys:
        return []
    return [case for case in practice_case_list(actor=actor) if keys.intersection(case.barrier_keys)]
