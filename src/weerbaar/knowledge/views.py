# SPDX-License-Identifier: EUPL-1.2
"""The knowledge base's pages (/kennis/): barrier models with their versions and steps, and practice cases.

Pages require ``knowledge.view`` (reading) or ``knowledge.edit`` (writing); an item the actor cannot see —
or, for an edit page, cannot edit — is 404, never 403. Opening an item and the PDF are audited.
"""

import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

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


def _item_or_404[T: (BarrierModel, PracticeCase)](
    request: HttpRequest, get: Callable[..., T | None], uuid: object, *, edit: bool
) -> T:
    """The item if the actor can see it (and, for an edit page, edit it); otherwise 404, never 403."""
    actor = actor_of(request)
    item = get(actor=actor, uuid=str(uuid))
    if item is None or (edit and not can(actor, Perm.KNOWLEDGE_EDIT, item)):
        raise Http404
    return item


def _model(request: HttpRequest, uuid: object, *, edit: bool = False) -> BarrierModel:
    return _item_or_404(request, selectors.barrier_model_get, uuid, edit=edit)


def _case(request: HttpRequest, uuid: object, *, edit: bool = False) -> PracticeCase:
    return _item_or_404(request, selectors.practice_case_get, uuid, edit=edit)


def _version_number(request: HttpRequest) -> int | None:
    """The version asked for with ``?versie=``; None (the current one) when it is not a plausible number."""
    number = request.GET.get("versie", "")
    return int(number) if number.isdigit() and len(number) < 6 else None


def _list_page(
    request: HttpRequest,
    *,
    form: Form,
    rows: Callable[[dict[str, Any]], QuerySet[Any]],
    object_type: str,
    template: str,
) -> HttpResponse:
    """A list with a search form: the rows its valid filters find (a search by text is audited)."""
    actor = actor_of(request)
    filters = form.cleaned_data if form.is_valid() else {}
    found = rows(filters)
    if filters.get("q"):
        audit_event_record(actor=actor, action=AuditAction.SEARCH, object_type=object_type)
    return render(
        request,
        template,
        {"form": form, "rows": list(found[:LIST_MAX]), "may_edit": can(actor, Perm.KNOWLEDGE_EDIT)},
    )


def _form_page[T: (BarrierModel, PracticeCase)](
    request: HttpRequest,
    *,
    form: Form,
    template: str,
    context: dict[str, Any],
    save: Callable[[dict[str, Any]], T],
    done: StrOrPromise,
    to: str,
    also_valid: Callable[[], bool] = lambda: True,
    invalid: int = 200,
    refused: int = 200,
) -> HttpResponse:
    """A create or edit page: GET shows the form; a valid POST runs ``save(cleaned_data)`` and goes to the
    saved item's page ``to``. Otherwise the form is shown again: with 409 and the stale message when someone
    else changed the item first, with ``invalid`` when the input (or ``also_valid``) is not valid, and with
    ``refused`` and the service's reason when the service refuses it."""
    status = 200
    if request.method == "POST":
        if form.is_valid() and also_valid():
            try:
                item = save(form.cleaned_data)
            except StaleVersionError:
                form.add_error(None, str(STALE))
                status = 409
            except ValidationError as error:
                apply_service_error(form, error)
                status = refused
            else:
                messages.success(request, done)
                return redirect(to, uuid=item.uuid)
        else:
            status = invalid
    return render(request, template, {**context, "form": form}, status=status)


def _share(
    request: HttpRequest,
    item: BarrierModel | PracticeCase,
    *,
    share: Callable[[bool], object],
    shared_message: StrOrPromise,
    own_message: StrOrPromise,
    to: str,
) -> HttpResponse:
    """Share an item with all organisations, or take it back to the own one (an invalid form: not shared)."""
    form = ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    share(shared)
    messages.success(request, shared_message if shared else own_message)
    return redirect(to, uuid=item.uuid)


# --- Barrier models ------------------------------------------------------------------------------------


