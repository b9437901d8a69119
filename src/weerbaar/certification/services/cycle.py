# SPDX-License-Identifier: EUPL-1.2
"""The cycle: starting a round, moving it through its phases, and the readiness gate before the audit."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weerbaar.audit.constants import AuditAction
from weerbaar.certification.constants import (
    MEASURES_BEFORE_AUDIT,
    PHASE_TRANSITIONS,
    AuditResult,
    MeasurementKind,
    MeasureStatus,
    Phase,
)
from weerbaar.certification.models import CertificationCycle, PhaseChange
from weerbaar.certification.services._common import record, require_manager
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.selectors import partnership_readiness


@dataclass
class Gate:
    """What the cycle lacks before the audit can be requested (empty ``missing``: ready)."""

    missing: list[str] = field(default_factory=list)
    measures_done: int = 0

    @property
    def ready(self) -> bool:
        return not self.missing


def measures_done_with_evidence(cycle: CertificationCycle) -> int:
    return sum(1 for measure in cycle.measures.filter(status=MeasureStatus.UITGEVOERD) if measure.has_evidence)


def cycle_gate(*, cycle: CertificationCycle) -> Gate:
    """The readiness gate: the partnerships' check (mandatory partner types, the covenant signed by every
    active participant) and at least four measures carried out, each with evidence."""
    gate = Gate(missing=partnership_readiness(partnership=cycle.partnership).items())
    gate.measures_done = measures_done_with_evidence(cycle)
    if gate.measures_done < MEASURES_BEFORE_AUDIT:
        short = MEASURES_BEFORE_AUDIT - gate.measures_done
        gate.missing.append(
            ngettext(
                "Carry out %(count)d more measure and record its evidence (at least %(needed)d are needed).",
                "Carry out %(count)d more measures and record their evidence (at least %(needed)d are needed).",
                short,
            )
            % {"count": short, "needed": MEASURES_BEFORE_AUDIT}
        )
    return gate


def _check_move(cycle: CertificationCycle, to_phase: str) -> None:
    """The cycle's own rules on top of the table."""
    if (
        to_phase == Phase.PLAN
        and cycle.phase == Phase.NULMETING
        and not cycle.measurements.filter(kind=MeasurementKind.NULMETING).exists()
    ):
        raise ValidationError({"to_phase": _("Record the baseline measurement (0-meting) first.")})
    if to_phase == Phase.AUDIT:
        gate = cycle_gate(cycle=cycle)
        if not gate.ready:
            raise ValidationError({"to_phase": [_("The audit cannot be requested yet:"), *gate.missing]})
    if to_phase == Phase.PLAN and cycle.phase == Phase.AUDIT:
        latest = cycle.audits.order_by("-applied_on", "-id").first()
        if latest is None or latest.result != AuditResult.NEGATIEF:
            raise ValidationError(
                {"to_phase": _("Only a negative audit result sends the cycle back to the plan of approach.")}
            )
    if to_phase == Phase.GECERTIFICEERD and not hasattr(cycle, "certificate"):
        raise ValidationError({"to_phase": _("Record the certificate; that marks the cycle as certified.")})


def _move(actor: Actor, cycle: CertificationCycle, to_phase: str, reason: str) -> CertificationCycle:
    from_phase = cycle.phase
    cycle.phase = to_phase
    bump_version(cycle, ["phase"])
    PhaseChange.record(cycle=cycle, from_status=from_phase, to_status=to_phase, actor=actor.user, reason=reason)
    record(actor, cycle, AuditAction.UPDATE, phase=to_phase, from_phase=from_phase)
    return cycle


@transaction.atomic
def cycle_start(*, actor: Actor, partnership: Partnership) -> CertificationCycle:
    """Start the first round of certification of a partnership (later rounds start by recertification)."""
    if partnership.certification_cycles.exists():
        raise ValidationError(_("This partnership already has a certification cycle."))
    cycle = CertificationCycle(partnership=partnership, round=1, created_by=actor.user)
    require_manager(actor, cycle)
    cycle.full_clean()
    cycle.save(force_insert=True)
    PhaseChange.record(cycle=cycle, to_status=Phase.OPZET, actor=actor.user)
    record(actor, cycle, AuditAction.CREATE, round=1)
    return cycle


@transaction.atomic
def cycle_transition(
    *, actor: Actor, cycle: CertificationCycle, to_phase: str, reason: str = "", expected_version: int | None
) -> CertificationCycle:
    """Move the cycle one phase on. Moving to recertification closes the round and opens the next one
    (returned), which starts at the set-up with the partnership as it is."""
    require_manager(actor, cycle)
    cycle = lock_for_update(CertificationCycle, cycle, expected_version)
    PHASE_TRANSITIONS.check(cycle.phase, to_phase)
    _check_move(cycle, to_phase)
    _move(actor, cycle, to_phase, reason)
    if to_phase == Phase.HERCERTIFICERING:
        following = CertificationCycle(
            partnership=cycle.partnership, round=cycle.round + 1, created_by=actor.user, started_on=timezone.localdate()
        )
        following.full_clean()
        following.save(force_insert=True)
        PhaseChange.record(
            cycle=following,
            to_status=Phase.OPZET,
            actor=actor.user,
            reason=_("Recertification after round %(round)d.") % {"round": cycle.round},
        )
        record(actor, following, AuditAction.CREATE, round=following.round)
        return following
    return cycle


def certified_move(actor: Actor, cycle: CertificationCycle) -> None:
    """Mark the cycle certified once its certificate is recorded (called by ``certificate_issue``)."""
    PHASE_TRANSITIONS.check(cycle.phase, Phase.GECERTIFICEERD)
    _move(actor, cycle, Phase.GECERTIFICEERD, "")
