# SPDX-License-Identifier: EUPL-1.2
"""Writes on integrated cases. CONTRACT — signatures fixed; bodies are being implemented.

Every function: keyword-only, ``@transaction.atomic``, validates (``full_clean``), checks the policy itself
(raises ``django.core.exceptions.PermissionDenied`` when the actor may not do this on this case — views map
that to 404 for non-members), saves with ``update_fields``, writes an audit event in the same transaction,
sends mail only ``on_commit`` through the outbox (never with case content). Optimistic locking: functions
taking ``expected_version`` raise ``StaleVersionError`` when the case changed since the form was loaded.
"""

from datetime import date
from decimal import Decimal

from weerbaar.cases.models import (
    AccessRequest,
    ActionItem,
    AgendaItem,
    Case,
    CaseItem,
    Intervention,
    InterventionStep,
    ItemConsent,
    Meeting,
    Membership,
)
from weerbaar.core.policy import Actor
from weerbaar.organisations.models import Organisation
from weerbaar.signals.models import Signal


class StaleVersionError(Exception):
    """Someone else changed the case since this form was loaded."""


def case_create(
    *, actor: Actor, title: str, phenomena: list[str], classification: str, signals: list[Signal] | None = None
) -> Case:
    """New case directed by the actor's organisation (member with role regie) with the actor as named member;
    linked signals must be visible to the actor (signals.selectors.signal_list). Number "C<year>-<pk:06d>"."""
    raise NotImplementedError


def case_transition(
    *, actor: Actor, case: Case, to_status: str, reason: str = "", expected_version: int | None = None
) -> Case:
    """Move through CASE_TRANSITIONS (owner only); closing goes through case_close."""
    raise NotImplementedError


def case_assessment_record(*, actor: Actor, case: Case, text: str, expected_version: int | None = None) -> Case:
    """The written proportionality/subsidiarity assessment (owner only); unlocks police data for members."""
    raise NotImplementedError


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
    raise NotImplementedError


def membership_end(*, actor: Actor, membership: Membership) -> Membership:
    """End a membership today (owner only; the owner's own regie membership cannot end while the case is open)."""
    raise NotImplementedError


def access_request_create(*, actor: Actor, case: Case, reason: str) -> AccessRequest:
    """A non-member (with cases.view) asks the owner for access; the owner is told by mail (no content)."""
    raise NotImplementedError


def access_request_decide(*, actor: Actor, request: AccessRequest, grant: bool, reason: str) -> AccessRequest:
    """Owner decides; granting adds the requester's organisation as member (role deelnemer). Audited."""
    raise NotImplementedError


def item_add(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    title: str,
    body: str,
    regime: str,
    consent_required: bool = False,
    consent_to: list[Organisation] | None = None,
) -> CaseItem:
    """Add an item supplied by the actor's organisation (member only) under ``regime``; with
    ``consent_required`` the item is shown only to the organisations in ``consent_to`` (consents recorded)."""
    raise NotImplementedError


def item_consent_grant(
    *, actor: Actor, item: CaseItem, organisation: Organisation | None = None, export: bool = False
) -> ItemConsent:
    """Only the supplier organisation consents: to show the item to ``organisation`` or to export it. Audited."""
    raise NotImplementedError


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
    raise NotImplementedError


def intervention_step_done(*, actor: Actor, step: InterventionStep, done_on: date) -> InterventionStep:
    """Mark a step done (owner organisation of the intervention only); recomputes later due dates."""
    raise NotImplementedError


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
    raise NotImplementedError


def meeting_create(*, actor: Actor, kind: str, on: date, cases: list[Case]) -> Meeting:
    """A meeting hosted by the actor's organisation with an agenda of cases the actor may see."""
    raise NotImplementedError


def agenda_decision_record(
    *, actor: Actor, item: AgendaItem, decision: str, actions: list[tuple[str, Organisation, date]]
) -> list[ActionItem]:
    """Record the decision on an agenda item and its action items (description, owner organisation, due)."""
    raise NotImplementedError


def case_close(*, actor: Actor, case: Case, reason: str, expected_version: int | None = None) -> Case:
    """Close (owner only): police (Wpg) items are destroyed now with an audit DELETE per item; the rest is
    kept until retention_until (RETENTION_YEARS_AFTER_CLOSURE)."""
    raise NotImplementedError


def cases_retention_run(*, today: date | None = None) -> int:
    """Destroy closed cases past retention; keep a CaseStatistic (anonymised figures). Returns the count."""
    raise NotImplementedError


def closure_report_pdf(*, actor: Actor, case: Case) -> bytes:
    """The accountability report (reportlab): results per partner organisation, interventions and steps,
    members; only exportable items' titles. Audited as EXPORT."""
    raise NotImplementedError
