# SPDX-License-Identifier: EUPL-1.2
"""The retention registry: every app that keeps personal data for a limited time registers its policies here.

A policy says what counts as expired on a given day, whom to warn how long before, what keeps an expired
object (a legal hold) and how to destroy one (a deletion record and an audit event, in the app's own
code). One runner applies every policy the same way, so nothing is kept longer, or destroyed sooner, than
its policy says, and nothing vanishes silently.

Apps register in a module named ``retention`` (found like Django's admin modules), e.g.::

    retention_policy_register(RetentionPolicy(name="signals", ...))

A policy that also says whose objects they are (``scope``) and how to name one (``describe``) joins the
retention overview (``core:retention``): the people responsible see what ends soon and what a legal hold
keeps, and may destroy an expired object before the daily run (:func:`retention_destroy_now`), through the
policy's own ``destroy``.

What several policies do alike is written once at the end of this module, for the apps' ``retention``
modules to call: retention counted from closure in a status history, who a deletion record and the
destruction's audit event name, files removed after the commit, and the overview's links, holds and counts.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Protocol, TypedDict, cast
from uuid import UUID

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.core.scopes import NOTHING, holds
from weerbaar.core.workflow.history import StatusHistory

#: The retention overview. Which objects each policy shows is the policy's ``scope`` (the app's own rule for
#: the people responsible); the code itself only opens the page, never for a private partner.
RETENTION_VIEW = "retention.view"
#: A policy without a warning period shows in the overview what ends within this many days.
OVERVIEW_DAYS = 30
#: The shortest reason for destroying an object before the daily run (it goes into the audit trail).
REASON_MIN_LENGTH = 10
#: Who a deletion record says destroyed the object: the daily run, or someone before it (the audit event of
#: the destruction names the person).
DELETED_BY_TASK = "retention task"
DELETED_ON_REQUEST = "on request (retention ended)"

declare(
    RETENTION_VIEW,
    area=Area.PLATFORM,
    private_allowed=False,
    screening_required=False,
    description=(
        "See the retention overview of one's own organisation: each policy shows only the objects its "
        "responsible role handles (signals: intake; incidents: security coordinator; cases: the director)."
    ),
)


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (earlier when negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


@register(RETENTION_VIEW)
def view_retention(actor: Actor, obj: Any) -> bool:
    return actor.organisation is not None


#: Sends one mail (recipient, subject, body) in the caller's transaction; the notifications app hands in its
#: outbox when it starts, so core stays free of the apps above it.
MailSender = Callable[[str, str, str], None]
_sender: MailSender | None = None


def retention_mail_sender_set(sender: MailSender) -> None:
    global _sender
    _sender = sender


#: Whether someone of the actor's organisation already destroyed the object with this uuid (so that a second
#: submit of the destruction form says "already destroyed" rather than 404). The audit app, which holds the
#: deletion records, hands it in when it starts.
DestroyedCheck = Callable[[Actor, UUID], bool]
_destroyed_check: DestroyedCheck | None = None


def retention_destroyed_check_set(check: DestroyedCheck) -> None:
    global _destroyed_check
    _destroyed_check = check


def retention_destroyed_before(actor: Actor, uuid: UUID) -> bool:
    return _destroyed_check is not None and _destroyed_check(actor, uuid)


@dataclass(frozen=True)
class RetentionWarning:
    """A mail announcing the end of retention; says which object and when, never its content."""

    subject: str
    body: str


@dataclass(frozen=True)
class DestructionRequest:
    """Someone destroying an expired object now rather than at the next daily run, and why."""

    actor: Actor
    reason: str


class Destroy(Protocol):
    """Removes one object with everything that belongs to it, writing the deletion record and the audit
    event in one transaction; ``request`` is None for the daily run, else who asked for it and why."""

    def __call__(self, obj: Any, today: date, request: DestructionRequest | None = None, /) -> None: ...


@dataclass(frozen=True)
class LegalHold:
    """What keeps an expired object: the reason, and who set the hold when (from the audit trail)."""

    reason: str
    set_by: str = ""
    set_at: datetime | None = None


@dataclass(frozen=True)
class RetentionEntry:
    """One object as the retention overview shows it: a reference, its status and dates, never its content."""

    reference: str
    status: str
    #: None while retention has not started (an open incident, a signal still being weighed).
    ends_on: date | None
    #: The object's page, only where the viewer may open it.
    url: str | None = None
    hold: LegalHold | None = None
    #: Where the viewer sets or lifts the legal hold, and destroys the object once it has expired.
    hold_url: str | None = None
    destroy_url: str | None = None


@dataclass(frozen=True)
class RetentionPolicy:
    """One retention rule of one app.

    ``expired(day)`` returns the objects whose retention has ended on or before ``day``, in the order of
    their end date; the runner asks it for ``today`` (to destroy) and for ``today + warning_days`` (to
    warn). ``destroy(obj, today, request)`` removes one object with everything that belongs to it and writes
    the deletion record and the audit event, in one transaction. With ``warning_days``, ``recipients``,
    ``warning`` and ``warned_field`` (a nullable date-time field on the model) a policy warns once per object
    before destruction. ``legal_hold`` is the filter of objects a legal hold keeps.

    For the overview: ``scope(actor)`` filters the objects the actor answers for (the app's own visibility
    rule for the people responsible), ``describe(actor, objects)`` names each one, ``contents(obj)`` counts
    what is destroyed with it and ``remains`` says which record is left.
    """

    name: str
    #: What is kept, in words (for the registry's documentation, the overview and the run's report).
    category: StrOrPromise
    #: The period in words, e.g. "5 years after closure".
    period: StrOrPromise
    legal_basis: StrOrPromise
    expired: Callable[[date], QuerySet[Any]]
    destroy: Destroy
    warning_days: int = 0
    recipients: Callable[[Any], Iterable[str]] | None = None
    warning: Callable[[Any], RetentionWarning] | None = None
    warned_field: str = ""
    legal_hold: Q | None = None
    #: The heading of the policy in the overview ("Signals").
    title: StrOrPromise = ""
    scope: Callable[[Actor], Q] | None = None
    describe: Callable[[Actor, Sequence[Any]], list[RetentionEntry]] | None = None
    contents: Callable[[Any], list[str]] | None = None
    remains: StrOrPromise = ""

    def __post_init__(self) -> None:
        warns = (self.recipients, self.warning, self.warned_field)
        if self.warning_days and not all(warns):
            raise ValueError(f"Retention policy {self.name!r} warns: give recipients, warning and warned_field.")
        if (self.scope is None) != (self.describe is None):
            raise ValueError(f"Retention policy {self.name!r}: give scope and describe together, or neither.")

    @property
    def overview_days(self) -> int:
        """How far ahead the overview looks: the warning period, else :data:`OVERVIEW_DAYS`."""
        return self.warning_days or OVERVIEW_DAYS


@dataclass(frozen=True)
class RetentionReport:
    policy: str
    warned: int
    held: int
    deleted: int


_POLICIES: dict[str, RetentionPolicy] = {}
_discovered = False


def retention_policy_register(policy: RetentionPolicy) -> RetentionPolicy:
    """Add a policy (idempotent per name, so a module imported twice registers once)."""
    _POLICIES[policy.name] = policy
    return policy


def retention_policies() -> list[RetentionPolicy]:
    """Every registered policy, in the order of INSTALLED_APPS."""
    global _discovered
    if not _discovered:
        autodiscover_modules("retention")
        _discovered = True
    # Import order depends on who imported a retention module first; the report should not.
    order = [config.name for config in apps.get_app_configs()]

    def app_index(policy: RetentionPolicy) -> int:
        module = policy.expired.__module__
        return next((i for i, name in enumerate(order) if module.startswith(f"{name}.")), len(order))

    return sorted(_POLICIES.values(), key=app_index)


def retention_policy(name: str) -> RetentionPolicy:
    for policy in retention_policies():
        if policy.name == name:
            return policy
    raise KeyError(name)


@transaction.atomic
def _warn(policy: RetentionPolicy, obj: Model) -> None:
    if policy.recipients is None or policy.warning is None:  # refused by __post_init__ already
        return
    if _sender is None:
        raise RuntimeError("No mail sender for retention warnings: is weerbaar.notifications installed?")
    message = policy.warning(obj)
    for recipient in sorted(set(policy.recipients(obj))):
        _sender(recipient, message.subject, message.body)
    setattr(obj, policy.warned_field, timezone.now())
    obj.save(update_fields=[policy.warned_field])


def retention_policy_run(policy: RetentionPolicy, *, today: date | None = None) -> RetentionReport:
    """Warn about objects expiring within the warning period (once), then destroy expired objects not on hold."""
    today = today or timezone.localdate()
    warned = 0
    if policy.warning_days:
        expired_today = policy.expired(today).values("pk")
        expiring = (
            policy.expired(today + timedelta(days=policy.warning_days))
            .exclude(pk__in=expired_today)
            .filter(**{f"{policy.warned_field}__isnull": True})
        )
        for obj in expiring:
            _warn(policy, obj)
            warned += 1
    expired = policy.expired(today)
    held = 0
    if policy.legal_hold is not None:
        held = expired.filter(policy.legal_hold).count()
        expired = expired.exclude(policy.legal_hold)
    deleted = 0
    for obj in expired:
        policy.destroy(obj, today, None)
        deleted += 1
    return RetentionReport(policy=policy.name, warned=warned, held=held, deleted=deleted)


def retention_run(*, today: date | None = None, names: Iterable[str] = ()) -> list[RetentionReport]:
    """The daily run: every registered policy (or only the named ones), one report each."""
    today = today or timezone.localdate()
    wanted = set(names)
    unknown = wanted - {p.name for p in retention_policies()}
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return [
        retention_policy_run(policy, today=today)
        for policy in retention_policies()
        if not wanted or policy.name in wanted
    ]


# --- The overview and destruction on request ---------------------------------------------------------


def retention_policies_for(actor: Actor) -> list[RetentionPolicy]:
    """The policies whose objects the actor answers for (a ``scope`` that is not empty for them)."""
    return [policy for policy in retention_policies() if policy.scope is not None and policy.scope(actor) != NOTHING]


def _scoped(policy: RetentionPolicy, actor: Actor, objects: QuerySet[Any]) -> QuerySet[Any]:
    if policy.scope is None:
        return objects.none()
    scope = policy.scope(actor)
    if scope == NOTHING:
        return objects.none()
    # By primary key: a rule over a many-valued relation (grants, memberships) would repeat rows.
    return objects.filter(pk__in=objects.model._default_manager.filter(scope).values("pk"))  # noqa: SLF001


def retention_ended_list(*, actor: Actor, policy: RetentionPolicy, today: date | None = None) -> QuerySet[Any]:
    """The actor's objects whose retention has ended: kept by a legal hold, or destroyed at the next run."""
    return _scoped(policy, actor, policy.expired(today or timezone.localdate()))


