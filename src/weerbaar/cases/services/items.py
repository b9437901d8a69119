# SPDX-License-Identifier: EUPL-1.2
"""Items with provenance (supplier, legal regime) and the supplier's consent to pass them on."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.constants import ItemKind
from weerbaar.cases.models import Case, CaseItem, ItemConsent
from weerbaar.cases.scopes import membership_active
from weerbaar.cases.services._common import insert_audited, require_member, require_open
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.correlation.constants import SUBJECT_FIELDS, SubjectSource
from weerbaar.correlation.display import subject_label
from weerbaar.correlation.models import Subject
from weerbaar.correlation.services import SubjectAdded, subject_register
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation

#: Regimes only some suppliers can hold data under (police data, tax secrecy).
REGIME_SUPPLIERS: dict[str, frozenset[str]] = {
    LegalRegime.WPG: frozenset({OrganisationType.POLITIE}),
    LegalRegime.AWR: frozenset({OrganisationType.BELASTINGDIENST}),
}


def _consent_store(*, actor: Actor, item: CaseItem, organisation: Organisation | None, export: bool) -> ItemConsent:
    if actor.user is None:
        raise PermissionDenied
    if organisation is None and not export:
        raise ValidationError(_("Choose an organisation to consent to, or consent to export."))
    if organisation is not None:
        if organisation.is_private:
            raise ValidationError({"organisation": _("Case items are never passed on to a private organisation.")})
        if organisation.pk == item.supplier_id:
            raise ValidationError({"organisation": _("The supplier always sees its own items.")})
    existing = item.consents.filter(organisation=organisation, export=export).first()
    if existing is not None:
        return existing
    consent = ItemConsent(
        item=item, organisation=organisation, export=export, granted_by=actor.user, granted_at=timezone.now()
    )
    consent.full_clean()
    consent.save(force_insert=True)
    bump_version(item)
    audit_event_record(
        actor=actor,
        action=AuditAction.DISCLOSE,
        obj=item,
        details={
            "case": str(item.case.uuid),
            "consent_to": str(organisation.uuid) if organisation is not None else None,
            "export": export,
        },
    )
    return consent


@transaction.atomic
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
    require_member(actor, case)
    require_open(case)
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    allowed = REGIME_SUPPLIERS.get(regime)
    if allowed is not None and actor.organisation.type not in allowed:
        raise ValidationError({"regime": _("Your organisation cannot supply data under this legal regime.")})
    item = CaseItem(
        case=case,
        kind=kind,
        title=title.strip(),
        body=body.strip(),
        supplier=actor.organisation,
        regime=regime,
        consent_required=consent_required,
        created_by=actor.user,
    )
    insert_audited(
        actor=actor,
        obj=item,
        details={"case": str(case.uuid), "kind": kind, "regime": regime, "consent_required": consent_required},
    )
    if consent_required:
        for organisation in consent_to or []:
            _consent_store(actor=actor, item=item, organisation=organisation, export=False)
    return item


@transaction.atomic
def subject_add(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    values: Mapping[str, Any],
    regime: str,
    consent_required: bool = False,
    consent_to: list[Organisation] | None = None,
    source: str = SubjectSource.INVOER,
    source_detail: str = "",
) -> SubjectAdded:
    """A person, company, address, vehicle, phone number, e-mail address or IBAN supplied by the actor's
    organisation: a case item of kind "betrokkene" (which carries supplier, regime, visibility and consent)
    holding a structured subject that is correlated across signals and cases at once."""
    item = item_add(
        actor=actor,
        case=case,
        kind=ItemKind.BETROKKENE,
        title=subject_label(kind, values)[:200] or _("Subject"),
        body="",
        regime=regime,
        consent_required=consent_required,
        consent_to=consent_to,
    )
    return subject_register(
        actor=actor,
        kind=kind,
        values=values,
        case_item=item,
        supplied_by=actor.organisation,
        regime=regime,
        source=source,
        source_detail=source_detail,
    )


@transaction.atomic
def subject_carry_over(*, actor: Actor, case: Case, subject: Subject, source_detail: str) -> SubjectAdded:
    """Bring a subject named elsewhere (a signal) into ``case`` with its own provenance: the item's supplier
    and regime are the subject's, not the actor's, so consent and police-data rules apply as for the
    supplier. The caller checks that the actor may see the subject."""
    require_member(actor, case)
    require_open(case)
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    values = {name: getattr(subject, name) for name in SUBJECT_FIELDS.get(subject.kind, ())}
    item = CaseItem(
        case=case,
        kind=ItemKind.BETROKKENE,
        title=subject_label(subject.kind, values)[:200] or _("Subject"),
        body="",
        supplier=subject.supplied_by or actor.organisation,
        regime=subject.regime,
        created_by=actor.user,
    )
    insert_audited(
        actor=actor,
        obj=item,
        details={"case": str(case.uuid), "kind": ItemKind.BETROKKENE, "regime": item.regime, "from": "signal"},
    )
    return subject_register(
        actor=actor,
        kind=subject.kind,
        values=values,
        case_item=item,
        supplied_by=item.supplier,
        regime=item.regime,
        source=subject.source,
        source_detail=source_detail,
    )


@transaction.atomic
def item_consent_grant(
    *,
    actor: Actor,
    item: CaseItem,
    organisation: Organisation | None = None,
    export: bool = False,
    expected_version: int | None = None,
) -> ItemConsent:
    """Only the supplier organisation consents: to show the item to ``organisation`` (an active member of the
    case) or to export it. Audited.

    A new consent raises the item's version; ``expected_version`` refuses a consent given on a stale read.
    """
    item = lock_for_update(CaseItem, item, expected_version)
    case = item.case
    require_member(actor, case)
    require_open(case)
    if not may_consent(actor, item):
        raise PermissionDenied
    members = case.memberships.filter(membership_active())
    if organisation is not None and not members.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Choose a member organisation.")})
    return _consent_store(actor=actor, item=item, organisation=organisation, export=export)


def may_consent(actor: Actor, item: CaseItem) -> bool:
    """Only the item's supplier organisation gives consent to pass it on."""
    return actor.organisation_id is not None and actor.organisation_id == item.supplier_id
