# SPDX-License-Identifier: EUPL-1.2
"""Writes of the resilience scan. Keyword-only, atomic, asking the policy themselves (``PermissionDenied``:
the views answer 404), audited in the same transaction. Audit details hold counts and codes, never an
answer."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import ROLE_PERMISSIONS, Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.resilience.constants import (
    ACTION_TRANSITIONS,
    EVIDENCE_MAX,
    EXPOSURE_MAX,
    EXPOSURE_MIN,
    LEVELS,
    AssignmentStatus,
    ScanStatus,
    TopicKind,
)
from weerbaar.resilience.models import (
    ActionStatusChange,
    Answer,
    Assignment,
    Exposure,
    ImprovementAction,
    Scan,
    ScanModel,
    Topic,
)
from weerbaar.resilience.questionnaire import install, version_1

#: The roles whose holders may answer a scan (the codes come from the role table, not a second list).
ANSWERING_ROLES = frozenset(role for role, codes in ROLE_PERMISSIONS.items() if Perm.RESILIENCE_ANSWER in codes)


def _require(actor: Actor, code: str, obj: object = None) -> None:
    if not can(actor, code, obj):
        raise PermissionDenied


def _open(scan: Scan) -> None:
    if scan.status != ScanStatus.OPEN:
        raise ValidationError(_("This scan is closed; nothing in it can change any more."))


def latest_scan_model() -> ScanModel | None:
    """The newest published questionnaire. The shipped version comes with the migrations; a database that was
    emptied since (``flush``, transactional tests) gets it back here."""
    found = ScanModel.objects.filter(published=True).order_by("-version").first()
    if found is None:
        install(apps.get_model, version_1())
        found = ScanModel.objects.filter(published=True).order_by("-version").first()
    return found


def works_for(user: User, organisation_id: int, roles: frozenset[str] | None = None) -> bool:
    """Whether ``user`` holds a current role (one of ``roles``, when given) in the organisation."""
    assignments = RoleAssignment.objects.current().filter(user=user, organisation_id=organisation_id)
    if roles is not None:
        assignments = assignments.filter(role__in=roles)
    return user.is_active and assignments.exists()


@transaction.atomic
def scan_open(
    *,
    actor: Actor,
    title: str,
    previous: Scan | None = None,
    scan_model: ScanModel | None = None,
    at: datetime | None = None,
) -> Scan:
    """Open a scan of the actor's organisation; with ``previous``, a re-scan whose trend compares the two.
    ``at`` records a scan held earlier (an import of last year's paper scan, the demo)."""
    _require(actor, Perm.RESILIENCE_MANAGE)
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    if previous is not None and not can(actor, Perm.RESILIENCE_MANAGE, previous):
        raise PermissionDenied
    scan_model = scan_model or latest_scan_model()
    if scan_model is None or not scan_model.published:
        raise ValidationError(_("There is no published questionnaire to scan with."))
    scan = Scan(
        organisation=actor.organisation,
        scan_model=scan_model,
        title=title.strip(),
        previous=previous,
        opened_by=actor.user,
        opened_at=at or timezone.now(),
    )
    scan.full_clean()
    scan.save(force_insert=True)
    Exposure.objects.bulk_create(
        Exposure(scan=scan, topic=topic) for topic in scan_model.topics.filter(kind=TopicKind.PROCESS)
    )
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=scan, details={"rescan": previous is not None})
    return scan