def retention_ending_list(*, actor: Actor, policy: RetentionPolicy, today: date | None = None) -> QuerySet[Any]:
    """The actor's objects whose retention ends after today but within the policy's warning period."""
    today = today or timezone.localdate()
    ended = policy.expired(today).values("pk")
    ending = policy.expired(today + timedelta(days=policy.overview_days)).exclude(pk__in=ended)
    return _scoped(policy, actor, ending)


def retention_held(policy: RetentionPolicy, obj: Model) -> bool:
    """Whether a legal hold keeps ``obj``."""
    return policy.legal_hold is not None and holds(policy.legal_hold, obj)


def retention_ended(policy: RetentionPolicy, obj: Model, *, today: date | None = None) -> bool:
    """Whether the retention of ``obj`` has ended (on hold or not)."""
    return policy.expired(today or timezone.localdate()).filter(pk=obj.pk).exists()


def retention_due(policy: RetentionPolicy, obj: Model, *, today: date | None = None) -> bool:
    """Whether the next daily run destroys ``obj``: its retention has ended and no legal hold keeps it."""
    return retention_ended(policy, obj, today=today) and not retention_held(policy, obj)


def retention_destroy_now(
    *, actor: Actor, policy: RetentionPolicy, obj: Model, reason: str, today: date | None = None
) -> bool:
    """Destroy one object whose retention has ended, now rather than at the next daily run.

    Only someone the policy's ``scope`` names may do it, with a reason (audited by the policy's ``destroy``,
    which writes the same deletion record as the daily run). Refused, with nothing changed, while the
    retention runs or a legal hold keeps the object. Returns False when the object is already gone (a second
    submit of the same form): destroying twice is destroying once.
    """
    today = today or timezone.localdate()
    reason = reason.strip()
    if policy.scope is None:
        raise PermissionDenied
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError(
            {"reason": _("Say why, in at least %(count)d characters.") % {"count": REASON_MIN_LENGTH}}
        )
    with transaction.atomic():
        manager: Any = type(obj)._default_manager  # noqa: SLF001 - _default_manager is public Django API
        # The row lock makes a second, simultaneous submit wait here and then find nothing left.
        if not list(manager.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True)):
            return False
        if not holds(policy.scope(actor), obj):
            raise PermissionDenied
        current = policy.expired(today).filter(pk=obj.pk).first()
        if current is None:
            raise ValidationError(
                _("Its retention has not ended yet: it can be destroyed from the end of its retention period on.")
            )
        if retention_held(policy, current):
            raise ValidationError(_("A legal hold keeps it: lift the hold first, with a reason, if it may go."))
        policy.destroy(current, today, DestructionRequest(actor=actor, reason=reason))
    return True


