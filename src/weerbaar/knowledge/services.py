# SPDX-License-Identifier: EUPL-1.2
"""Writes of the knowledge base: keyword-only, atomic, audited in the same transaction.

A barrier model is never changed in place: every edit writes the next ``BarrierModelVersion`` with all its
steps, barriers and references (a barrier keeps its ``key``), and raises the model's ``version``. A
practice case passes the anonymity check on every save. Only the author organisation's editors write.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.knowledge.constants import BARRIERS_MAX, INSTRUMENTS_MAX, STEPS_MAX, FacilitatorKind, ScanTopic
from weerbaar.knowledge.content import anonymity_check
from weerbaar.knowledge.models import (
    Barrier,
    BarrierModel,
    BarrierModelVersion,
    InstrumentRef,
    PracticeCase,
    Step,
)
from weerbaar.knowledge.selectors import barriers_by_key


@dataclass(frozen=True)
class BarrierInput:
    description: str
    owner_type: str
    instruments: str = ""
    references: Sequence[tuple[str, str]] = ()
    #: The barrier's identity across versions; None for a new barrier.
    key: UUID | None = None
    #: The scan topics (``ScanTopic`` keys) the barrier protects.
    topics: Sequence[str] = ()


@dataclass(frozen=True)
class StepInput:
    name: str
    needs: str = ""
    facilitators: str = ""
    facilitator_kind: str = FacilitatorKind.BOTH
    barriers: Sequence[BarrierInput] = field(default_factory=tuple)


def _topics(keys: Sequence[str]) -> list[str]:
    """The scan topics a barrier protects, each once, in the scan's order; an unknown key is refused."""
    wanted = set(keys)
    unknown = wanted - set(ScanTopic.values)
    if unknown:
        raise ValidationError(
            _("Not a process or theme of the resilience scan: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
        )
    return [key for key in ScanTopic.values if key in wanted]


def _require_editor(actor: Actor, obj: BarrierModel | PracticeCase | None = None) -> None:
    if not can(actor, Perm.KNOWLEDGE_EDIT, obj) or actor.organisation is None:
        raise PermissionDenied


def steps_of(version: BarrierModelVersion) -> list[StepInput]:
    """A version's content as input, to build the next version from."""
    steps = version.steps.prefetch_related("barriers__references")
    return [
        StepInput(
            name=step.name,
            needs=step.needs,
            facilitators=step.facilitators,
            facilitator_kind=step.facilitator_kind,
            barriers=tuple(
                BarrierInput(
                    description=barrier.description,
                    owner_type=barrier.owner_type,
                    instruments=barrier.instruments,
                    references=tuple((ref.kind, ref.label) for ref in barrier.references.all()),
                    key=barrier.key,
                    topics=tuple(barrier.topics),
                )
                for barrier in step.barriers.all()
            ),
        )
        for step in steps
    ]


def _write_version(
    *,
    actor: Actor,
    barrier_model: BarrierModel,
    number: int,
    summary: str,
    change_note: str,
    steps: Sequence[StepInput],
) -> BarrierModelVersion:
    if len(steps) > STEPS_MAX:
        raise ValidationError(_("A barrier model has at most %(max)d steps.") % {"max": STEPS_MAX})
    version = BarrierModelVersion(
        barrier_model=barrier_model,
        number=number,
        title=barrier_model.title,
        phenomenon=barrier_model.phenomenon,
        summary=summary,
        change_note=change_note,
        created_by=actor.user,
    )
    version.full_clean(exclude=["barrier_model"])
    # A barrier model names kinds of business and professions, never a person or an address.
    anonymity_check(summary=summary)
    for step_input in steps:
        anonymity_check(name=step_input.name, needs=step_input.needs, facilitators=step_input.facilitators)
        for barrier_input in step_input.barriers:
            anonymity_check(
                barriers=" ".join(
                    [
                        barrier_input.description,
                        barrier_input.instruments,
                        *(label for _kind, label in barrier_input.references),
                    ]
                )
            )
    version.save()
    for position, step_input in enumerate(steps, start=1):
        if len(step_input.barriers) > BARRIERS_MAX:
            raise ValidationError(_("A step has at most %(max)d barriers.") % {"max": BARRIERS_MAX})
        step = Step(
            model_version=version,
            position=position,
            name=step_input.name.strip(),
            needs=step_input.needs.strip(),
            facilitators=step_input.facilitators.strip(),
            facilitator_kind=step_input.facilitator_kind,
        )
        step.full_clean(exclude=["model_version"])
        step.save()
        for barrier_position, barrier_input in enumerate(step_input.barriers, start=1):
            if len(barrier_input.references) > INSTRUMENTS_MAX:
                raise ValidationError(_("A barrier has at most %(max)d references.") % {"max": INSTRUMENTS_MAX})
            barrier = Barrier(
                step=step,
                position=barrier_position,
                description=barrier_input.description.strip(),
                owner_type=barrier_input.owner_type,
                instruments=barrier_input.instruments.strip(),
                topics=_topics(barrier_input.topics),
            )
            if barrier_input.key is not None:
                barrier.key = barrier_input.key
            barrier.full_clean(exclude=["step"])
            barrier.save()
            for kind, label in barrier_input.references:
                reference = InstrumentRef(barrier=barrier, kind=kind, label=label.strip())
                reference.full_clean(exclude=["barrier"])
                reference.save()
    return version


@transaction.atomic
def barrier_model_create(
    *, actor: Actor, title: str, phenomenon: str, summary: str = "", steps: Sequence[StepInput] = ()
) -> BarrierModel:
    """A new barrier model of the actor's organisation, not shared, with its first version."""
    _require_editor(actor)
    barrier_model = BarrierModel(organisation=actor.organisation, title=title.strip(), phenomenon=phenomenon)
    barrier_model.full_clean()
    barrier_model.save()
    _write_version(actor=actor, barrier_model=barrier_model, number=1, summary=summary, change_note="", steps=steps)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=barrier_model, details={"version": 1})
    return barrier_model


