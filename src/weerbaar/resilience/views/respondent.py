# SPDX-License-Identifier: EUPL-1.2
"""The respondent's pages: "my scan work" (assignments and owned actions), answering one assignment, and an
improvement action with its status change (the coordinator and the action's owner).

An assignment is the respondent's alone: nobody else — the coordinator included — opens it (404)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.views import ActionPage, versioned_action
from weerbaar.resilience import selectors, services
from weerbaar.resilience.constants import ACTION_TRANSITIONS, AssignmentStatus, ScanStatus
from weerbaar.resilience.forms import ActionStatusForm, AnswerForm, evidence_field, level_field
from weerbaar.resilience.models import ImprovementAction
from weerbaar.resilience.views._shared import action_or_404, assignment_or_404

ANSWER = permission(Perm.RESILIENCE_ANSWER)
STALE = gettext_lazy("Someone else changed this action in the meantime. Check its status and try again.")


@access(ANSWER)
@require_GET
def mine_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if actor.user is None:
        raise Http404
    return render(
        request,
        "resilience/mine.html",
        {
            "assignments": selectors.assignment_list(actor=actor).order_by("-scan__opened_at", "topic__position"),
            "actions": selectors.action_list(actor=actor).filter(owner=actor.user),
        },
    )


@access(ANSWER)
@require_http_methods(["GET", "POST"])
def answer_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    assignment = assignment_or_404(request, uuid)
    questions = list(assignment.topic.questions.all())
    initial: dict[str, Any] = {}
    for answer in assignment.answers.all():
        initial[level_field(str(answer.question_id))] = answer.level
        initial[evidence_field(str(answer.question_id))] = answer.evidence
    editable = assignment.status == AssignmentStatus.DRAFT and assignment.scan.status == ScanStatus.OPEN
    form = AnswerForm(request.POST or None, questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers = {
            q.pk: services.AnswerInput(data.get(level_field(str(q.pk))), data.get(evidence_field(str(q.pk)), "") or "")
            for q in questions
        }
        submit = "indienen" in request.POST
        try:
            services.answers_save(actor=actor, assignment=assignment, answers=answers, submit=submit)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, _("Your answers have been submitted.") if submit else _("Your draft has been saved.")
            )
            return redirect("resilience:answer", uuid=assignment.uuid)
    return render(
        request,
        "resilience/answer.html",
        {"assignment": assignment, "form": form, "editable": editable},
    )


def _render_action(
    request: HttpRequest, action: ImprovementAction, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    form = (bound or {}).get("form") or _status_form(action, None)
    return render(
        request,
        "resilience/action.html",
        {
            "action": action,
            "form": form,
            "may_move": services.may_move(actor_of(request), action) and bool(ACTION_TRANSITIONS.next(action.status)),
            "history": action.status_changes.select_related("actor"),
        },
        status=status,
    )


def _status_form(action: ImprovementAction, data: QueryDict | None) -> ActionStatusForm:
    return ActionStatusForm(data, initial={"version": action.version}, current=action.status)


PAGE = ActionPage(render=_render_action, url_name="resilience:action", stale=STALE)


@access(ANSWER)
@require_GET
def action_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _render_action(request, action_or_404(request, uuid))


@access(ANSWER)
@require_http_methods(["GET", "POST"])
def action_status_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    action = action_or_404(request, uuid)
    if not services.may_move(actor, action):
        raise Http404
    if request.method == "GET":
        return _render_action(request, action)
    return versioned_action(
        request,
        action,
        page=PAGE,
        key="form",
        make_form=lambda data: _status_form(action, data),
        apply=lambda data: services.action_status_change(
            actor=actor,
            action=action,
            to_status=data["to_status"],
            reason=data.get("reason", ""),
            expected_version=data["version"],
        ),
        done=_("The status has been changed."),
    )