# --- Steps the apps' policies share ------------------------------------------------------------------


def retention_after_closure_at(*, history: type[StatusHistory], owner: str, status: str) -> Subquery:
    """When an object was closed, to annotate its query with: its last change to ``status`` in its status
    ``history``, whose foreign key to the object is ``owner``."""
    manager: Any = history._meta.default_manager  # noqa: SLF001 - _meta is public Django API
    closures = manager.filter(**{owner: OuterRef("pk"), "to_status": status}).order_by("-at")
    return Subquery(closures.values("at")[:1])


def retention_after_closure_expired[M: Model](
    *, closed: QuerySet[M], closed_at: Subquery, years: int, day: date
) -> QuerySet[M]:
    """Of the ``closed`` objects, those whose retention of ``years`` after closure ends on or before ``day``:
    closed before the start of the day after ``day`` minus ``years`` (local time). Annotated with
    ``closed_at`` (see :func:`retention_after_closure_at`), in the order of closure."""
    bound = timezone.make_aware(datetime.combine(add_years(day, -years) + timedelta(days=1), time.min))
    expired = closed.annotate(closed_at=closed_at).filter(closed_at__lt=bound).order_by("closed_at", "pk")
    # django-stubs loses the model of a generic queryset in annotate(); the rows are still the M's.
    return cast("QuerySet[M]", expired)