@require_GET
@access(permission(Perm.KNOWLEDGE_VIEW))
def model_list_view(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        form=SearchForm(request.GET or None),
        rows=lambda filters: selectors.barrier_model_list(
            actor=actor_of(request),
            text=filters.get("q", ""),
            phenomenon=filters.get("phenomenon", ""),
            owner_type=filters.get("owner_type", ""),
        ),
        object_type="knowledge.barriermodel",
        template="knowledge/model_list.html",
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.KNOWLEDGE_EDIT))
def model_create_view(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        form=BarrierModelForm(request.POST or None),
        template="knowledge/model_form.html",
        context={},
        save=lambda data: services.barrier_model_create(actor=actor_of(request), **data),
        done=_("The barrier model has been made. Add its steps one by one."),
        to="knowledge:model",
    )


@require_GET
@access(permission(Perm.KNOWLEDGE_VIEW))
def model_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    barrier_model = _model(request, uuid)
    version = selectors.barrier_model_version(barrier_model=barrier_model, number=_version_number(request))
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
    return _form_page(
        request,
        form=form,
        template="knowledge/model_form.html",
        context={"barrier_model": barrier_model},
        save=lambda data: services.barrier_model_revise(
            actor=actor_of(request),
            barrier_model=barrier_model,
            expected_version=data["version"],
            title=data["title"],
            phenomenon=data["phenomenon"],
            summary=data["summary"],
            steps=steps_of(current),
            change_note=data["change_note"],
        ),
        done=_("A new version of the barrier model has been saved."),
        to="knowledge:model",
    )


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

    def save(data: dict[str, Any]) -> BarrierModel:
        earlier = {str(b.key): b for b in (step.barriers if step else ())}
        return services.barrier_model_step_save(
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

    return _form_page(
        request,
        form=form,
        template="knowledge/step_form.html",
        context={"barriers": barriers, "barrier_model": barrier_model, "position": position},
        save=save,
        done=_("The step has been saved as a new version of the barrier model."),
        to="knowledge:model",
        also_valid=barriers.is_valid,
        invalid=400,
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
    return _share(
        request,
        barrier_model,
        share=lambda shared: services.barrier_model_share(
            actor=actor_of(request), barrier_model=barrier_model, shared=shared
        ),
        shared_message=_("The barrier model is now shared with all organisations on Weerbaar."),
        own_message=_("The barrier model is now visible within your own organisation only."),
        to="knowledge:model",
    )


@require_GET
@access(permission(Perm.KNOWLEDGE_VIEW))
def model_pdf_view(request: HttpRequest, uuid: str) -> FileResponse:
    barrier_model = _model(request, uuid)
    try:
        content = documents.barrier_model_pdf(
            actor=actor_of(request),
            barrier_model=barrier_model,
            number=_version_number(request),
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
    return _list_page(
        request,
        form=CaseSearchForm(request.GET or None),
        rows=lambda filters: selectors.practice_case_list(
            actor=actor_of(request), text=filters.get("q", ""), phenomenon=filters.get("phenomenon", "")
        ),
        object_type="knowledge.practicecase",
        template="knowledge/case_list.html",
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.KNOWLEDGE_EDIT))
def case_create_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return _form_page(
        request,
        form=PracticeCaseForm(request.POST or None, barrier_choices=selectors.barrier_choices(actor=actor)),
        template="knowledge/case_form.html",
        context={},
        save=lambda data: services.practice_case_create(actor=actor, **data),
        done=_("The practice case has been saved."),
        to="knowledge:case",
        invalid=400,
        refused=400,
    )


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

    def save(cleaned: dict[str, Any]) -> PracticeCase:
        data = dict(cleaned)
        expected = data.pop("version")
        return services.practice_case_update(actor=actor, case=case, expected_version=expected, **data)

    return _form_page(
        request,
        form=form,
        template="knowledge/case_form.html",
        context={"case": case},
        save=save,
        done=_("The practice case has been saved."),
        to="knowledge:case",
        invalid=400,
        refused=400,
    )


@require_POST
@access(permission(Perm.KNOWLEDGE_EDIT))
def case_share_view(request: HttpRequest, uuid: str) -> HttpResponse:
    case = _case(request, uuid, edit=True)
    return _share(
        request,
        case,
        share=lambda shared: services.practice_case_share(actor=actor_of(request), case=case, shared=shared),
        shared_message=_("The practice case is now shared with all organisations on Weerbaar."),
        own_message=_("The practice case is now visible within your own organisation only."),
        to="knowledge:case",
    )
