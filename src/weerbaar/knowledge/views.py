# SPDX-License-Identifier: EUPL-1.2
"""The knowledge base's pages (/kennis/): barrier models with their versions and steps, and practice cases.

Pages require ``knowledge.view`` (reading) or ``knowledge.edit`` (writing); an item the actor cannot see —
or, for an edit page, cannot edit — is 404, never 403. Opening an item and the PDF are audited.
"""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.knowledge import documents, selectors, services
from weerbaar.knowledge.forms import (
    BarrierFormSet,
    BarrierModelEditForm,
    BarrierModelForm,
    CaseSearchForm,
    ConfirmForm,
    PracticeCaseEditForm,
    PracticeCaseForm,
    SearchForm,
    ShareForm,
    StepForm,
    barrier_initial,
)
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.knowledge.services import StepInput, steps_of

STALE = gettext_lazy("Someone else changed this in the meantime. Check the current version and try again.")
#: The most rows a list page shows.
LIST_MAX = 200


def _model(request: HttpRequest, uuid: object, *, edit: bool = False) -> BarrierModel:
    actor = actor_of(request)
    barrier_model = selectors.barrier_model_get(actor=actor, uuid=str(uuid))
    if barrier_model is None or (edit and not can(actor, Perm.KNOWLEDGE_EDIT, barrier_model)):
        raise Http404
    return barrier_model


def _case(request: HttpRequest, uuid: object, *, edit: bool = False) -> PracticeCase:
    actor = actor_of(request)
    case = selectors.practice_case_get(actor=actor, uuid=str(uuid))
    if case is None or (edit and not can(actor, Perm.KNOWLEDGE_EDIT, case)):
        raise Http404
    return case


# --- Barrier models ------------------------------------------------------------------------------------


@require_GET
@access(permission(Perm.KNOWLEDGE_VIEW))
def model_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = SearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.barrier_model_list(
        actor=actor,
        text=filters.get("q", ""),
        phenomenon=filters.get("phenomenon", ""),
        owner_type=filters.get("owner_type", ""),
    )
    if filters.get("q"):
        audit_event_record(actor=actor, action=AuditAction.SEARCH, object_type="knowledge.barriermodel")
    return render(
        request,
        "knowledge/model_list.html",
        {"form": form, "rows": list(rows[:LIST_MAX]), "may_edit": can(actor, Perm.KNOWLEDGE_EDIT)},
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.KNOWLEDGE_EDIT))
def model_create_view(request: HttpRequest) -> HttpResponse:
    form = BarrierModelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            barrier_model = services.barrier_model_create(actor=actor_of(request), **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The barrier model has been made. Add its steps one by one."))
            return redirect("knowledge:model", uuid=barrier_model.uuid)
    return render(request, "knowledge/model_form.html", {"form": form})


@require_GET
@access(permission(Perm.KNOWLEDGE_VIEW))
def model_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    barrier_model = _model(request, uuid)
    number = request.GET.get("versie", "")
    version = selectors.barrier_model_version(
        barrier_model=barrier_model, number=int(number) if number.isdigit() and len(number) < 6 else None
    )
    if version is None:
        raise Http404
    audit_event_record(actor=actor, action=AuditAction.READ, obj=barrier_model, details={"version": version.number})
    is_current = version.number == barrier_model.version
    return render(
        request,
        "knowledge/model.html",
        {
            "barrier_model": barrier_model,
            "version": version,
            "is_current": is_current,
            "history": selectors.barrier_model_history(barrier_model=barrier_model),
            "cases": selectors.practice_cases_for(actor=actor, barrier_model=barrier_model),
            "may_edit": is_current and can(actor, Perm.KNOWLEDGE_EDIT, barrier_model),
        },
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.KNOWLEDGE_EDIT))
def model_edit_view(request: HttpRequest, uuid: str) -> HttpResponse:
    barrier_model = _model(request, uuid, edit=True)
    current = barrier_model.current
    form = BarrierModelEditForm(
        request.POST or None,
        initial={
            "version": barrier_model.version,
            "title": barrier_model.title,
            "phenomenon": barrier_model.phenomenon,
            "summary": current.summary,
        },
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.barrier_model_revise(
                actor=actor_of(request),
                barrier_model=barrier_model,
                expected_version=data["version"],
                title=data["title"],
                phenomenon=data["phenomenon"],
                summary=data["summary"],
                steps=steps_of(current),
                change_note=data["change_note"],
            )
        except StaleVersionError:
            form.add_error(None, str(STALE))
            status = 409
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("A new version of the barrier model has been saved."))
            return redirect("knowledge:model", uuid=barrier_model.uuid)
    return render(request, "knowledge/model_form.html", {"form": form, "barrier_model": barrier_model}, status=status)


