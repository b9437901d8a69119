# SPDX-License-Identifier: EUPL-1.2
"""The partnership list, setting one up, its page (summary, what needs doing next, participants,
documents, directory, alerts) and its representatives."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import User
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.partnerships import selectors, services
from weerbaar.partnerships.constants import SAAR_GUIDANCE, DataClass
from weerbaar.partnerships.forms import EditPartnershipForm, PartnershipForm
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.next_steps import partnership_next_steps
from weerbaar.partnerships.permissions import Shown, Shows
from weerbaar.partnerships.views._shared import partnership_for_page, partnership_page, shows

AGGREGATE = Shown(DataClass.AGGREGAAT)
OPERATIONAL = Shown(DataClass.OPERATIONEEL)
PERSONAL = Shown(DataClass.PERSOONLIJK)
#: Alerts on the partnership's page.
ALERTS_SHOWN = 10
STALE = gettext_lazy("Someone else changed the partnership in the meantime. Check the current values and save again.")


@access(permission(Perm.PARTNERSHIPS_VIEW))
@shows(AGGREGATE)
def partnership_list_view(request: HttpRequest) -> HttpResponse:
    """The partnerships the actor is a member of: names and areas only (the class every member receives)."""
    actor = actor_of(request)
    partnerships = list(selectors.partnership_list(actor=actor, data_class=AGGREGATE.required))
    operational = {p.pk for p in selectors.partnership_list(actor=actor, data_class=OPERATIONAL.required)}
    rows = [{"partnership": p, "open": p.pk in operational} for p in partnerships]
    return render(
        request,
        "partnerships/list.html",
        {"rows": rows, "can_create": can(actor, Perm.PARTNERSHIPS_MANAGE)},
    )


@access(permission(Perm.PARTNERSHIPS_MANAGE))
@shows(OPERATIONAL)
def partnership_create_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not can(actor, Perm.PARTNERSHIPS_MANAGE):
        raise PermissionDenied
    form = PartnershipForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.partnership_create(
                actor=actor,
                name=data["name"],
                area_type=data["area_type"],
                objectives=data["objectives"],
                decision_agreements=data["decision_agreements"],
                communication_agreements=data["communication_agreements"],
                municipalities=list(data["municipalities"]),
                area_geojson=form.area_geojson(),
            )
        except ValidationError as error:
            apply_service_error(form, error, aliases={"area_geojson": "area_file"})
        else:
            messages.success(request, _("The partnership has been set up. Add its participants next."))
            return redirect("partnerships:detail", uuid=partnership.uuid)
    return render(request, "partnerships/form.html", {"form": form, "partnership": None})


def _office_holders(partnership: Partnership) -> Any:
    return User.objects.filter(
        pk__in=partnership.participants.filter(left_at__isnull=True, representatives__ended_at__isnull=True).values(
            "representatives__user_id"
        )
    ).order_by("last_name", "first_name", "username")


@partnership_page(OPERATIONAL, code=Perm.PARTNERSHIPS_MANAGE)
def partnership_edit_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    partnership = partnership_for_page(partnership)
    holders = _office_holders(partnership)
    initial = {
        "name": partnership.name,
        "area_type": partnership.area_type,
        "municipalities": list(partnership.municipalities.all()),
        "objectives": partnership.objectives,
        "decision_agreements": partnership.decision_agreements,
        "communication_agreements": partnership.communication_agreements,
        "chair": partnership.chair,
        "project_leader": partnership.project_leader,
        "facilitator": partnership.facilitator,
        "version": partnership.version,
    }
    form = EditPartnershipForm(request.POST or None, request.FILES or None, initial=initial, office_holders=holders)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.partnership_update(
                actor=actor,
                partnership=partnership,
                expected_version=data.pop("version"),
                data=data,
                municipalities=list(data["municipalities"]),
                area_geojson=form.area_geojson(),
            )
        except StaleVersionError:
            form.add_error(None, STALE)
            status = 409
        except ValidationError as error:
            apply_service_error(form, error, aliases={"area_geojson": "area_file"})
        else:
            messages.success(request, _("The set-up has been saved."))
            return redirect("partnerships:detail", uuid=partnership.uuid)
    return render(request, "partnerships/form.html", {"form": form, "partnership": partnership}, status=status)


@partnership_page(OPERATIONAL)
def partnership_detail_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    partnership = partnership_for_page(partnership)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=partnership)
    participants = list(selectors.participant_list(actor=actor, partnership=partnership))
    labels = dict(DataClass.choices)
    for participant in participants:
        effective = selectors.participant_effective_ceiling(participant)
        participant.effective_label = labels[effective] if effective else ""  # type: ignore[attr-defined]
    manager = can(actor, Perm.PARTNERSHIPS_MANAGE, partnership)
    represented = list(selectors.represented_participants(actor=actor, partnership=partnership))
    cards = selectors.directory_list(actor=actor, partnership=partnership)
    context = {
        "partnership": partnership,
        "ceiling": selectors.actor_ceiling(actor=actor, partnership=partnership),
        "names_shown": can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, PERSONAL)),
        "manager": manager,
        "may_alert": can(actor, Perm.PARTNERSHIPS_ALERT, partnership),
        "readiness": selectors.partnership_readiness(partnership=partnership),
        "next_steps": partnership_next_steps(actor=actor, partnership=partnership),
        "participants": participants,
        "own_representatives": [
            r
            for r in selectors.representative_list(actor=actor, partnership=partnership)
            if r.participant.organisation_id == actor.organisation_id
        ],
        "represented": represented,
        "documents": selectors.document_list(actor=actor, partnership=partnership),
        "directory_count": len(cards),
        "alerts": selectors.alert_list(actor=actor, partnership=partnership)[:ALERTS_SHOWN],
        "saar": SAAR_GUIDANCE,
    }
    return render(request, "partnerships/detail.html", context)


@partnership_page(PERSONAL)
def representative_list_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """The named representatives of every participant: personal data, for members whose ceiling allows."""
    actor = actor_of(request)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=partnership, details={"part": "representatives"})
    representatives = selectors.representative_list(actor=actor, partnership=partnership)
    return render(
        request,
        "partnerships/representatives.html",
        {
            "partnership": partnership_for_page(partnership),
            "representatives": representatives,
            "manager": can(actor, Perm.PARTNERSHIPS_MANAGE, partnership),
        },
    )


@require_POST
@partnership_page(PERSONAL, code=Perm.PARTNERSHIPS_MANAGE)
def representative_end_view(request: HttpRequest, partnership: Partnership, representative_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    representative = selectors.representative_get(actor=actor, partnership=partnership, uuid=representative_uuid)
    if representative is None:
        raise Http404
    try:
        services.representative_end(actor=actor, representative=representative)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("The representation has ended."))
    return redirect("partnerships:representatives", uuid=partnership.uuid)
