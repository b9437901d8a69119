# SPDX-License-Identifier: EUPL-1.2
"""Storing subjects with their provenance; each new subject is correlated at once (``resolver.py``).

These services are called by the apps that own a context (signals, cases) from inside their own
services, after those have checked that the actor may add to that context. Here the values are
validated, the subject is stored and resolved, the audit event written and — once the transaction
commits — the people responsible for every *other* context the subject now correlates with are told
that there is a new correlation (no content, see ``ContextProvider.notify``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from linkage import keys
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record, serialise_writes
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor
from weerbaar.correlation.constants import SUBJECT_FIELDS, VALUE_FIELDS, SubjectKind, SubjectSource
from weerbaar.correlation.contexts import providers
from weerbaar.correlation.models import Subject
from weerbaar.correlation.resolver import Resolved, resolve_new, resolver_config, subject_keys_lock
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.organisations.models import Organisation

#: What each kind needs at least, to be worth correlating.
REQUIRED: dict[str, tuple[str, ...]] = {
    SubjectKind.PERSOON: ("surname",),
    SubjectKind.BEDRIJF: (),  # a name or a KvK number, checked below
    SubjectKind.ADRES: (),  # postcode and number, street and number, or a BAG id, checked below
    SubjectKind.VOERTUIG: ("plate",),
    SubjectKind.TELEFOON: ("phone",),
    SubjectKind.EMAIL: ("email",),
    SubjectKind.IBAN: ("iban",),
}


@dataclass(frozen=True)
class SubjectAdded:
    subject: Subject
    resolved: Resolved


def _check_values(kind: str, values: Mapping[str, Any], form: keys.Form) -> None:
    errors: dict[str, str] = {}
    for name in REQUIRED[kind]:
        if not values.get(name):
            errors[name] = _("This value is required for this kind of subject.")
    if kind == SubjectKind.BEDRIJF and not (values.get("company_name") or values.get("kvk_number")):
        errors["company_name"] = _("Enter the company name or its KvK number.")
    if kind == SubjectKind.ADRES and not (
        (values.get("postcode") and values.get("house_number"))
        or (values.get("street") and values.get("house_number"))
        or values.get("bag_id")
    ):
        errors["house_number"] = _("Enter postcode and house number, street and house number, or a BAG id.")
    identifying: dict[str, tuple[str, Any]] = {
        SubjectKind.VOERTUIG: ("plate", _("Enter a Dutch licence plate such as AB-123-C.")),
        SubjectKind.TELEFOON: ("phone", _("Enter a phone number with area code, or in international form.")),
        SubjectKind.EMAIL: ("email", _("Enter a valid e-mail address.")),
        SubjectKind.IBAN: ("iban", _("Enter a valid IBAN.")),
    }
    if kind in identifying and values.get(identifying[kind][0]) and not form.n_value:
        errors[identifying[kind][0]] = str(identifying[kind][1])
    if kind == SubjectKind.BEDRIJF and values.get("kvk_number") and not form.n_value:
        errors["kvk_number"] = _("A KvK number has exactly 8 digits.")
    if kind == SubjectKind.ADRES and values.get("bag_id") and not form.n_value:
        errors["bag_id"] = _("A BAG identifier has 16 digits.")
    if errors:
        raise ValidationError(errors)


def subject_check(*, kind: str, values: Mapping[str, Any]) -> tuple[dict[str, Any], keys.Form]:
    """The values of a subject of ``kind``, cleaned, and their comparison form; raises ``ValidationError``.

    A service that registers several subjects in one transaction checks them all first, so that a bad one
    is refused before anything is written.
    """
    if kind not in SUBJECT_FIELDS:
        raise ValidationError({"kind": _("Choose what kind of subject this is.")})
    unknown = set(values) - set(VALUE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cleaned = {name: values[name] for name in SUBJECT_FIELDS[kind] if values.get(name) not in (None, "")}
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in cleaned.items()}
    form = keys.comparison_form(kind, cleaned)
    _check_values(kind, cleaned, form)
    return cleaned, form


def subject_register(
    *,
    actor: Actor | None,
    kind: str,
    values: Mapping[str, Any],
    signal: Any = None,
    case_item: Any = None,
    supplied_by: Organisation | None = None,
    regime: str = LegalRegime.AVG,
    source: str = SubjectSource.INVOER,
    source_detail: str = "",
) -> SubjectAdded:
    """Store a subject named in ``signal`` or ``case_item`` and correlate it. The caller checks access.

    The values are checked before anything is written or locked; the rest runs in the caller's transaction
    when there is one (the signal's or the case item's), without a savepoint of its own.
    """
    cleaned, form = subject_check(kind=kind, values=values)
    subject = Subject(
        kind=kind,
        signal=signal,
        case_item=case_item,
        supplied_by=supplied_by,
        regime=regime,
        source=source,
        source_detail=source_detail.strip(),
        created_by=actor.user if actor is not None else None,
        **cleaned,
        **form.as_dict(),
    )
    # The context and provenance objects come from the caller's own checked objects; the UUID is new; the
    # one-context constraint is the database's: so only the values themselves are validated here.
    subject.full_clean(
        exclude=["signal", "case_item", "supplied_by", "created_by", "entity"],
        validate_unique=False,
        validate_constraints=False,
    )
    with transaction.atomic(savepoint=False):
        return _subject_store(subject, actor=actor, kind=kind, form=form)


def _subject_store(subject: Subject, *, actor: Actor | None, kind: str, form: keys.Form) -> SubjectAdded:
    config = resolver_config()
    # Registrations serialise with each other only on the keys they share (see ``subject_keys_lock``),
    # and all of them with judgements and batch runs, which take the write lock exclusively.
    serialise_writes(shared=True)
    subject_keys_lock(kind, form, config)
    resolved = resolve_new(subject, config)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=subject,
        details={
            "kind": kind,
            "context": "melding" if subject.signal_id is not None else "casus",
            "links": len(resolved.links),
            "matches": len(resolved.matches),
        },
    )
    if resolved.matches:
        transaction.on_commit(lambda: _enqueue_notify(str(subject.uuid)))
    return SubjectAdded(subject=subject, resolved=resolved)


def _enqueue_notify(subject_uuid: str) -> None:
    from weerbaar.correlation.tasks import correlation_notify  # tasks import the services

    correlation_notify.enqueue(subject_uuid=subject_uuid)


#: How many context labels one note lists before it says "and N more".
NOTICE_LABELS = 10


def contexts_notify(*, subject_uuid: str) -> int:
    """Tell the people responsible for the other contexts of the subject's entity that a new correlation exists.

    Runs in the background worker (``tasks.correlation_notify``). Each recipient gets one note per new
    subject, naming their own contexts (up to ``NOTICE_LABELS``, then how many more), never content: a
    vehicle seen in hundreds of signals costs each intake team one mail per new sighting, not one per
    earlier signal. Returns how many notes were queued.
    """
    subject = Subject.objects.filter(uuid=subject_uuid).select_related("case_item").first()
    if subject is None or subject.entity_id is None:
        return 0
    labels: dict[str, set[str]] = {}
    for provider in providers():
        for recipient, names in provider.notice_recipients(entity_id=subject.entity_id, new=subject).items():
            labels.setdefault(recipient, set()).update(names)
    for recipient in sorted(labels):
        body = notice_body(labels[recipient])
        outbox_enqueue(recipient=recipient, subject=_("A new correlation in Weerbaar"), body=body)
    return len(labels)


def notice_body(labels: set[str]) -> str:
    shown = sorted(labels)[:NOTICE_LABELS]
    named = ", ".join(shown)
    more = len(labels) - len(shown)
    if more:
        named = ngettext("%(named)s and %(more)d more", "%(named)s and %(more)d more", more) % {
            "named": named,
            "more": more,
        }
    return _(
        "A subject of %(contexts)s also appears in a record that was just added to Weerbaar. Log in to "
        "Weerbaar to see the correlation."
    ) % {"contexts": named}