@require_http_methods(["GET", "POST"])
@access(permission(Perm.KNOWLEDGE_EDIT))
def step_edit_view(request: HttpRequest, uuid: str, position: int | None = None) -> HttpResponse:
    barrier_model = _model(request, uuid, edit=True)
    steps = steps_of(barrier_model.current)
    if position is not None and not 1 <= position <= len(steps):
        raise Http404
    step = steps[position - 1] if position is not None else None
    form = StepForm(
        request.POST or None,
        initial={
            "version": barrier_model.version,
            "name": step.name if step else "",
            "needs": step.needs if step else "",
            "facilitators": step.facilitators if step else "",
            "facilitator_kind": step.facilitator_kind if step else "",
        },
    )
    barriers = BarrierFormSet(request.POST or None, initial=barrier_initial(step), prefix="barrier")
    status = 200
    if request.method == "POST" and form.is_valid() and barriers.is_valid():
        data = form.cleaned_data
        earlier = {str(b.key): b for b in (step.barriers if step else ())}
        try:
            services.barrier_model_step_save(
                actor=actor_of(request),
                barrier_model=barrier_model,
                expected_version=data["version"],
                position=position,
                step=StepInput(
                    name=data["name"],
                    needs=data["needs"],
                    facilitators=data["facilitators"],
                    facilitator_kind=data["facilitator_kind"],
                    barriers=tuple(barriers.barrier_inputs(earlier)),
                ),
                change_note=data["change_note"],
            )
        except StaleVersionError:
            form.add_error(None, str(STALE))
            status = 409
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The step has been saved as a new version of the barrier model."))
            return redirect("knowledge:model", uuid=barrier_model.uuid)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "knowledge/step_form.html",
        {"form": form, "barriers": barriers, "barrier_model": barrier_model, "position": position},
        status=status,
    )


@require_POST
@access(permission(Perm.KNOWLEDGE_EDIT))
def step_remove_view(request: HttpRequest, uuid: str, position: int) -> HttpResponse:
    barrier_model = _model(request, uuid, edit=True)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, STALE)
        return redirect("knowledge:model", uuid=barrier_model.uuid)
    try:
        services.barrier_model_step_remove(
            actor=actor_of(request),
            barrier_model=barrier_model,
            expected_version=form.cleaned_data["version"],
            position=position,
            change_note=_("Step %(n)d removed") % {"n": position},
        )
    except StaleVersionError:
        messages.error(request, STALE)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The step has been removed in a new version; earlier versions still show it."))
    return redirect("knowledge:model", uuid=barrier_model.uuid)


@require_POST
@access(permission(Perm.KNOWLEDGE_EDIT))
def model_share_view(request: HttpRequest, uuid: str) -> HttpResponse:
    barrier_model = _model(request, uuid, edit=True)
    form = ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    services.barrier_model_share(actor=actor_of(request), barrier_model=barrier_model, shared=shared)
    messages.success(
        request,
        _("The barrier model is now shared with all organisations on Weerbaar.")
        if shared
        else _("The barrier model is now visible within your own organisation only."),
    )
    return redirect("knowledge:model", uuid=barrier_model.uuid)


@require_GET
@access(permission(Perm.KNOWLEDGE_VIEW))
def model_pdf_view(request: HttpRequest, uuid: str) -> FileResponse:
    barrier_model = _model(request, uuid)
    number = request.GET.get("versie", "")
    try:
        content = documents.barrier_model_pdf(
            actor=actor_of(request),
            barrier_model=barrier_model,
            number=int(number) if number.isdigit() and len(number) < 6 else None,
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    response = FileResponse(
        io.BytesIO(content), as_attachment=True, filename="barrieremodel.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Practice cases ------------------------------------------------------------------------------------


@require_GET
@access(permission(Perm.KNOWLEDGE_VIEW))
def case_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = CaseSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.practice_case_list(
        actor=actor, text=filters.get("q", ""), phenomenon=filters.get("phenomenon", "")
    )
    if filters.get("q"):
        audit_event_record(actor=actor, action=AuditAction.SEARCH, object_type="knowledge.practicecase")
    return render(
        request,
        "knowledge/case_list.html",
        {"form": form, "rows": list(rows[:LIST_MAX]), "may_edit": can(actor, Perm.KNOWLEDGE_EDIT)},
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.KNOWLEDGE_EDIT))
def case_create_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = PracticeCaseForm(request.POST or None, barrier_choices=selectors.barrier_choices(actor=actor))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                case = services.practice_case_create(actor=actor, **form.cleaned_data)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The practice case has been saved."))
                return redirect("knowledge:case", uuid=case.uuid)
        status = 400
    return render(request, "knowledge/case_form.html", {"form": form}, status=status)


@require_GET
@access(permission(Perm.KNOWLEDGE_VIEW))
def case_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    case = _case(request, uuid)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=case)
    linked = selectors.barriers_by_key(actor=actor, keys=case.barrier_keys)
    return render(
        request,
        "knowledge/case.html",
        {
            "case": case,
            "barriers": [linked[key] for key in case.barrier_keys if key in linked],
            "may_edit": can(actor, Perm.KNOWLEDGE_EDIT, case),
        },
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.KNOWLEDGE_EDIT))
def case_edit_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    case = _case(request, uuid, edit=True)
    form = PracticeCaseEditForm(
        request.POST or None,
        barrier_choices=selectors.barrier_choices(actor=actor),
        initial={
            "version": case.version,
            "title": case.title,
            "phenomenon": case.phenomenon,
            "what_happened": case.what_happened,
            "lessons": case.lessons,
            "barrier_keys": case.barrier_keys,
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            expected = data.pop("version")
            try:
                services.practice_case_update(actor=actor, case=case, expected_version=expected, **data)
            except StaleVersionError:
                form.add_error(None, str(STALE))
                status = 409
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The practice case has been saved."))
                return redirect("knowledge:case", uuid=case.uuid)
    return render(request, "knowledge/case_form.html", {"form": form, "case": case}, status=status)


@require_POST
@access(permission(Perm.KNOWLEDGE_EDIT))
def case_share_view(request: HttpRequest, uuid: str) -> HttpResponse:
    case = _case(request, uuid, edit=True)
    form = ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    services.practice_case_share(actor=actor_of(request), case=case, shared=shared)
    messages.success(
        request,
        _("The practice case is now shared with all organisations on Weerbaar.")
        if shared
        else _("The practice case is now visible within your own organisation only."),
    )
    return redirect("knowledge:case", uuid=case.uuid)
