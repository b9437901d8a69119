# SPDX-License-Identifier: EUPL-1.2
"""The retention registry: every app that keeps personal data for a limited time registers its policies here.

A policy says what counts as expired on a given day, whom to warn how long before, what keeps an expired
object (a legal hold) and how to destroy one (a deletion record and an audit event, in the app's own
code). One runner applies every policy the same way, so nothing is kept longer, or destroyed sooner, than
its policy says, and nothing vanishes silently.

Apps register in a module named ``retention`` (found like Django's admin modules), e.g.::

    retention_policy_register(RetentionPolicy(name="signals", ...))
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

#: Sends one mail (recipient, subject, body) in the caller's transaction; the notifications app hands in its
#: outbox when it starts, so core stays free of the apps above it.
MailSender = Callable[[str, str, str], None]
_sender: MailSender | None = None


def retention_mail_sender_set(sender: MailSender) -> None:
    global _sender
    _sender = sender


@dataclass(frozen=True)
class RetentionWarning:
    """A mail announcing the end of retention; says which object and when, never its content."""

    subject: str
    body: str


@dataclass(frozen=True)
class RetentionPolicy:
    """One retention rule of one app.

    ``expired(day)`` returns the objects whose retention has ended on or before ``day``; the runner asks it
    for ``today`` (to destroy) and for ``today + warning_days`` (to warn). ``destroy(obj, today)`` removes
    one object with everything that belongs to it and writes the deletion record and the audit event, in
    one transaction. With ``warning_days``, ``recipients``, ``warning`` and ``warned_field`` (a nullable
    date-time field on the model) a policy warns once per object before destruction.
    """

    name: str
    #: What is kept, in words (for the registry's documentation and the run's report).
    category: str
    #: The period in words, e.g. "5 years after closure".
    period: str
    legal_basis: str
    expired: Callable[[date], QuerySet[Any]]
    destroy: Callable[[Any, date], None]
    warning_days: int = 0
    recipients: Callable[[Any], Iterable[str]] | None = None
    warning: Callable[[Any], RetentionWarning] | None = None
    warned_field: str = ""
    on_legal_hold: Callable[[Any], bool] | None = None

    def __post_init__(self) -> None:
        warns = (self.recipients, self.warning, self.warned_field)
        if self.warning_days and not all(warns):
            raise ValueError(f"Retention policy {self.name!r} warns: give recipients, warning and warned_field.")


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
    held = deleted = 0
    for obj in policy.expired(today):
        if policy.on_legal_hold is not None and policy.on_legal_hold(obj):
            held += 1
            continue
        policy.destroy(obj, today)
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
