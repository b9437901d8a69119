# SPDX-License-Identifier: EUPL-1.2
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.organisations import selectors, services
from weerbaar.organisations.forms import OrganisationFilterForm, OrganisationForm


@access(permission(Perm.ORGANISATIONS_VIEW))
def organisation_list_view(request: HttpRequest) -> HttpResponse:
    filters = OrganisationFilterForm(request.GET or None)
    org_type = filters.cleaned_data["type"] if filters.is_valid() else ""
    organisations = selectors.organisation_list(actor=actor_of(request), type=org_type)
    return render(
        request,
        "organisations/list.html",
        {
            "page": paginate(request, organisations, per_page=50),
            "filters": filters,
            "can_manage": can(actor_of(request), Perm.ORGANISATIONS_MANAGE),
        },
    )


@access(permission(Perm.ORGANISATIONS_VIEW))
def organisation_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    organisation = selectors.organisation_get(actor=actor_of(request), uuid=uuid)
    if organisation is None:
        raise Http404
    return render(
        request,
        "organisations/detail.html",
        {"organisation": organisation, "can_manage": can(actor_of(request), Perm.ORGANISATIONS_MANAGE, organisation)},
    )


@access(permission(Perm.ORGANISATIONS_MANAGE))
def organisation_create_view(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = services.organisation_create(actor=actor_of(request), **data)
        messages.success(request, _("The organisation has been added."))
        return redirect("organisations:detail", uuid=organisation.uuid)
    return render(request, "organisations/form.html", {"form": form, "title": _("New organisation")})


@access(permission(Perm.ORGANISATIONS_MANAGE))
def organisation_update_view(request: HttpRequest, uuid: str) -> HttpResponse:
    organisation = selectors.organisation_get(actor=actor_of(request), uuid=uuid)
    if organisation is None:
        raise Http404
    form = OrganisationForm(
        request.POST or None, instance=None, initial={f: getattr(organisation, f) for f in OrganisationForm.Meta.fields}
    )
    if request.method == "POST" and form.is_valid():
        services.organisation_update(actor=actor_of(request), organisation=organisation, data=form.cleaned_data)
        messages.success(request, _("The changes have been saved."))
        return redirect("organisations:detail", uuid=organisation.uuid)
    return render(request, "organisations/form.html", {"form": form, "title": organisation.name})
