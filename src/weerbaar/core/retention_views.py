# SPDX-License-Identifier: EUPL-1.2
"""The retention overview, and the confirmation page every app uses to destroy an expired object now.

The overview lists, per registered policy, what the actor answers for (the policy's ``scope``): objects whose
retention has ended — kept by a legal hold, or waiting for the next daily run — and objects whose retention
ends within the policy's warning period. Only references, statuses and dates; each policy names its objects
(``describe``) and links them only where the viewer may open them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.policy import Actor, access, actor_of, can, permission
from weerbaar.core.retention import (
    REASON_MIN_LENGTH,
    RETENTION_VIEW,
    RetentionEntry,
    RetentionPolicy,
    retention_destroy_now,
    retention_destroyed_before,
    retention_ended,
    retention_ended_list,
    retention_ending_list,
    retention_held,
    retention_policies,
    retention_policies_for,
)
from weerbaar.core.workflow.forms import apply_service_error

PER_PAGE = 25


@dataclass(frozen=True)
class Listing:
    """One paginated table of the overview, with its own page parameter (two tables per policy)."""

    key: str
    page: Page[Any]
    entries: list[RetentionEntry]
    previous_url: str
    next_url: str


@dataclass(frozen=True)
class Section:
    policy: RetentionPolicy
    ended: Listing
    ending: Listing


def _page_url(request: HttpRequest, key: str, number: int) -> str:
    query = request.GET.copy()
    query[key] = str(number)
    return f"?{query.urlencode()}#{key}"


def _listing(request: HttpRequest, policy: RetentionPolicy, objects: QuerySet[Any], key: str) -> Listing:
    page = Paginator(objects, PER_PAGE).get_page(request.GET.get(key))
    describe = policy.describe
    entries = describe(actor_of(request), list(page.object_list)) if describe is not None else []
    return Listing(
        key=key,
        page=page,
        entries=entries,
        previous_url=_page_url(request, key, page.previous_page_number()) if page.has_previous() else "",
        next_url=_page_url(request, key, page.next_page_number()) if page.has_next() else "",
    )


@require_GET
@access(permission(RETENTION_VIEW))
def retention_overview_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    today = timezone.localdate()
    sections = [
        Section(
            policy=policy,
            ended=_listing(
                request,
                policy,
                retention_ended_list(actor=actor, policy=policy, today=today),
                f"{policy.name}-verlopen",
            ),
            ending=_listing(
                request,
                policy,
                retention_ending_list(actor=actor, policy=policy, today=today),
                f"{policy.name}-binnenkort",
            ),
        )
        for policy in retention_policies_for(actor)
    ]
    return render(
        request, "core/retention.html", {"policies": retention_policies(), "sections": sections, "today": today}
    )


class DestroyForm(WeerbaarForm):
    """Why an expired object goes now rather than at the next daily run; it goes into the audit trail."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        min_length=REASON_MIN_LENGTH,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Recorded in the audit trail. Say why it cannot wait for the daily run, e.g. “the hold was lifted "
            "after the ruling of 3 March; no further proceedings”."
        ),
    )


def _after_destruction(request: HttpRequest, fallback: str) -> HttpResponse:
    return redirect("core:retention" if can(actor_of(request), RETENTION_VIEW) else fallback)


def retention_gone_view(request: HttpRequest, *, fallback: str) -> HttpResponse:
    """A second submit of a destruction that already happened: say so, and go where the first one went."""
    messages.info(request, _("It has already been destroyed; the deletion record remains."))
    return _after_destruction(request, fallback)


def retention_destroy_page(
    request: HttpRequest,
    *,
    policy: RetentionPolicy,
    obj: Model,
    entry: RetentionEntry,
    back_url: str,
    fallback: str,
) -> HttpResponse:
    """The confirmation page of destroying ``obj`` now (GET), and the destruction itself (POST).

    The page states the consequences (what goes with it, that it cannot be undone, which record remains) and
    asks a reason. An object whose retention runs, or that a legal hold keeps, is refused with the reason why
    and nothing changes; the caller has already checked that the actor may see and handle the object.
    """
    actor = actor_of(request)
    today = timezone.localdate()
    refusal = ""
    if entry.ends_on is None:
        refusal = _("Its retention has not started yet: it starts with the decision or the closure.")
    elif not retention_ended(policy, obj, today=today):
        refusal = _("Its retention has not ended yet (it ends on %(date)s): until then it cannot be destroyed.") % {
            "date": entry.ends_on.isoformat()
        }
    elif retention_held(policy, obj):
        refusal = _("A legal hold keeps it: lift the hold first, with a reason, if it may go.")
    form = DestroyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if refusal:
            status = 409
        elif form.is_valid():
            try:
                destroyed = retention_destroy_now(
                    actor=actor, policy=policy, obj=obj, reason=form.cleaned_data["reason"], today=today
                )
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                if not destroyed:
                    return retention_gone_view(request, fallback=fallback)
                messages.success(
                    request,
                    _("%(reference)s has been destroyed; the deletion record remains.")
                    % {"reference": entry.reference},
                )
                return _after_destruction(request, fallback)
    contents = policy.contents(obj) if policy.contents is not None else []
    context = {
        "policy": policy,
        "entry": entry,
        "contents": contents,
        "refusal": refusal,
        "form": form,
        "back_url": back_url,
        "ended": entry.ends_on is not None and entry.ends_on <= today,
    }
    return render(request, "core/retention_destroy.html", context, status=status)


def retention_destroy_view[M: Model](
    *,
    code: str,
    lookup: Callable[[Actor, str], M | None],
    policy: RetentionPolicy,
    entry: Callable[[M], RetentionEntry],
    detail: str,
    fallback: str,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """An app's "destroy now" page: the confirmation (GET) and the destruction (POST) of one object.

    ``lookup`` gives the object when the actor may see it and destroy it (``code`` opens the door first),
    otherwise None: the page is then 404, except for a second submit of a destruction the actor's own
    organisation already carried out, which says so. ``entry`` is the object's readable retention entry,
    ``detail`` the URL name of its page (the way back) and ``fallback`` where to go after destroying it when
    the actor has no retention overview.
    """

    @require_http_methods(["GET", "POST"])
    @access(permission(code))
    def view(request: HttpRequest, uuid: str) -> HttpResponse:
        actor = actor_of(request)
        obj = lookup(actor, uuid)
        if obj is None:
            if request.method == "POST" and retention_destroyed_before(actor, UUID(str(uuid))):
                return retention_gone_view(request, fallback=fallback)
            raise Http404
        return retention_destroy_page(
            request,
            policy=policy,
            obj=obj,
            entry=entry(obj),
            back_url=reverse(detail, args=[cast(Any, obj).uuid]),
            fallback=fallback,
        )

    return view
