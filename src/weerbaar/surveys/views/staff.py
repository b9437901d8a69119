# SPDX-License-Identifier: EUPL-1.2
"""An organisation's staff surveys (area D), under /personeelsenquetes/: the list, making one from the
standard staff questionnaire, its page (status, links), opening and closing, links, and the results.

Running a survey is ``surveys.staff_manage`` (the integrity coordinator); the list and the results are
``surveys.staff_view`` (the integrity coordinator and the council member) — of the organisation the actor
acts for only: a survey of another organisation is 404. The results are suppressed aggregates with a
threshold of 10 (``Survey.threshold``).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.disclosure import suppress
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.surveys import selectors, services
from weerbaar.surveys.constants import STAFF_THRESHOLD
from weerbaar.surveys.forms import StaffSurveyCreateForm
from weerbaar.surveys.models import Survey
from weerbaar.surveys.views.manage import links, render_detail, transition

type View = Callable[..., HttpResponse]


def staff_survey_page(code: str) -> Callable[[View], View]:
    """A page of one staff survey (URL argument ``uuid``) of the actor's organisation, or 404."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, uuid: str, **kwargs: Any) -> HttpResponse:
            actor = actor_of(request)
            survey = selectors.staff_survey_get(actor=actor, uuid=uuid)
            if survey is None or not can(actor, code, survey):
                raise Http404
            return view(request, survey, **kwargs)

        return access(permission(code))(wrapped)

    return decorator


@access(permission(Perm.SURVEYS_STAFF_VIEW))
@require_GET
def staff_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    rows = [
        {"survey": s, "responses": suppress(s.response_count, STAFF_THRESHOLD)}  # type: ignore[attr-defined]
        for s in selectors.staff_survey_list(actor=actor)
    ]
    return render(request, "surveys/staff_list.html", {"rows": rows, "manager": can(actor, Perm.SURVEYS_STAFF_MANAGE)})


@access(permission(Perm.SURVEYS_STAFF_MANAGE))
@require_http_methods(["GET", "POST"])
def staff_create_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = StaffSurveyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and actor.organisation is not None:
        try:
            survey = services.staff_survey_create(
                actor=actor, organisation=actor.organisation, title=form.cleaned_data["title"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The staff survey has been made. Open it, then hand out the links."))
            return redirect("surveys:staff_detail", uuid=survey.uuid)
    return render(request, "surveys/staff_create.html", {"form": form}, status=400 if form.errors else 200)


@staff_survey_page(Perm.SURVEYS_STAFF_MANAGE)
@require_GET
def staff_detail_view(request: HttpRequest, survey: Survey) -> HttpResponse:
    audit_event_record(actor=actor_of(request), action=AuditAction.READ, obj=survey)
    return render_detail(request, survey)


@staff_survey_page(Perm.SURVEYS_STAFF_MANAGE)
@require_POST
def staff_transition_view(request: HttpRequest, survey: Survey, to_status: str) -> HttpResponse:
    return transition(request, survey, to_status, detail="surveys:staff_detail")


@staff_survey_page(Perm.SURVEYS_STAFF_MANAGE)
@require_http_methods(["GET", "POST"])
def staff_links_view(request: HttpRequest, survey: Survey) -> HttpResponse:
    return links(request, survey)


@staff_survey_page(Perm.SURVEYS_STAFF_VIEW)
@require_GET
def staff_results_view(request: HttpRequest, survey: Survey) -> HttpResponse:
    actor = actor_of(request)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=survey, details={"part": "results"})
    return render(
        request,
        "surveys/results.html",
        {"survey": survey, "partnership": None, "results": selectors.survey_results(survey), "manager": False},
    )
