# SPDX-License-Identifier: EUPL-1.2
"""The cycle page (phase, what is done, what is next), starting it, moving it on, and the measurements
with the comparison of the 1-meting beside the 0-meting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.certification import selectors, services
from weerbaar.certification.constants import PHASE_TRANSITIONS, MeasurementKind
from weerbaar.certification.forms import FigureForm, MeasurementForm, PhaseForm
from weerbaar.certification.models import CertificationCycle, PhaseChange
from weerbaar.certification.next_steps import cycle_next_steps
from weerbaar.certification.views._shared import AGGREGATE, OPERATIONAL, PERSONAL, current_cycle, form_page
from weerbaar.core.policy import actor_of, can
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.permissions import Shows
from weerbaar.partnerships.views._shared import partnership_page

MANAGE = Perm.PARTNERSHIPS_MANAGE


def _history(request: HttpRequest, partnership: Partnership, cycle: CertificationCycle) -> list[PhaseChange]:
    """The phase history; who moved it is a person's name, shown only to members receiving personal data."""
    changes = list(cycle.status_changes.select_related("actor"))
    if not can(actor_of(request), Perm.PARTNERSHIPS_VIEW, Shows(partnership, PERSONAL)):
        for change in changes:
            change.actor = None  # in memory only: history rows are never saved again
    return changes


@partnership_page(OPERATIONAL)
def cycle_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cycle = selectors.cycle_current(actor=actor, partnership=partnership)
    manager = can(actor, MANAGE, partnership)
    context: dict[str, object] = {"partnership": partnership, "cycle": cycle, "manager": manager}
    if cycle is not None:
        audit_event_record(actor=actor, action=AuditAction.READ, obj=partnership, details={"cycle": str(cycle.uuid)})
        baseline, follow_up = selectors.measurement_pair(actor=actor, cycle=cycle)
        measures = list(selectors.measure_list(actor=actor, cycle=cycle))
        context.update(
            {
                "gate": services.cycle_gate(cycle=cycle),
                "next_steps": cycle_next_steps(actor=actor, cycle=cycle),
                "history": _history(request, partnership, cycle),
                "measurements": selectors.measurement_list(actor=actor, cycle=cycle),
                "baseline": baseline,
                "follow_up": follow_up,
                "walk_count": selectors.walk_list(actor=actor, cycle=cycle).count(),
                "measure_count": len(measures),
                "meeting_count": selectors.meeting_list(actor=actor, cycle=cycle).count(),
                "audits": cycle.audits.all(),
                "certificates": selectors.certificate_list(actor=actor, partnership=partnership),
                "can_move": manager and bool(PHASE_TRANSITIONS.next(cycle.phase)),
                "earlier": selectors.cycle_list(actor=actor, partnership=partnership).exclude(pk=cycle.pk),
            }
        )
    return render(request, "certification/cycle.html", context)


@require_POST
@partnership_page(OPERATIONAL, code=MANAGE)
def cycle_start_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    try:
        services.cycle_start(actor=actor_of(request), partnership=partnership)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The certification cycle has started."))
    return redirect("certification:cycle", uuid=partnership.uuid)


@partnership_page(OPERATIONAL, code=MANAGE)
def cycle_move_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Move the cycle on; the gate before the audit refuses with the list of what is missing."""
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    choices = [(phase, PHASE_TRANSITIONS.label(phase)) for phase in sorted(PHASE_TRANSITIONS.next(cycle.phase))]
    if not choices:
        raise Http404
    form = PhaseForm(request.POST or None, initial={"version": cycle.version}, choices=choices)
    return form_page(
        request,
        form=form,
        template="certification/cycle_move.html",
        context={"partnership": partnership, "cycle": cycle, "gate": services.cycle_gate(cycle=cycle)},
        run=lambda data: services.cycle_transition(
            actor=actor,
            cycle=cycle,
            to_phase=data["to_phase"],
            reason=data["reason"],
            expected_version=data["version"],
        ),
        done=_("The cycle has moved on."),
        next_url=lambda _result: reverse("certification:cycle", kwargs={"uuid": partnership.uuid}),
        field="to_phase",
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def measurement_add_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    form = MeasurementForm(request.POST or None)
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={"partnership": partnership, "title": _("Record a measurement")},
        run=lambda data: services.measurement_record(
            actor=actor, cycle=cycle, kind=data["kind"], taken_on=data["taken_on"]
        ),
        done=_("The measurement has been recorded with the platform's own figures. Add the partners' figures."),
        next_url=lambda m: reverse(
            "certification:measurement", kwargs={"uuid": partnership.uuid, "measurement_uuid": m.uuid}
        ),
    )


@partnership_page(OPERATIONAL)
def measurement_view(request: HttpRequest, partnership: Partnership, measurement_uuid: str) -> HttpResponse:
    """One measurement: the platform's suppressed counts and the partners' figures, suppressed too."""
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    measurement = selectors.measurement_get(actor=actor, cycle=cycle, uuid=measurement_uuid)
    if measurement is None:
        raise Http404
    return render(
        request,
        "certification/measurement.html",
        {
            "partnership": partnership,
            "measurement": measurement,
            "rows": selectors.figure_rows(measurement=measurement),
            "manager": can(actor, MANAGE, partnership),
        },
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def figure_add_view(request: HttpRequest, partnership: Partnership, measurement_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    measurement = selectors.measurement_get(actor=actor, cycle=cycle, uuid=measurement_uuid)
    if measurement is None:
        raise Http404
    participants = partnership.participants.filter(left_at__isnull=True).select_related("organisation")
    form = FigureForm(request.POST or None, participants=participants)
    url = reverse("certification:measurement", kwargs={"uuid": partnership.uuid, "measurement_uuid": measurement.uuid})
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={"partnership": partnership, "title": _("Add a figure"), "back": url},
        run=lambda data: services.figure_add(actor=actor, measurement=measurement, **data),
        done=_("The figure has been added."),
        next_url=lambda _result: url,
    )


@partnership_page(AGGREGATE)
def comparison_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """The 1-meting beside the 0-meting: totals per theme (suppressed) and the platform's own counts."""
    actor = actor_of(request)
    cycle = selectors.cycle_current(actor=actor, partnership=partnership, data_class=AGGREGATE.required)
    if cycle is None:
        raise Http404
    baseline, follow_up = selectors.measurement_pair(actor=actor, cycle=cycle, data_class=AGGREGATE.required)
    return render(
        request,
        "certification/comparison.html",
        {
            "partnership": partnership,
            "cycle": cycle,
            "baseline": baseline,
            "follow_up": follow_up,
            "rows": selectors.theme_comparison(baseline=baseline, follow_up=follow_up),
            "survey": selectors.survey_comparison(actor=actor, partnership=partnership),
            "kinds": MeasurementKind,
        },
    )