@transaction.atomic
def barrier_model_revise(
    *,
    actor: Actor,
    barrier_model: BarrierModel,
    expected_version: int | None,
    title: str,
    phenomenon: str,
    summary: str,
    steps: Sequence[StepInput],
    change_note: str,
) -> BarrierModel:
    """Write the next version; the earlier ones stay as they were. Refuses a stale form."""
    _require_editor(actor, barrier_model)
    locked = lock_for_update(BarrierModel, barrier_model, expected_version)
    locked.title = title.strip()
    locked.phenomenon = phenomenon
    locked.full_clean()
    bump_version(locked, ["title", "phenomenon", "updated_at"])
    _write_version(
        actor=actor,
        barrier_model=locked,
        number=locked.version,
        summary=summary,
        change_note=change_note.strip(),
        steps=steps,
    )
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=locked, details={"version": locked.version})
    return locked


def barrier_model_step_save(
    *,
    actor: Actor,
    barrier_model: BarrierModel,
    expected_version: int | None,
    position: int | None,
    step: StepInput,
    change_note: str,
) -> BarrierModel:
    """Replace step ``position`` (1-based) or, for None, add the step at the end — as a new version."""
    current = barrier_model.current
    steps = steps_of(current)
    if position is None:
        steps.append(step)
    elif 1 <= position <= len(steps):
        steps[position - 1] = step
    else:
        raise ValidationError(_("This step does not exist (any more)."))
    return barrier_model_revise(
        actor=actor,
        barrier_model=barrier_model,
        expected_version=expected_version,
        title=barrier_model.title,
        phenomenon=barrier_model.phenomenon,
        summary=current.summary,
        steps=steps,
        change_note=change_note,
    )


def barrier_model_step_remove(
    *, actor: Actor, barrier_model: BarrierModel, expected_version: int | None, position: int, change_note: str
) -> BarrierModel:
    current = barrier_model.current
    steps = steps_of(current)
    if not 1 <= position <= len(steps):
        raise ValidationError(_("This step does not exist (any more)."))
    del steps[position - 1]
    return barrier_model_revise(
        actor=actor,
        barrier_model=barrier_model,
        expected_version=expected_version,
        title=barrier_model.title,
        phenomenon=barrier_model.phenomenon,
        summary=current.summary,
        steps=steps,
        change_note=change_note,
    )


@transaction.atomic
def barrier_model_share(*, actor: Actor, barrier_model: BarrierModel, shared: bool) -> BarrierModel:
    """Share the model with all organisations on Weerbaar, or take it back to the own organisation."""
    _require_editor(actor, barrier_model)
    if barrier_model.shared != shared:
        barrier_model.shared = shared
        barrier_model.save(update_fields=["shared", "updated_at"])
        audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=barrier_model, details={"shared": shared})
    return barrier_model


def _known_keys(actor: Actor, keys: Sequence[UUID | str]) -> list[str]:
    """The keys of barriers the actor can see (in a current version of a visible model), as text."""

    wanted = [str(key) for key in keys]
    found = barriers_by_key(actor=actor, keys=wanted)
    unknown = [key for key in wanted if key not in found]
    if unknown:
        raise ValidationError({"barrier_keys": _("A linked barrier is unknown or not visible to you.")})
    return list(dict.fromkeys(wanted))


@transaction.atomic
def practice_case_create(
    *,
    actor: Actor,
    title: str,
    phenomenon: str,
    what_happened: str,
    lessons: str,
    barrier_keys: Sequence[UUID | str] = (),
) -> PracticeCase:
    _require_editor(actor)
    anonymity_check(title=title, what_happened=what_happened, lessons=lessons)
    case = PracticeCase(
        organisation=actor.organisation,
        title=title.strip(),
        phenomenon=phenomenon,
        what_happened=what_happened.strip(),
        lessons=lessons.strip(),
        barrier_keys=_known_keys(actor, barrier_keys),
        created_by=actor.user,
    )
    case.full_clean()
    case.save()
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=case)
    return case


@transaction.atomic
def practice_case_update(
    *,
    actor: Actor,
    case: PracticeCase,
    expected_version: int | None,
    title: str,
    phenomenon: str,
    what_happened: str,
    lessons: str,
    barrier_keys: Sequence[UUID | str] = (),
) -> PracticeCase:
    _require_editor(actor, case)
    anonymity_check(title=title, what_happened=what_happened, lessons=lessons)
    locked = lock_for_update(PracticeCase, case, expected_version)
    locked.title = title.strip()
    locked.phenomenon = phenomenon
    locked.what_happened = what_happened.strip()
    locked.lessons = lessons.strip()
    locked.barrier_keys = _known_keys(actor, barrier_keys)
    locked.full_clean()
    bump_version(locked, ["title", "phenomenon", "what_happened", "lessons", "barrier_keys", "updated_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=locked, details={"version": locked.version})
    return locked


@transaction.atomic
def practice_case_share(*, actor: Actor, case: PracticeCase, shared: bool) -> PracticeCase:
    _require_editor(actor, case)
    if case.shared != shared:
        case.shared = shared
        case.save(update_fields=["shared", "updated_at"])
        audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=case, details={"shared": shared})
    return case
