# SPDX-License-Identifier: EUPL-1.2
"""The intervention strategy: catalogue interventions with statutory steps, deadlines and results per partner."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import ROLE_PERMISSIONS, Perm
from weerbaar.accounts.models import RoleAssignment
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.constants import INTERVENTION_TYPES, STEP_WARNING_DAYS, CaseStatus, InterventionStatus
from weerbaar.cases.models import BibobFile, Case, Intervention, InterventionStep
from weerbaar.cases.selectors import case_members
from weerbaar.cases.services._common import require_member, require_open
from weerbaar.core.policy import Actor, can
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.organisations.models import Organisation

BIBOB_ADVICE_STEP = "advies_ontvangen"
BIBOB_REQUEST_STEP = "advies_aangevraagd"
#: Wet Bibob art. 15: the national bureau's 8-week term may be extended once by 4 weeks.
BIBOB_EXTENSION_DAYS = 28


def may_manage_intervention(actor: Actor, intervention: Intervention) -> bool:
    """The intervention's owner organisation (a member) acts on it: its steps, its Bibob term, its result."""
    case = intervention.case
    return can(actor, Perm.CASES_VIEW, case) and actor.organisation_id == intervention.owner_id


def _steps_recompute(intervention: Intervention) -> None:
    """Due dates of open steps, counted from the previous step (done date, else due date) or the start.

    A step without a statutory term has no due date; the next step then counts from the last known date
    until that step is done. A Bibob advice extension adds four weeks to the advice step.
    """
    extended = intervention.bibob_file is not None and intervention.bibob_file.advice_extended
    template = {s.code: s for s in INTERVENTION_TYPES[intervention.type].steps}
    anchor: date | None = intervention.started_on
    for step in intervention.steps.order_by("position"):
        if step.done_on is None:
            days = template[step.code].days if step.code in template else None
            due = anchor + timedelta(days=days) if anchor is not None and days is not None else None
            if due is not None and extended and step.code == BIBOB_ADVICE_STEP:
                due += timedelta(days=BIBOB_EXTENSION_DAYS)
            if due != step.due_on:
                step.due_on = due
                step.warned_at = None
                step.save(update_fields=["due_on", "warned_at"])
        anchor = step.done_on or step.due_on or anchor


@transaction.atomic
def intervention_add(
    *,
    actor: Actor,
    case: Case,
    type: str,
    owner: Organisation,
    started_on: date | None = None,
    bibob_reference: str = "",
) -> Intervention:
    """Add an intervention of INTERVENTION_TYPES[type] owned by a member organisation whose type may own it;
    its steps are created from the template with due dates counted from ``started_on``. For bibob, a
    BibobFile is created or linked by ``bibob_reference``."""
    require_member(actor, case)
    require_open(case)
    # The directing organisation plans the strategy; a partner commits its own interventions.
    if not (can(actor, Perm.CASES_MANAGE, case) or actor.organisation_id == owner.pk):
        raise PermissionDenied
    template = INTERVENTION_TYPES.get(type)
    if template is None:
        raise ValidationError({"type": _("Choose an intervention from the catalogue.")})
    if not case_members(actor=actor, case=case).filter(organisation=owner).exists():
        raise ValidationError({"owner": _("The owner of an intervention must be a member of the case.")})
    if owner.type not in template.owner_types:
        raise ValidationError({"owner": _("This organisation has no power to carry out this intervention.")})
    bibob_file = None
    if type == "bibob":
        reference = (
            bibob_reference.strip()
            or f"BIBOB-{timezone.localdate().year}-{case.pk:06d}-{case.interventions.count() + 1}"
        )
        bibob_file = BibobFile.objects.filter(reference=reference).first()
        if bibob_file is None:
            bibob_file = BibobFile(
                reference=reference,
                organisation=owner,
                subject_description=_("Application linked to case %(number)s") % {"number": case.number},
            )
            bibob_file.full_clean()
            bibob_file.save(force_insert=True)
        elif bibob_file.organisation_id != owner.pk:
            raise ValidationError({"bibob_reference": _("This Bibob file belongs to another organisation.")})
    elif bibob_reference.strip():
        raise ValidationError({"bibob_reference": _("Only a Bibob screening links a Bibob file.")})
    intervention = Intervention(
        case=case,
        type=type,
        owner=owner,
        legal_basis=str(template.legal_basis),
        status=InterventionStatus.LOPEND if started_on is not None else InterventionStatus.GEPLAND,
        started_on=started_on,
        bibob_file=bibob_file,
    )
    intervention.full_clean()
    intervention.save(force_insert=True)
    InterventionStep.objects.bulk_create(
        InterventionStep(intervention=intervention, code=s.code, label=str(s.label), position=i)
        for i, s in enumerate(template.steps, start=1)
    )
    _steps_recompute(intervention)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=intervention,
        details={"case": str(case.uuid), "type": type, "owner": str(owner.uuid)},
    )
    return intervention


