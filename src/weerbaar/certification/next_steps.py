# SPDX-License-Identifier: EUPL-1.2
"""What needs doing next in the cycle, for this actor: the box at the top of the cycle page.

For those who run it: the phase's own work (measurements, walks, measures, the gate's missing items, the
audit and the certificate). For a representative: the measures their organisation owns or carries out
that are not done yet.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.certification import scopes
from weerbaar.certification.constants import AuditResult, MeasurementKind, MeasureStatus, Phase
from weerbaar.certification.models import CertificationCycle, Measure
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING
from weerbaar.partnerships.next_steps import NextStep


def _manager_steps(cycle: CertificationCycle) -> list[NextStep]:
    uuid = cycle.partnership.uuid
    kw = {"uuid": uuid}
    move = reverse("certification:cycle_move", kwargs=kw)
    steps: list[NextStep] = []
    if cycle.phase == Phase.OPZET:
        steps.append(NextStep(_("Finish the set-up, then move the cycle to the baseline measurement"), move))
    elif cycle.phase == Phase.NULMETING:
        if not cycle.measurements.filter(kind=MeasurementKind.NULMETING).exists():
            steps.append(
                NextStep(
                    _("Record the baseline measurement (0-meting)"), reverse("certification:measurement_add", kwargs=kw)
                )
            )
        if not cycle.walks.exists():
            steps.append(NextStep(_("Record an inspection walk"), reverse("certification:walk_add", kwargs=kw)))
        steps.append(NextStep(_("Move the cycle to the plan of approach"), move))
    elif cycle.phase == Phase.PLAN:
        from weerbaar.certification.services.cycle import cycle_gate

        gate = cycle_gate(cycle=cycle)
        for item in gate.missing:
            steps.append(NextStep(item, reverse("certification:measures", kwargs=kw)))
        if gate.ready:
            steps.append(NextStep(_("Request the audit"), move))
    elif cycle.phase == Phase.AUDIT:
        audit = cycle.audits.order_by("-applied_on", "-id").first()
        if audit is None or not audit.result:
            steps.append(NextStep(_("Record the audit and its result"), reverse("certification:audit", kwargs=kw)))
        elif audit.result == AuditResult.POSITIEF:
            steps.append(NextStep(_("Record the certificate"), reverse("certification:certificate_add", kwargs=kw)))
        else:
            steps.append(NextStep(_("Move the cycle back to the plan of approach"), move))
    elif cycle.phase == Phase.GECERTIFICEERD:
        steps.append(NextStep(_("Record the yearly 1-meting"), reverse("certification:measurement_add", kwargs=kw)))
    return steps


def cycle_next_steps(*, actor: Actor, cycle: CertificationCycle) -> list[NextStep]:
    steps = _manager_steps(cycle) if can(actor, Perm.PARTNERSHIPS_MANAGE, cycle.partnership) else []
    rule = scopes.measure_updatable(actor)
    if rule is not NOTHING and not steps:
        open_measures = Measure.objects.filter(rule, cycle=cycle).exclude(
            status__in=[MeasureStatus.UITGEVOERD, MeasureStatus.VERVALLEN]
        )
        for measure in open_measures.order_by("deadline", "pk")[:5]:
            steps.append(
                NextStep(
                    _("Update measure: %(title)s") % {"title": measure.title},
                    reverse(
                        "certification:measure_progress",
                        kwargs={"uuid": cycle.partnership.uuid, "measure_uuid": measure.uuid},
                    ),
                )
            )
    return steps