@transaction.atomic
def scan_close(*, actor: Actor, scan: Scan, expected_version: int | None, at: datetime | None = None) -> Scan:
    _require(actor, Perm.RESILIENCE_MANAGE, scan)
    scan = lock_for_update(Scan, scan, expected_version)
    _open(scan)
    scan.status = ScanStatus.CLOSED
    scan.closed_at = at or timezone.now()
    bump_version(scan, ["status", "closed_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=scan, details={"status": scan.status})
    return scan


@transaction.atomic
def assignment_add(*, actor: Actor, scan: Scan, topic: Topic, respondent: User) -> Assignment:
    """Ask ``respondent`` (a process owner or coordinator of the scan's organisation) to answer ``topic``."""
    _require(actor, Perm.RESILIENCE_MANAGE, scan)
    _open(scan)
    if topic.scan_model_id != scan.scan_model_id:
        raise ValidationError({"topic": _("This process or theme is not part of the scan's questionnaire.")})
    if not works_for(respondent, scan.organisation_id, ANSWERING_ROLES):
        raise ValidationError({"respondent": _("Choose a process owner or coordinator of your own organisation.")})
    if Assignment.objects.filter(scan=scan, topic=topic, respondent=respondent).exists():
        raise ValidationError({"respondent": _("This person already answers this process or theme.")})
    assignment = Assignment(scan=scan, topic=topic, respondent=respondent)
    assignment.full_clean()
    assignment.save(force_insert=True)
    audit_event_record(
        actor=actor, action=AuditAction.CREATE, obj=assignment, details={"scan": str(scan.uuid), "topic": topic.key}
    )
    return assignment


@transaction.atomic
def exposure_set(*, actor: Actor, scan: Scan, levels: Mapping[str, int]) -> None:
    """Rate the exposure (1 to 3) of the scan's processes, by topic key."""
    _require(actor, Perm.RESILIENCE_MANAGE, scan)
    _open(scan)
    exposures = {e.topic.key: e for e in scan.exposures.select_related("topic")}
    for key, level in levels.items():
        if key not in exposures:
            raise ValidationError(_("Unknown process."))
        if not EXPOSURE_MIN <= level <= EXPOSURE_MAX:
            raise ValidationError(_("Exposure is a number from 1 to 3."))
        exposure = exposures[key]
        if exposure.level != level:
            exposure.level = level
            exposure.save(update_fields=["level"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=scan, details={"part": "exposure"})


@dataclass(frozen=True)
class AnswerInput:
    level: int | None
    evidence: str = ""


@transaction.atomic
def answers_save(
    *, actor: Actor, assignment: Assignment, answers: Mapping[int, AnswerInput], submit: bool = False
) -> Assignment:
    """Save the respondent's answers by question id, as a draft or (``submit``) final: every question needs a
    level then. A submitted assignment no longer changes."""
    _require(actor, Perm.RESILIENCE_ANSWER, assignment)
    assignment = Assignment.objects.select_for_update().select_related("scan", "topic").get(pk=assignment.pk)
    _open(assignment.scan)
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise ValidationError(_("You have already submitted these answers."))
    questions = {q.pk: q for q in assignment.topic.questions.all()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError(_("An answer belongs to a question of another process or theme."))
    existing = {a.question_id: a for a in assignment.answers.all()}
    for question_id, given in answers.items():
        if given.level is not None and given.level not in LEVELS:
            raise ValidationError(_("Choose a level from 0 to 4."))
        evidence = given.evidence.strip()
        if len(evidence) > EVIDENCE_MAX:
            raise ValidationError(_("The evidence is too long."))
        answer = existing.get(question_id)
        if answer is None:
            Answer.objects.create(assignment=assignment, question_id=question_id, level=given.level, evidence=evidence)
        elif (answer.level, answer.evidence) != (given.level, evidence):
            answer.level, answer.evidence = given.level, evidence
            answer.save(update_fields=["level", "evidence"])
    if submit:
        levels = dict(assignment.answers.filter(level__isnull=False).values_list("question_id", "level"))
        if set(levels) != set(questions):
            raise ValidationError(_("Answer every question before you submit."))
        assignment.status = AssignmentStatus.SUBMITTED
        assignment.submitted_at = timezone.now()
        chosen = [level for level in levels.values() if level is not None]
        assignment.score = sum(chosen) / len(chosen)
        assignment.save(update_fields=["status", "submitted_at", "score"])
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=assignment, details={"answers": len(answers), "submit": submit}
    )
    return assignment


@transaction.atomic
def action_create(
    *,
    actor: Actor,
    scan: Scan,
    title: str,
    owner: User,
    due_date: date,
    description: str = "",
    topic: Topic | None = None,
) -> ImprovementAction:
    _require(actor, Perm.RESILIENCE_MANAGE, scan)
    if actor.user is None:
        raise PermissionDenied
    if topic is not None and topic.scan_model_id != scan.scan_model_id:
        raise ValidationError({"topic": _("This process or theme is not part of the scan's questionnaire.")})
    if not works_for(owner, scan.organisation_id):
        raise ValidationError({"owner": _("The owner must work for your own organisation.")})
    action = ImprovementAction(
        scan=scan,
        topic=topic,
        title=title.strip(),
        description=description.strip(),
        owner=owner,
        due_date=due_date,
        created_by=actor.user,
    )
    action.full_clean()
    action.save(force_insert=True)
    ActionStatusChange.record(action=action, actor=actor.user, to_status=action.status)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=action, details={"scan": str(scan.uuid)})
    return action


def may_move(actor: Actor, action: ImprovementAction) -> bool:
    """The coordinator moves any action of the organisation; the owner moves his own."""
    if can(actor, Perm.RESILIENCE_MANAGE, action):
        return True
    return actor.user is not None and action.owner_id == actor.user.pk and can(actor, Perm.RESILIENCE_ANSWER, action)


@transaction.atomic
def action_status_change(
    *, actor: Actor, action: ImprovementAction, to_status: str, reason: str = "", expected_version: int | None
) -> ImprovementAction:
    if not may_move(actor, action):
        raise PermissionDenied
    action = lock_for_update(ImprovementAction, action, expected_version)
    ACTION_TRANSITIONS.check(action.status, to_status)
    from_status = action.status
    action.status = to_status
    bump_version(action, ["status"])
    ActionStatusChange.record(
        action=action, actor=actor.user, from_status=from_status, to_status=to_status, reason=reason
    )
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=action, details={"from": from_status, "to": to_status}
    )
    return action
