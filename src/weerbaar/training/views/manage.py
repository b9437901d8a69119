# SPDX-License-Identifier: EUPL-1.2
"""The resilience coordinator's pages: the modules (the shipped one and the organisation's own), writing a
draft (pages, scenario questions, dilemma cards), publishing it or making a new version, and assigning a
published module to a role or department with a due date."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.training import selectors, services
from weerbaar.training.constants import ModuleStatus
from weerbaar.training.forms import AssignmentForm, DilemmaForm, ModuleForm, PageForm, ScenarioForm

MANAGE = permission(Perm.TRAINING_MANAGE)


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def manage_view(request: HttpRequest) -> HttpResponse:
    """The modules and the assignments of the organisation, and the form to assign a module."""
    actor = actor_of(request)
    modules = selectors.module_managed_list(actor=actor)
    published = modules.filter(status=ModuleStatus.PUBLISHED)
    form = AssignmentForm(request.POST or None, modules=published, departments=selectors.department_list(actor=actor))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_create(
                actor=actor,
                module=data["module"],
                due_date=data["due_date"],
                role=data["role"] or "",
                department=data["department"],
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_error(form, error, denied=_("Choose a module and a department of your organisation."))
        else:
            messages.success(request, _("The module is assigned."))
            return redirect("training:manage")
    return render(
        request,
        "training/manage.html",
        {
            "modules": modules,
            "assignments": selectors.assignment_list(actor=actor),
            "form": form,
        },
    )


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def module_create_view(request: HttpRequest) -> HttpResponse:
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            module = services.module_create(actor=actor_of(request), **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            return redirect("training:edit", uuid=module.uuid)
    return render(request, "training/module_create.html", {"form": form})


_PARTS = {"page": PageForm, "scenario": ScenarioForm, "dilemma": DilemmaForm}


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def module_edit_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """A module as its author sees it; while a draft, forms to add a page, a scenario or a dilemma card."""
    actor = actor_of(request)
    found = selectors.module_managed_get(actor=actor, uuid=uuid)
    if found is None:
        raise Http404
    module = selectors.module_content(found)
    editable = module.status == ModuleStatus.DRAFT and module.organisation_id == actor.organisation_id
    part = request.POST.get("part", "") if request.method == "POST" else ""
    forms = {
        name: cls(request.POST if part == name else None, request.FILES if part == name else None, prefix=name)
        for name, cls in _PARTS.items()
    }
    if part in _PARTS and editable:
        form = forms[part]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if part == "page":
                    services.page_add(
                        actor=actor,
                        module=module,
                        title=data["title"],
                        body=data["body"],
                        image=data["image"],
                        image_alt=data["image_alt"],
                    )
                elif part == "scenario":
                    services.scenario_add(
                        actor=actor,
                        module=module,
                        situation=data["situation"],
                        question=data["question"],
                        options=form.option_list(),  # type: ignore[attr-defined]
                    )
                else:
                    services.dilemma_add(actor=actor, module=module, **data)
            except ValidationError as error:
                apply_service_error(form, error)
            except PermissionDenied as error:
                raise Http404 from error
            else:
                messages.success(request, _("Added to the module."))
                return redirect("training:edit", uuid=module.uuid)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "training/module_edit.html",
        {"module": module, "editable": editable, "own": module.organisation_id == actor.organisation_id, **forms},
    )


@access(MANAGE)
@require_POST
def module_publish_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    module = selectors.module_managed_get(actor=actor, uuid=uuid)
    if module is None:
        raise Http404
    try:
        if module.status == ModuleStatus.DRAFT:
            services.module_publish(actor=actor, module=module)
            messages.success(request, _("The module is published."))
        else:
            copy = services.module_new_version(actor=actor, module=module)
            messages.success(request, _("A new draft version is made."))
            return redirect("training:edit", uuid=copy.uuid)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        raise Http404 from error
    return redirect("training:edit", uuid=module.uuid)
