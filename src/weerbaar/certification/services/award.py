# SPDX-License-Identifier: EUPL-1.2
"""The audit by the certification body and the certificate that follows a positive result."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.constants import AuditAction
from weerbaar.certification.constants import SCHEME_VERSION, VALID_YEARS, AuditResult, Phase
from weerbaar.certification.dates import add_years
from weerbaar.certification.models import Audit, Certificate, CertificationCycle
from weerbaar.certification.services._common import file_store, record, require_manager
from weerbaar.certification.services.cycle import certified_move
from weerbaar.core.policy import Actor
from weerbaar.partnerships.content import content_check

AUDIT_FIELDS = ("body", "applied_on", "site_visit_on", "auditor", "findings", "result")


@transaction.atomic
def audit_save(
    *,
    actor: Actor,
    cycle: CertificationCycle,
    data: dict[str, object],
    audit: Audit | None = None,
    upload: UploadedFile[bytes] | None = None,
) -> Audit:
    """Record the audit (once the audit has been requested) or complete it: site visit, auditor, findings,
    result and the audit report as a file."""
    require_manager(actor, cycle)
    if cycle.phase != Phase.AUDIT:
        raise ValidationError(_("An audit is recorded while the cycle's phase is “audit requested”."))
    if audit is None:
        audit = Audit(cycle=cycle, created_by=actor.user)
    elif audit.cycle_id != cycle.pk:
        raise ValidationError(_("This audit belongs to another round."))
    for name in AUDIT_FIELDS:
        if name in data:
            value = data[name]
            setattr(audit, name, value.strip() if isinstance(value, str) else value)
    content_check(findings=audit.findings)
    today = timezone.localdate()
    if audit.applied_on and audit.applied_on > today:
        raise ValidationError({"applied_on": _("The date of application cannot lie in the future.")})
    if audit.site_visit_on and audit.applied_on and audit.site_visit_on < audit.applied_on:
        raise ValidationError({"site_visit_on": _("The site visit cannot come before the application.")})
    if audit.result and not audit.site_visit_on:
        raise ValidationError({"site_visit_on": _("Give the date of the site visit with the result.")})
    if upload is not None:
        try:
            file_store(audit, upload)
        except ValidationError as error:
            raise ValidationError({"report": error.messages}) from error
    audit.full_clean()
    audit.save()
    record(actor, cycle, AuditAction.UPDATE, audit=audit.uuid, result=audit.result or "-")
    return audit


@transaction.atomic
def certificate_issue(
    *,
    actor: Actor,
    cycle: CertificationCycle,
    level: str,
    issued_on: date,
    scheme_version: str = SCHEME_VERSION,
) -> Certificate:
    """Record the certificate after a positive audit: one star per round, valid three years, issued by the
    body that audited. The cycle is then certified."""
    require_manager(actor, cycle)
    cycle = CertificationCycle.objects.select_for_update().get(pk=cycle.pk)
    if hasattr(cycle, "certificate"):
        raise ValidationError(_("This round already has its certificate."))
    audit = cycle.audits.order_by("-applied_on", "-id").first()
    if cycle.phase != Phase.AUDIT or audit is None or audit.result != AuditResult.POSITIEF:
        raise ValidationError(_("A certificate follows a positive audit result; record that first."))
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("The date of issue cannot lie in the future.")})
    certificate = Certificate(
        cycle=cycle,
        level=level,
        stars=cycle.round,
        scheme_version=scheme_version.strip(),
        issued_on=issued_on,
        valid_until=add_years(issued_on, VALID_YEARS),
        issued_by=audit.body,
        created_by=actor.user,
    )
    certificate.full_clean()
    certificate.save(force_insert=True)
    certified_move(actor, cycle)
    record(actor, cycle, AuditAction.CREATE, certificate=certificate.uuid, level=level)
    return certificate
