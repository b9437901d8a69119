# SPDX-License-Identifier: EUPL-1.2
"""The survey pages of a partnership: the list, creating one from the standard questionnaire, its page
(questions, status, links), editing questions, opening and closing, generating links, and the results."""

import csv
import io
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.disclosure import suppress
from weerbaar.core.policy import actor_of, can
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.views._shared import partnership_page
from weerbaar.surveys import selectors, services
from weerbaar.surveys.constants import TRANSITIONS, QuestionKind, Status
from weerbaar.surveys.forms import LinksForm, QuestionAddForm, QuestionForm, SurveyCreateForm, TransitionForm
from weerbaar.surveys.models import Question, Survey
from weerbaar.surveys.views._shared import AGGREGATE, OPERATIONAL, survey_page

#: The routes a survey's page links to, for a partnership's survey and for a staff survey.
AREA_NAMES = {"transition": "surveys:transition", "links": "surveys:links", "results": "surveys:results"}
STAFF_NAMES = {
    "transition": "surveys:staff_transition",
    "links": "surveys:staff_links",
    "results": "surveys:staff_results",
}

STALE = gettext_lazy("Someone else changed the survey in the meantime. Check the current questions and try again.")


@partnership_page(AGGREGATE)
def survey_list_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    surveys = selectors.survey_list(actor=actor, partnership=partnership)
    rows = [{"survey": s, "responses": suppress(s.response_count)} for s in surveys]  # type: ignore[attr-defined]
    return render(
        request,
        "surveys/list.html",
        {"partnership": partnership, "rows": rows, "manager": can(actor, Perm.PARTNERSHIPS_MANAGE, partnership)},
    )


@require_http_methods(["GET", "POST"])
@partnership_page(OPERATIONAL, code=Perm.PARTNERSHIPS_MANAGE)
def survey_create_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = SurveyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create_from_standard(
                actor=actor_of(request),
                partnership=partnership,
                title=form.cleaned_data["title"],
                purpose=form.cleaned_data["purpose"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                _("The survey has been made from the standard questionnaire. Check the questions, then open it."),
            )
            return redirect("surveys:detail", uuid=survey.uuid)
    return render(request, "surveys/create.html", {"partnership": partnership, "form": form})


def render_detail(request: HttpRequest, survey: Survey, *, status: int = 200) -> HttpResponse:
    """A survey's own page; a staff survey's questions are the standard ones and are not edited."""
    counts = selectors.link_counts(survey=survey)
    staff = survey.is_staff_survey
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "partnership": survey.partnership,
            "questions": selectors.questions_of(survey),
            "editable": survey.status == Status.CONCEPT and not staff,
            "names": STAFF_NAMES if staff else AREA_NAMES,
            "next_statuses": sorted(TRANSITIONS.next(survey.status)),
            "transition_form": TransitionForm(initial={"version": survey.version}),
            "links_total": counts.total,
            "links_used": suppress(counts.used, survey.threshold),
            "responses": suppress(survey.responses.count(), survey.threshold),
            "history": survey.status_changes.select_related("actor"),
        },
        status=status,
    )


@survey_page(OPERATIONAL, code=Perm.PARTNERSHIPS_MANAGE)
def survey_detail_view(request: HttpRequest, survey: Survey) -> HttpResponse:
    audit_event_record(actor=actor_of(request), action=AuditAction.READ, obj=survey)
    return render_detail(request, survey)


@require_POST
@survey_page(OPERATIONAL, code=Perm.PARTNERSHIPS_MANAGE)
def survey_transition_view(request: HttpRequest, survey: Survey, to_status: str) -> HttpResponse:
    return transition(request, survey, to_status, detail="surveys:detail")


def _one_click(
    request: HttpRequest, survey: Survey, *, run: Callable[[int], object], done: StrOrPromise, detail: str
) -> HttpResponse:
    """A button on the survey's page with the version it was loaded with: ``run(expected_version)``, then back
    to the page ``detail``. A stale version (or a form without one) shows the page with 409, a refusal with
    400 and the service's reasons as messages."""
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, STALE)
        return render_detail(request, survey, status=409)
    try:
        run(form.cleaned_data["version"])
    except StaleVersionError:
        messages.error(request, STALE)
        return render_detail(request, survey, status=409)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return render_detail(request, survey, status=400)
    messages.success(request, done)
    return redirect(detail, uuid=survey.uuid)


def transition(request: HttpRequest, survey: Survey, to_status: str, *, detail: str) -> HttpResponse:
    """Open or close a survey from its page (shared by a partnership's and a staff survey's page)."""
    if to_status not in Status.values:
        raise Http404
    done: dict[str, str] = {
        Status.OPEN: _("The survey is open: its links can be used."),
        Status.GESLOTEN: _("The survey is closed."),
    }
    return _one_click(
        request,
        survey,
        run=lambda version: services.survey_transition(
            actor=actor_of(request), survey=survey, expected_version=version, to_status=to_status
        ),
        done=done.get(to_status, _("Saved.")),
        detail=detail,
    )


