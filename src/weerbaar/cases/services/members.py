# SPDX-License-Identifier: EUPL-1.2
"""Need-to-know: who is a member of a case, and asking the owner for access."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.constants import AccessRequestStatus, CaseStatus, MemberRole
from weerbaar.cases.models import AccessRequest, Case, Membership
from weerbaar.cases.selectors import is_case_member
from weerbaar.cases.services._common import director_emails, insert_audited, require, require_open, require_owner
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.organisations.models import Organisation


def _check_member_organisation(organisation: Organisation) -> None:
    if organisation.is_private:
        raise ValidationError(
            {"organisation": _("A private organisation can only send information in; it can never join a case.")}
        )
    if not organisation.is_active:
        raise ValidationError({"organisation": _("This organisation is no longer active.")})


def _check_named_user(user: object, organisation: Organisation) -> User:
    if not isinstance(user, User) or not user.is_active:
        raise ValidationError({"user": _("Choose an active account.")})
    if not RoleAssignment.objects.current().filter(user=user, organisation=organisation).exists():
        raise ValidationError({"user": _("This person holds no role in the chosen organisation.")})
    if not user.is_screened:
        raise ValidationError({"user": _("Only screened people can be members of a case.")})
    return user


@transaction.atomic
def membership_add(
    *,
    actor: Actor,
    case: Case,
    organisation: Organisation,
    user: object | None = None,
    role: str = "deelnemer",
    ends_on: date | None = None,
) -> Membership:
    """Invite an organisation (user None) or a named member (must hold a role in that organisation and be
    screened). Owner only. A private organisation can never be a member."""
    require_owner(actor, case)
    require_open(case)
    _check_member_organisation(organisation)
    named = _check_named_user(user, organisation) if user is not None else None
    if ends_on is not None and ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("The end date cannot lie in the past.")})
    existing = (
        case.memberships.select_for_update()
        .filter(Q(user=named) if named is not None else Q(organisation=organisation, user__isnull=True))
        .first()
    )
    now = timezone.now()
    if existing is not None:
        if existing.ends_on is None or existing.ends_on >= timezone.localdate():
            raise ValidationError(_("This organisation or person is already a member of the case."))
        # A former member is invited again: the same row, a new term.
        existing.organisation = organisation
        existing.role = role
        existing.ends_on = ends_on
        existing.joined_at = now
        existing.added_by = actor.user
        existing.full_clean()
        bump_version(existing, ["organisation", "role", "ends_on", "joined_at", "added_by"])
        membership = existing
    else:
        membership = Membership(
            case=case,
            organisation=organisation,
            user=named,
            role=role,
            ends_on=ends_on,
            joined_at=now,
            added_by=actor.user,
        )
        membership.full_clean()
        membership.save(force_insert=True)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=membership,
        details={
            "case": str(case.uuid),
            "organisation": str(organisation.uuid),
            "named": named is not None,
            "role": role,
            "ends_on": str(ends_on) if ends_on else None,
        },
    )
    if named is not None and named.email:
        outbox_enqueue(
            recipient=named.email,
            subject=_("You were added to a case in Weerbaar"),
            body=_("You are now a member of case %(number)s. Log in to Weerbaar to see it.") % {"number": case.number},
        )
    return membership


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership, expected_version: int | None = None) -> Membership:
    """End a membership today (owner only; the owner's own regie membership cannot end while the case is open).

    ``expected_version`` is the membership's version the caller read (``StaleVersionError`` when it changed).
    """
    case = membership.case
    require_owner(actor, case)
    membership = lock_for_update(Membership, membership, expected_version)
    open_case = case.status != CaseStatus.AFGESLOTEN
    if open_case and membership.user_id is None and membership.organisation_id == case.owner_id:
        raise ValidationError(_("The directing organisation stays a member while the case is open."))
    today = timezone.localdate()
    if membership.ends_on is not None and membership.ends_on < today:
        raise ValidationError(_("This membership has already ended."))
    # ``ends_on`` is the last day of membership; ending "today" takes access away at once.
    membership.ends_on = today - timedelta(days=1)
    bump_version(membership, ["ends_on"])
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=membership,
        details={"case": str(case.uuid), "ends_on": str(membership.ends_on)},
    )
    return membership


#: Dutch: "Deze casus is afgesloten: toegang aanvragen kan niet meer."
CLOSED_CASE_ACCESS_MESSAGE = gettext_lazy("This case has been closed: access can no longer be requested.")


@transaction.atomic
def access_request_create(*, actor: Actor, case: Case, reason: str) -> AccessRequest:
    """A non-member (with cases.view) asks the owner for access; the owner is told by mail (no content)."""
    require(actor, Perm.CASES_VIEW)
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    # Read from the database: the caller's copy may predate the closure.
    if Case.objects.filter(pk=case.pk, status=CaseStatus.AFGESLOTEN).exists():
        return _access_request_refuse_closed(actor=actor, case=case, reason=reason)
    if is_case_member(actor=actor, case=case):
        raise ValidationError(_("You already have access to this case."))
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why your organisation needs access.")})
    if case.access_requests.filter(organisation=actor.organisation, status=AccessRequestStatus.OPEN).exists():
        raise ValidationError(_("Your organisation has already asked for access; the owner has not decided yet."))
    request = AccessRequest(case=case, requester=actor.user, organisation=actor.organisation, reason=reason.strip())
    insert_audited(actor=actor, obj=request, details={"case": str(case.uuid)})
    for recipient in director_emails(case):
        outbox_enqueue(
            recipient=recipient,
            subject=_("A request for access to a case in Weerbaar"),
            body=_("An organisation asks for access to case %(number)s. Log in to Weerbaar to decide.")
            % {"number": case.number},
        )
    return request


def _access_request_refuse_closed(*, actor: Actor, case: Case, reason: str) -> AccessRequest:
    """Nobody can be admitted to a closed case: the request is recorded and answered at once.

    The requester gets the same acknowledgement as for any request; the refusal, with its reason, reaches
    them where every decision does (their own access requests), so asking reveals no more than a refusal by
    the owner would, and no request is left waiting forever.
    """
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    earlier = case.access_requests.filter(
        organisation=actor.organisation, status=AccessRequestStatus.AFGEWEZEN, decided_by__isnull=True
    ).first()
    if earlier is not None:
        return earlier
    request = AccessRequest(
        case=case,
        requester=actor.user,
        organisation=actor.organisation,
        reason=reason.strip() or "-",
        status=AccessRequestStatus.AFGEWEZEN,
        decided_at=timezone.now(),
        decision_reason=str(CLOSED_CASE_ACCESS_MESSAGE),
    )
    insert_audited(
        actor=actor, obj=request, details={"case": str(case.uuid), "status": request.status, "rule": "case_closed"}
    )
    return request


@transaction.atomic
def access_request_decide(*, actor: Actor, request: AccessRequest, grant: bool, reason: str) -> AccessRequest:
    """Owner decides; granting adds the requester's organisation as member (role deelnemer). Audited."""
    case = request.case
    require_owner(actor, case)
    request = AccessRequest.objects.select_for_update().select_related("organisation", "requester").get(pk=request.pk)
    if request.status != AccessRequestStatus.OPEN:
        raise ValidationError(_("This request has already been decided."))
    if grant:
        require_open(case)
    if not grant and not reason.strip():
        raise ValidationError({"decision_reason": _("Give the reason for refusing access.")})
    if grant:
        already = case.memberships.filter(organisation=request.organisation, user__isnull=True)
        if not any(m.ends_on is None or m.ends_on >= timezone.localdate() for m in already):
            membership_add(actor=actor, case=case, organisation=request.organisation, role=MemberRole.DEELNEMER)
    request.status = AccessRequestStatus.TOEGEKEND if grant else AccessRequestStatus.AFGEWEZEN
    request.decided_by = actor.user
    request.decided_at = timezone.now()
    request.decision_reason = reason.strip()
    request.full_clean()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=request,
        details={"case": str(case.uuid), "status": request.status},
    )
    if request.requester.email:
        outbox_enqueue(
            recipient=request.requester.email,
            subject=_("Your request for access to a case in Weerbaar was answered"),
            body=_("The owner of case %(number)s has decided on your request. Log in to Weerbaar to see it.")
            % {"number": case.number},
        )
    return request
