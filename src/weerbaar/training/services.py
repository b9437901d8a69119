# SPDX-License-Identifier: EUPL-1.2
"""Writes of awareness training. Keyword-only, atomic, asking the policy themselves (``PermissionDenied``:
the views answer 404), audited in the same transaction. Audit details hold no score and no name: an attempt
is recorded as having happened, with its module; the score lives on the attempt, read only by its taker.
"""

from collections.abc import Mapping, Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.models import User
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.core.uploads import sanitise_upload
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.organisations.models import Organisation
from weerbaar.training import scopes
from weerbaar.training.constants import ModuleStatus
from weerbaar.training.models import (
    Assignment,
    Attempt,
    Department,
    DepartmentMember,
    DilemmaCard,
    Module,
    Page,
    Reminder,
    Scenario,
    ScenarioOption,
)


def _require_manage(actor: Actor) -> Organisation:
    if not can(actor, Perm.TRAINING_MANAGE) or actor.organisation is None:
        raise PermissionDenied
    return actor.organisation


def _require_editable(actor: Actor, module: Module) -> None:
    _require_manage(actor)
    if not scopes.is_managed(actor, module) or module.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if module.status != ModuleStatus.DRAFT:
        raise ValidationError(_("A published module cannot be changed; make a new version."))


def _next_position(queryset: object) -> int:
    return int(queryset.aggregate(m=Max("position"))["m"] or 0) + 1  # type: ignore[attr-defined]


# --- Authoring ------------------------------------------------------------------------------------------


@transaction.atomic
def module_create(*, actor: Actor, title: str, summary: str, pass_mark: int) -> Module:
    organisation = _require_manage(actor)
    module = Module(
        organisation=organisation,
        title=title.strip(),
        summary=summary.strip(),
        pass_mark=pass_mark,
        created_by=actor.user,
    )
    module.full_clean()
    module.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=module)
    return module


@transaction.atomic
def page_add(
    *,
    actor: Actor,
    module: Module,
    title: str,
    body: str,
    image: UploadedFile[bytes] | None = None,
    image_alt: str = "",
) -> Page:
    _require_editable(actor, module)
    page = Page(module=module, position=_next_position(module.pages), title=title.strip(), body=body.strip())
    if image is not None:
        if not image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})
        clean = sanitise_upload(image)
        if not clean.content_type.startswith("image/"):
            raise ValidationError({"image": _("Add a photo or drawing, not a PDF.")})
        page.image, page.image_type, page.image_alt = clean.content, clean.content_type, image_alt.strip()
    page.full_clean()
    page.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=module, details={"added": "page"})
    return page


@transaction.atomic
def scenario_add(
    *, actor: Actor, module: Module, situation: str, question: str, options: Sequence[tuple[str, bool, str]]
) -> Scenario:
    """A scenario question; ``options`` are (text, right answer, feedback), at least two, exactly one right."""
    _require_editable(actor, module)
    options = [(t.strip(), c, f.strip()) for t, c, f in options if t.strip()]
    if len(options) < 2:
        raise ValidationError({"options": _("Give at least two options.")})
    if sum(1 for _t, correct, _f in options if correct) != 1:
        raise ValidationError({"options": _("Mark exactly one option as the right answer.")})
    if any(not feedback for _t, _c, feedback in options):
        raise ValidationError({"options": _("Give feedback for every option.")})
    scenario = Scenario(
        module=module, position=_next_position(module.scenarios), situation=situation.strip(), question=question.strip()
    )
    scenario.full_clean()
    scenario.save(force_insert=True)
    for number, (text, correct, feedback) in enumerate(options, start=1):
        option = ScenarioOption(scenario=scenario, position=number, text=text, correct=correct, feedback=feedback)
        option.full_clean()
        option.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=module, details={"added": "scenario"})
    return scenario


@transaction.atomic
def dilemma_add(*, actor: Actor, module: Module, title: str, dilemma: str, considerations: str) -> DilemmaCard:
    _require_editable(actor, module)
    card = DilemmaCard(
        module=module,
        position=_next_position(module.dilemmas),
        title=title.strip(),
        dilemma=dilemma.strip(),
        considerations=considerations.strip(),
    )
    card.full_clean()
    card.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=module, details={"added": "dilemma"})
    return card


@transaction.atomic
def module_publish(*, actor: Actor, module: Module) -> Module:
    """Freeze a draft. It needs at least one page and one scenario question (the score is over those)."""
    _require_editable(actor, module)
    if not module.pages.exists() or not module.scenarios.exists():
        raise ValidationError(_("A module needs at least one page and one scenario question before it is published."))
    module.status = ModuleStatus.PUBLISHED
    module.published_at = timezone.now()
    module.save(update_fields=["status", "published_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=module, details={"status": module.status})
    return module


@transaction.atomic
def module_new_version(*, actor: Actor, module: Module) -> Module:
    """A draft copy of a published module of one's own organisation, to change and publish again."""
    organisation = _require_manage(actor)
    if module.organisation_id != organisation.pk or module.status == ModuleStatus.DRAFT:
        raise PermissionDenied
    copy = Module(
        organisation=organisation,
        title=module.title,
        summary=module.summary,
        pass_mark=module.pass_mark,
        version=module.version + 1,
        previous=module,
        created_by=actor.user,
    )
    copy.save(force_insert=True)
    Page.objects.bulk_create(
        Page(
            module=copy,
            position=p.position,
            title=p.title,
            body=p.body,
            image=p.image,
            image_type=p.image_type,
            image_alt=p.image_alt,
        )
        for p in module.pages.all()
    )
    for scenario in module.scenarios.prefetch_related("options"):
        new = Scenario.objects.create(
            module=copy, position=scenario.position, situation=scenario.situation, question=scenario.question
        )
        ScenarioOption.objects.bulk_create(
            ScenarioOption(scenario=new, position=o.position, text=o.text, correct=o.correct, feedback=o.feedback)
            for o in scenario.options.all()
        )
    DilemmaCard.objects.bulk_create(
        DilemmaCard(module=copy, position=d.position, title=d.title, dilemma=d.dilemma, considerations=d.considerations)
        for d in module.dilemmas.all()
    )
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=copy, details={"previous": str(module.uuid)})
    return copy


# --- Departments and assignments ------------------------------------------------------------------------


@transaction.atomic
def department_create(*, actor: Actor, name: str) -> Department:
    organisation = _require_manage(actor)
    department = Department(organisation=organisation, name=name.strip())
    department.full_clean()
    department.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=department)
    return department