def _question(survey: Survey, question_uuid: str) -> Question:
    question = survey.questions.filter(uuid=question_uuid).first()
    if question is None:
        raise Http404
    return question


def _question_page(
    request: HttpRequest,
    survey: Survey,
    *,
    question: Question | None,
    form: QuestionForm | QuestionAddForm,
    save: Callable[[dict[str, Any]], object],
    done: StrOrPromise,
) -> HttpResponse:
    """The page of one question (``question`` None: a new one): a valid POST runs ``save(cleaned_data)`` and
    goes back to the survey; a stale version shows the form again with 409, a refusal with 400."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except StaleVersionError:
            form.add_error(None, STALE)
            status = 409
        except ValidationError as error:
            apply_service_error(form, error)
            status = 400
        else:
            messages.success(request, done)
            return redirect("surveys:detail", uuid=survey.uuid)
    context = {"survey": survey, "partnership": survey.partnership, "question": question, "form": form}
    return render(request, "surveys/question.html", context, status=status)


@require_http_methods(["GET", "POST"])
@survey_page(OPERATIONAL, code=Perm.PARTNERSHIPS_MANAGE)
def question_edit_view(request: HttpRequest, survey: Survey, question_uuid: str) -> HttpResponse:
    question = _question(survey, question_uuid)
    initial = {
        "text": question.text,
        "options": "\n".join(o.label for o in question.options.all()),
        "version": survey.version,
    }
    form = QuestionForm(request.POST or None, initial=initial)
    return _question_page(
        request,
        survey,
        question=question,
        form=form,
        save=lambda data: services.question_update(
            actor=actor_of(request),
            question=question,
            expected_version=data["version"],
            text=data["text"],
            options=form.option_lines(),
        ),
        done=_("The question has been saved."),
    )


@require_http_methods(["GET", "POST"])
@survey_page(OPERATIONAL, code=Perm.PARTNERSHIPS_MANAGE)
def question_add_view(request: HttpRequest, survey: Survey) -> HttpResponse:
    form = QuestionAddForm(request.POST or None, initial={"version": survey.version, "kind": QuestionKind.SINGLE})
    return _question_page(
        request,
        survey,
        question=None,
        form=form,
        save=lambda data: services.question_add(
            actor=actor_of(request),
            survey=survey,
            expected_version=data["version"],
            kind=data["kind"],
            text=data["text"],
            options=form.option_lines(),
        ),
        done=_("The question has been added."),
    )


@require_POST
@survey_page(OPERATIONAL, code=Perm.PARTNERSHIPS_MANAGE)
def question_delete_view(request: HttpRequest, survey: Survey, question_uuid: str) -> HttpResponse:
    question = _question(survey, question_uuid)
    return _one_click(
        request,
        survey,
        run=lambda version: services.question_delete(
            actor=actor_of(request), question=question, expected_version=version
        ),
        done=_("The question has been removed."),
        detail="surveys:detail",
    )


def download(survey: Survey, tokens: list[str], kind: str) -> HttpResponse:
    links = [settings.WEERBAAR_BASE_URL + reverse("surveys:respond", kwargs={"token": t}) for t in tokens]
    if kind == "txt":
        body, content_type = "\n".join(links) + "\n", "text/plain; charset=utf-8"
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["link"])
        writer.writerows([link] for link in links)
        body, content_type = buffer.getvalue(), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="enquete-links-{survey.uuid}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@survey_page(OPERATIONAL, code=Perm.PARTNERSHIPS_MANAGE)
def links_view(request: HttpRequest, survey: Survey) -> HttpResponse:
    return links(request, survey)


def links(request: HttpRequest, survey: Survey) -> HttpResponse:
    """Generate single-use links; the answer to the POST is the download itself, so the links exist once."""
    form = LinksForm(request.POST or None, initial={"format": "csv"})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            tokens = services.links_generate(actor=actor_of(request), survey=survey, count=form.cleaned_data["count"])
        except ValidationError as error:
            apply_service_error(form, error)
            status = 400
        else:
            return download(survey, tokens, form.cleaned_data["format"])
    counts = selectors.link_counts(survey=survey)
    context = {
        "survey": survey,
        "partnership": survey.partnership,
        "form": form,
        "closed": survey.status == Status.GESLOTEN,
        "links_total": counts.total,
    }
    return render(request, "surveys/links.html", context, status=status)


@survey_page(AGGREGATE)
def survey_results_view(request: HttpRequest, survey: Survey) -> HttpResponse:
    actor = actor_of(request)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=survey, details={"part": "results"})
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "partnership": survey.partnership,
            "results": selectors.survey_results(survey),
            "manager": can(actor, Perm.PARTNERSHIPS_MANAGE, survey.partnership),
        },
    )