@transaction.atomic
def intervention_step_done(
    *, actor: Actor, step: InterventionStep, done_on: date, expected_version: int | None = None
) -> InterventionStep:
    """Mark a step done (owner organisation of the intervention only); recomputes later due dates.

    ``expected_version`` is the intervention's version the caller read (``StaleVersionError`` when it changed).
    """
    intervention = lock_for_update(Intervention, step.intervention, expected_version)
    if not may_manage_intervention(actor, intervention):
        raise PermissionDenied
    require_open(intervention.case)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A step cannot be done on a date in the future.")})
    step = InterventionStep.objects.get(pk=step.pk)
    step.done_on = done_on
    step.save(update_fields=["done_on"])
    fields = []
    if intervention.started_on is None:
        intervention.started_on = done_on
        fields.append("started_on")
    if intervention.status == InterventionStatus.GEPLAND:
        intervention.status = InterventionStatus.LOPEND
        fields.append("status")
    bump_version(intervention, fields)
    if intervention.bibob_file is not None and step.code == BIBOB_REQUEST_STEP:
        intervention.bibob_file.advice_requested_on = done_on
        intervention.bibob_file.save(update_fields=["advice_requested_on"])
    _steps_recompute(intervention)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=intervention,
        details={"step": step.code, "done_on": str(done_on)},
    )
    return step


@transaction.atomic
def bibob_advice_extend(*, actor: Actor, intervention: Intervention) -> Intervention:
    """Record that the national Bibob bureau extended its advice term: the advice step moves 4 weeks later."""
    intervention = (
        Intervention.objects.select_for_update(of=("self",))
        .select_related("case", "bibob_file")
        .get(pk=intervention.pk)
    )
    if not may_manage_intervention(actor, intervention):
        raise PermissionDenied
    require_open(intervention.case)
    bibob_file = intervention.bibob_file
    step = intervention.steps.filter(code=BIBOB_ADVICE_STEP).first()
    if bibob_file is None or step is None:
        raise ValidationError(_("Only the advice term of a Bibob screening can be extended."))
    if bibob_file.advice_extended:
        raise ValidationError(_("The advice term has already been extended once."))
    if step.done_on is not None:
        raise ValidationError(_("The advice has already been received."))
    bibob_file.advice_extended = True
    bibob_file.save(update_fields=["advice_extended"])
    _steps_recompute(intervention)
    bump_version(intervention)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=intervention,
        details={"step": BIBOB_ADVICE_STEP, "extended_days": BIBOB_EXTENSION_DAYS},
    )
    return intervention


@transaction.atomic
def intervention_result_record(
    *,
    actor: Actor,
    intervention: Intervention,
    status: str,
    closure_months: int | None = None,
    permit_refused: bool = False,
    amount_levied: Decimal | None = None,
    amount_seized: Decimal | None = None,
    result_note: str = "",
) -> Intervention:
    """The result the owner organisation reports (the directing organisation may record it for them)."""
    intervention = Intervention.objects.select_for_update(of=("self",)).select_related("case").get(pk=intervention.pk)
    case = intervention.case
    if not (may_manage_intervention(actor, intervention) or can(actor, Perm.CASES_MANAGE, case)):
        raise PermissionDenied
    require_open(case)
    intervention.status = status
    intervention.closure_months = closure_months
    intervention.permit_refused = permit_refused
    intervention.amount_levied = amount_levied
    intervention.amount_seized = amount_seized
    intervention.result_note = result_note.strip()
    intervention.full_clean()
    fields = ["status", "closure_months", "permit_refused", "amount_levied", "amount_seized", "result_note"]
    bump_version(intervention, fields)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=intervention,
        details={"case": str(case.uuid), "status": status, "fields": fields[1:]},
    )
    return intervention


def _step_owner_emails(intervention: Intervention) -> list[str]:
    """Who acts for the intervention's owner: its named case members, else its screened case staff."""
    today = timezone.localdate()
    named = intervention.case.memberships.filter(
        organisation_id=intervention.owner_id, user__isnull=False, user__is_active=True
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    users = [m.user for m in named.select_related("user") if m.user is not None]
    if not users:
        case_roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.CASES_VIEW in perms]
        assignments = RoleAssignment.objects.current().filter(
            organisation_id=intervention.owner_id, role__in=case_roles, user__is_active=True
        )
        users = [a.user for a in assignments.select_related("user")]
    return sorted({u.email for u in users if u.email and u.is_screened})


@transaction.atomic
def intervention_step_warnings_send(*, today: date | None = None) -> int:
    """Warn the owner organisation by mail, once per step, STEP_WARNING_DAYS before an open step is due
    (or as soon as possible when it is already due). Returns the number of steps warned."""
    today = today or timezone.localdate()
    steps = (
        InterventionStep.objects.select_for_update(of=("self",))
        .filter(
            done_on__isnull=True,
            warned_at__isnull=True,
            due_on__isnull=False,
            due_on__lte=today + timedelta(days=STEP_WARNING_DAYS),
        )
        .exclude(intervention__case__status=CaseStatus.AFGESLOTEN)
        .exclude(intervention__status__in=[InterventionStatus.AFGEROND, InterventionStatus.GESTOPT])
        .select_related("intervention__case", "intervention__owner")
        .order_by("due_on", "id")
    )
    now = timezone.now()
    warned = 0
    for step in steps:
        intervention = step.intervention
        for recipient in _step_owner_emails(intervention):
            outbox_enqueue(
                recipient=recipient,
                subject=_("A deadline in a case is approaching in Weerbaar"),
                body=_(
                    "A step of an intervention of your organisation in case %(number)s is due on %(date)s. "
                    "Log in to Weerbaar to see it."
                )
                % {"number": intervention.case.number, "date": step.due_on},
            )
        step.warned_at = now
        step.save(update_fields=["warned_at"])
        audit_event_record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=intervention,
            details={"step": step.code, "warned": True, "due_on": str(step.due_on)},
        )
        warned += 1
    return warned