@transaction.atomic
def department_members_set(
    *, actor: Actor, department: Department, members: Sequence[User], managers: Sequence[User] = ()
) -> None:
    """Put people in a department (moving them out of any other department of the organisation)."""
    _require_manage(actor)
    if department.organisation_id != actor.organisation_id:
        raise PermissionDenied
    users = [u.pk for u in members]
    DepartmentMember.objects.filter(department__organisation_id=department.organisation_id, user_id__in=users).delete()
    DepartmentMember.objects.bulk_create(DepartmentMember(department=department, user_id=pk) for pk in users)
    if managers:
        department.managers.add(*managers)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=department,
        details={"members_added": len(users), "managers_added": len(managers)},
    )


@transaction.atomic
def assignment_create(
    *, actor: Actor, module: Module, due_date: date, role: str = "", department: Department | None = None
) -> Assignment:
    organisation = _require_manage(actor)
    if module.status != ModuleStatus.PUBLISHED or not scopes.is_managed(actor, module):
        raise ValidationError({"module": _("Choose a published module.")})
    if bool(role) == (department is not None):
        raise ValidationError(_("Assign the module to a role or to a department, not both."))
    if role and role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    if department is not None and department.organisation_id != organisation.pk:
        raise PermissionDenied
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    assignment = Assignment(
        organisation=organisation,
        module=module,
        role=role,
        department=department,
        due_date=due_date,
        created_by=actor.user,
    )
    assignment.full_clean()
    assignment.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=assignment, details={"module": str(module.uuid)})
    return assignment


# --- Taking a module ------------------------------------------------------------------------------------


def score_of(module: Module, answers: Mapping[int, int]) -> int:
    """The share (0-100) of the module's scenario questions answered with the right option."""
    right = dict(ScenarioOption.objects.filter(scenario__module=module, correct=True).values_list("scenario_id", "pk"))
    if not right:
        return 0
    good = sum(1 for scenario_id, option_id in answers.items() if right.get(scenario_id) == option_id)
    return round(100 * good / len(right))


@transaction.atomic
def attempt_submit(*, actor: Actor, module: Module, answers: Mapping[int, int]) -> Attempt:
    """Record one attempt: ``answers`` maps every scenario id of the module to the chosen option id."""
    if not can(actor, Perm.TRAINING_TAKE, module) or actor.user is None or actor.organisation is None:
        raise PermissionDenied
    scenarios = set(module.scenarios.values_list("pk", flat=True))
    valid = set(ScenarioOption.objects.filter(scenario__module=module).values_list("scenario_id", "pk"))
    if set(answers) != scenarios or any((s, o) not in valid for s, o in answers.items()):
        raise ValidationError(_("Answer every question."))
    score = score_of(module, answers)
    attempt = Attempt(
        module=module,
        user=actor.user,
        organisation=actor.organisation,
        score=score,
        passed=score >= module.pass_mark,
        answers={str(s): o for s, o in answers.items()},
        completed_at=timezone.now(),
    )
    attempt.full_clean()
    attempt.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=attempt, details={"module": str(module.uuid)})
    return attempt


# --- Reminders ------------------------------------------------------------------------------------------


@transaction.atomic
def reminders_send(*, today: date | None = None) -> int:
    """One reminder per person per overdue assignment not yet passed, through the outbox. Returns how many.

    The mail says only that a training is waiting: no module content, no score, no name of a colleague.
    """
    from weerbaar.training.selectors import assignment_assignees

    today = today or timezone.localdate()
    sent = 0
    for assignment in Assignment.objects.filter(due_date__lt=today).select_related("module"):
        reminded = set(Reminder.objects.filter(assignment=assignment).values_list("user_id", flat=True))
        for user in assignment_assignees(assignment=assignment, outstanding_only=True):
            if user.pk in reminded or not user.email:
                continue
            Reminder.objects.create(assignment=assignment, user=user)
            outbox_enqueue(
                recipient=user.email,
                subject=_("A training in Weerbaar is waiting for you"),
                body=_("The training “%(title)s” was due on %(due)s. Log in to Weerbaar to complete it.")
                % {"title": assignment.module.title, "due": assignment.due_date.strftime("%d-%m-%Y")},
            )
            sent += 1
    if sent:
        audit_event_record(
            actor=None, action=AuditAction.CREATE, object_type="training.reminder", details={"sent": sent}
        )
    return sent
