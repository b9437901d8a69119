# SPDX-License-Identifier: EUPL-1.2
"""The exclusion list: values that must not link subjects (town hall, police station, business centre).

An exclusion applies at once to subjects added from then on; existing links stay until the next batch
resolution (``manage.py correlation_resolve``, also started from the exclusions page).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from linkage import keys
from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import SUBJECT_FIELDS, SubjectKind
from weerbaar.correlation.models import Exclusion
from weerbaar.correlation.resolver import resolver_config_reset

#: Kinds whose values can be excluded (a company or a person is never excluded as such).
EXCLUDABLE = (SubjectKind.ADRES, SubjectKind.TELEFOON, SubjectKind.EMAIL, SubjectKind.IBAN, SubjectKind.VOERTUIG)


def _require(actor: Actor) -> None:
    if not can(actor, Perm.CORRELATION_MANAGE):
        raise PermissionDenied


@transaction.atomic
def exclusion_add(*, actor: Actor, kind: str, values: Mapping[str, Any], label: str, reason: str) -> Exclusion:
    _require(actor)
    if kind not in EXCLUDABLE:
        raise ValidationError({"kind": _("Only addresses, phone numbers, e-mail addresses, IBANs and plates.")})
    form = keys.comparison_form(kind, {k: v for k, v in values.items() if k in SUBJECT_FIELDS[kind]})
    value = keys.exclusion_value(kind, form)
    if not value:
        field = "postcode" if kind == SubjectKind.ADRES else SUBJECT_FIELDS[kind][0]
        message = (
            _("Enter the postcode and house number of the address.")
            if kind == SubjectKind.ADRES
            else _("Enter a valid value.")
        )
        raise ValidationError({field: message})
    if Exclusion.objects.filter(kind=kind, value=value).exists():
        raise ValidationError(_("This value is on the exclusion list already."))
    if not label.strip() or not reason.strip():
        raise ValidationError(_("Describe the value and give the reason."))
    exclusion = Exclusion(kind=kind, value=value, label=label.strip(), reason=reason.strip(), added_by=actor.user)
    exclusion.full_clean()
    exclusion.save(force_insert=True)
    resolver_config_reset()
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=exclusion, details={"kind": kind})
    return exclusion


@transaction.atomic
def exclusion_remove(*, actor: Actor, exclusion: Exclusion) -> None:
    _require(actor)
    audit_event_record(actor=actor, action=AuditAction.DELETE, obj=exclusion, details={"kind": exclusion.kind})
    exclusion.delete()
    resolver_config_reset()
