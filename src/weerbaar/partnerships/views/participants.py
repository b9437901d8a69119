# SPDX-License-Identifier: EUPL-1.2
"""Participants, their ceiling and representatives, and the partnership's documents: each action on its own
short page (GET shows the form, POST runs it, a refusal shows it again with the reason)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import actor_of
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships import selectors, services
from weerbaar.partnerships.ceiling import effective_ceiling
from weerbaar.partnerships.forms import CeilingForm, DocumentForm, ParticipantAddForm, RepresentativeForm
from weerbaar.partnerships.models import Participant, Partnership
from weerbaar.partnerships.views._shared import partnership_page
from weerbaar.partnerships.views.pages import OPERATIONAL, PERSONAL

MANAGE = Perm.PARTNERSHIPS_MANAGE


def _participant(request: HttpRequest, partnership: Partnership, participant_uuid: str) -> Participant:
    participant = selectors.participant_get(actor=actor_of(request), partnership=partnership, uuid=participant_uuid)
    if participant is None:
        raise Http404
    return participant


@partnership_page(OPERATIONAL, code=MANAGE)
def participant_add_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    taking_part = partnership.participants.filter(left_at__isnull=True).values("organisation_id")
    organisations = Organisation.objects.filter(is_active=True).exclude(pk__in=taking_part).order_by("name")
    form = ParticipantAddForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participant = services.participant_add(
                actor=actor,
                partnership=partnership,
                organisation=data["organisation"],
                ceiling=data["ceiling"],
                legal_basis=data["legal_basis"],
                joined_at=data["joined_at"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s takes part. Name its representatives next.")
                % {"organisation": participant.organisation.name},
            )
            return redirect("partnerships:participant", uuid=partnership.uuid, participant_uuid=participant.uuid)
    return render(request, "partnerships/participant_add.html", {"partnership": partnership, "form": form})


@partnership_page(OPERATIONAL, code=MANAGE)
def participant_view(request: HttpRequest, partnership: Partnership, participant_uuid: str) -> HttpResponse:
    """One participant: its ceiling and legal basis (to change), leaving the partnership."""
    actor = actor_of(request)
    participant = _participant(request, partnership, participant_uuid)
    initial = {"ceiling": participant.ceiling, "legal_basis": participant.legal_basis}
    form = CeilingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_ceiling_set(
                actor=actor,
                participant=participant,
                ceiling=form.cleaned_data["ceiling"],
                legal_basis=form.cleaned_data["legal_basis"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The ceiling has been saved."))
            return redirect("partnerships:participant", uuid=partnership.uuid, participant_uuid=participant.uuid)
    effective = effective_ceiling(
        ceiling=participant.ceiling, private=participant.organisation.is_private, legal_basis=participant.legal_basis
    )
    return render(
        request,
        "partnerships/participant.html",
        {
            "partnership": partnership,
            "participant": participant,
            "effective": effective,
            "form": form,
            "is_lead": participant.organisation_id == partnership.lead_organisation_id,
        },
    )


@require_POST
@partnership_page(OPERATIONAL, code=MANAGE)
def participant_leave_view(request: HttpRequest, partnership: Partnership, participant_uuid: str) -> HttpResponse:
    participant = _participant(request, partnership, participant_uuid)
    try:
        services.participant_leave(actor=actor_of(request), participant=participant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:participant", uuid=partnership.uuid, participant_uuid=participant.uuid)
    messages.success(
        request, _("%(organisation)s no longer takes part.") % {"organisation": participant.organisation.name}
    )
    return redirect("partnerships:detail", uuid=partnership.uuid)


@partnership_page(PERSONAL, code=MANAGE)
def representative_add_view(request: HttpRequest, partnership: Partnership, participant_uuid: str) -> HttpResponse:
    """Name a representative: the people of the participant's organisation who can take part are listed
    (personal data, so only for those who run the partnership and receive personal data)."""
    actor = actor_of(request)
    participant = _participant(request, partnership, participant_uuid)
    if participant.left_at is not None:
        raise Http404
    users = services.representable_users(participant=participant)
    form = RepresentativeForm(request.POST or None, users=users)
    if request.method == "POST" and form.is_valid():
        try:
            services.representative_add(
                actor=actor,
                participant=participant,
                user=form.cleaned_data["user"],
                function=form.cleaned_data["function"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The representative has been named."))
            return redirect("partnerships:representatives", uuid=partnership.uuid)
    return render(
        request,
        "partnerships/representative_add.html",
        {"partnership": partnership, "participant": participant, "form": form, "no_candidates": not users},
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def document_add_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    participants = partnership.participants.filter(left_at__isnull=True).select_related("organisation")
    form = DocumentForm(request.POST or None, request.FILES or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                actor=actor,
                partnership=partnership,
                kind=data["kind"],
                signed_on=data["signed_on"],
                signatories=list(data["signatories"]),
                upload=data["file"],
            )
        except ValidationError as error:
            apply_service_error(form, error, field="file")
        else:
            messages.success(request, _("The document has been recorded."))
            return redirect("partnerships:detail", uuid=partnership.uuid)
    return render(request, "partnerships/document_add.html", {"partnership": partnership, "form": form})


@partnership_page(PERSONAL)
def document_download_view(request: HttpRequest, partnership: Partnership, document_uuid: str) -> HttpResponseBase:
    """The signed file: it holds signatures and names, so it is personal data (the facts about the
    document — kind, date, which participants signed — are operational and on the partnership's page)."""
    actor = actor_of(request)
    document = selectors.document_get(actor=actor, partnership=partnership, uuid=document_uuid)
    if document is None or not document.stored_name:
        raise Http404
    path = services.document_path(document)
    if not path.is_file():
        raise Http404
    audit_event_record(
        actor=actor, action=AuditAction.EXPORT, obj=partnership, details={"document": str(document.uuid)}
    )
    extension = path.suffix
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{partnership.number}-{document.kind}{extension}",
        content_type=document.content_type,
    )
