# SPDX-License-Identifier: EUPL-1.2
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.describers import audit_objects_choices, audit_objects_describe
from weerbaar.audit.forms import AuditFilterForm
from weerbaar.audit.presentation import ORGANISATION_TYPE, USER_TYPE, csv_lines, event_rows
from weerbaar.audit.selectors import (
    audit_chain_check_last,
    audit_event_list,
    audit_sees_everything,
)
from weerbaar.audit.services import audit_chain_check_start, audit_event_record
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import Actor, access, actor_of, permission


def _choices(actor: Actor, object_type: str, organisation_uuid: UUID | None) -> list[tuple[UUID, str]]:
    """The objects a filter offers, by name."""
    uuids = audit_objects_choices(object_type, organisation_uuid=organisation_uuid)
    names = audit_objects_describe(actor=actor, refs=[(object_type, uuid) for uuid in uuids])
    return sorted(((uuid, names[(object_type, uuid)].label) for uuid in uuids), key=lambda item: item[1].casefold())


def _filter_form(request: HttpRequest, actor: Actor) -> AuditFilterForm:
    everything = audit_sees_everything(actor)
    organisation_uuid = None if everything or actor.organisation is None else actor.organisation.uuid
    users = _choices(actor, USER_TYPE, organisation_uuid)
    organisations = _choices(actor, ORGANISATION_TYPE, None) if everything else None
    return AuditFilterForm(request.GET or None, users=users, organisations=organisations)


@access(permission(Perm.AUDIT_VIEW))
def audit_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = _filter_form(request, actor)
    filters = form.filters()
    events = audit_event_list(actor=actor, filters=filters)
    # Reading the audit trail is itself audited.
    audit_event_record(
        actor=actor,
        action=AuditAction.SEARCH,
        object_type="audit.auditevent",
        details={**filters.as_details(), "page": request.GET.get("pagina", "1")[:6]},
    )
    page = paginate(request, events, per_page=50)
    context = {
        "page": page,
        "rows": event_rows(actor=actor, events=page.object_list),
        "form": form,
        "check": audit_chain_check_last(actor=actor),
        "query": request.GET.urlencode(),
    }
    return render(request, "audit/list.html", context)


@access(permission(Perm.AUDIT_VIEW))
def audit_export_view(request: HttpRequest) -> HttpResponseBase:
    actor = actor_of(request)
    form = _filter_form(request, actor)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('audit:list')}?{request.GET.urlencode()}")
    filters = form.filters()
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="audit.auditevent",
        details={**filters.as_details(), "format": "csv"},
    )
    events = audit_event_list(actor=actor, filters=filters).iterator(chunk_size=2000)
    response = StreamingHttpResponse(csv_lines(actor=actor, events=events), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audittrail-{stamp}.csv"'
    return response


@access(permission(Perm.AUDIT_VIEW))
@require_POST
def audit_verify_view(request: HttpRequest) -> HttpResponse:
    report = audit_chain_check_start(actor=actor_of(request))
    if report is None:
        messages.info(request, _("The chain check has started; its outcome appears here when it is done."))
    elif report.ok:
        messages.success(request, _("The chain is intact."))
    elif report.broken is None and not report.head_missing:
        messages.error(request, _("Events have been waiting to be sealed for too long."))
    else:
        messages.error(request, _("The chain is broken."))
    return redirect("audit:list")