def retention_after_closure_end(*, obj: Model, closed_at: Subquery, years: int) -> date | None:
    """The day the retention of a closed ``obj`` ends, ``years`` after the day of closure; None when its status
    history holds no closure. Reads ``closed_at`` where the expired query annotated it, else asks now."""
    when = getattr(obj, "closed_at", None)
    if when is None:
        manager: Any = obj._meta.default_manager  # noqa: SLF001 - _meta is public Django API
        when = manager.filter(pk=obj.pk).annotate(closed_at=closed_at).values("closed_at").get()["closed_at"]
    if when is None:  # closed without a history row: cannot happen through the services
        return None
    return add_years(timezone.localdate(when), years)


def retention_deleted_by(*, request: DestructionRequest | None) -> str:
    """``deleted_by`` of the deletion record: the daily run (``request`` None), or someone on request."""
    return DELETED_BY_TASK if request is None else DELETED_ON_REQUEST


class DestructionAudit(TypedDict):
    """Who, why and what of a destruction's audit event: keyword arguments for ``audit_event_record`` (core
    imports no app, so the app records the event, with the action ``delete``)."""

    actor: Actor | None
    purpose: str
    details: dict[str, object]


def retention_destruction_audit(*, request: DestructionRequest | None, details: dict[str, object]) -> DestructionAudit:
    """The daily run destroys without a person or a purpose; a destruction on request is the person's, with
    their reason as the purpose and ``on_request`` added to the ``details``."""
    if request is None:
        return DestructionAudit(actor=None, purpose="", details=details)
    return DestructionAudit(actor=request.actor, purpose=request.reason, details={**details, "on_request": True})


def retention_files_delete_on_commit(*, paths: Iterable[Path]) -> None:
    """Remove the destroyed object's files once its rows are gone for good: a rolled-back destruction keeps
    them. A file already gone is no error."""
    files = list(paths)
    transaction.on_commit(lambda: _files_delete(files))


def _files_delete(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def retention_readable[M: Model](*, model: type[M], objects: Sequence[M], rule: Q) -> set[Any]:
    """The primary keys of those ``objects`` the viewer's visibility ``rule`` lets them open: the overview links
    only to these."""
    pks = [obj.pk for obj in objects]
    manager: Any = model._meta.default_manager  # noqa: SLF001 - _meta is public Django API
    return set(manager.filter(pk__in=pks).filter(rule).values_list("pk", flat=True))


class HoldChange(Protocol):
    """Who set a legal hold and when, as the audit trail names them (the audit app's ``LastChange``)."""

    @property
    def by(self) -> str: ...

    @property
    def at(self) -> datetime: ...


def retention_legal_hold(*, held: bool, reason: str, change: HoldChange | None = None) -> LegalHold | None:
    """The legal hold as the overview shows it (None without one), with who set it when where that is known."""
    if not held:
        return None
    return LegalHold(
        reason=reason,
        set_by=change.by if change is not None else "",
        set_at=change.at if change is not None else None,
    )


def retention_counted(*, counted: Iterable[tuple[int, Callable[[int], str]]]) -> list[str]:
    """What is destroyed with an object, counted and never named: each kind that is there, in its own words
    (``text(n)`` with ``%(n)d`` for the number)."""
    return [text(n) % {"n": n} for n, text in counted if n]
