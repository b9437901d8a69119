# SPDX-License-Identifier: EUPL-1.2
"""A subject's page and the actions on its correlations: judge a pair, ask for access from a hit, answer.

The actions are posted from the subject panels on signal and case pages; on success they land on the
subject's page (which shows the outcome), on an error that page is shown with the form and its message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error as _errors_onto
from weerbaar.correlation import services
from weerbaar.correlation.contexts import describe, visible_q
from weerbaar.correlation.forms import HitAccessForm, InquiryAnswerForm, JudgementForm
from weerbaar.correlation.models import Judgement, Subject
from weerbaar.correlation.panel import panel_build
from weerbaar.correlation.selectors import inquiry_get, subject_get


def _subject_or_404(request: HttpRequest, uuid: str) -> Subject:
    subject = subject_get(actor=actor_of(request), uuid=uuid)
    if subject is None:
        raise Http404
    return subject


def render_subject(request: HttpRequest, subject: Subject, *, status: int = 200, bound: Any = None) -> HttpResponse:
    actor = actor_of(request)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=subject)
    panel = panel_build(actor=actor, subjects=[subject], where="subject")
    context_ref = describe([subject], full_for={subject.pk}).get(subject.pk)
    visible_ids = Subject.objects.filter(visible_q(actor)).values("pk")
    judgements = (
        Judgement.objects.filter(Q(subject_a=subject) | Q(subject_b=subject))
        .filter(subject_a__in=visible_ids, subject_b__in=visible_ids)
        .select_related("author", "organisation", "subject_a", "subject_b")
        .order_by("-at")
    )
    return render(
        request,
        "correlation/subject.html",
        {
            "subject": subject,
            "context_ref": context_ref,
            "panel": panel,
            "judgements": judgements,
            "bound": bound,
        },
        status=status,
    )


@require_GET
@access(permission(Perm.CORRELATION_VIEW))
def subject_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return render_subject(request, _subject_or_404(request, uuid))


@require_POST
@access(permission(Perm.CORRELATION_JUDGE))
def judge_view(request: HttpRequest, uuid: str) -> HttpResponse:
    subject = _subject_or_404(request, uuid)
    actor = actor_of(request)
    form = JudgementForm(request.POST, auto_id="judge_%s")
    if form.is_valid():
        other = subject_get(actor=actor, uuid=form.cleaned_data["other"])
        if other is None:
            form.add_error(None, _("That subject does not exist, or you may not see it."))
        else:
            try:
                services.judgement_record(
                    actor=actor,
                    subject_a=subject,
                    subject_b=other,
                    verdict=form.cleaned_data["verdict"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                _errors_onto(form, exc)
            except PermissionDenied:
                form.add_error(None, _("You may not judge this pair."))
            else:
                messages.success(request, _("Your judgement has been recorded; it overrules the model."))
                return redirect("correlation:subject", uuid=subject.uuid)
    return render_subject(request, subject, status=400, bound=form)


@require_POST
@access(permission(Perm.CORRELATION_VIEW))
def request_access_view(request: HttpRequest, uuid: str) -> HttpResponse:
    subject = _subject_or_404(request, uuid)
    actor = actor_of(request)
    form = HitAccessForm(request.POST, auto_id="access_%s")
    if form.is_valid():
        try:
            services.hit_access_request(
                actor=actor, via=subject, token=form.cleaned_data["token"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _errors_onto(form, exc)
        except PermissionDenied:
            form.add_error(None, _("There is no hit to ask access for here."))
        else:
            messages.success(
                request,
                _("Your request has been sent. The organisation responsible decides; you will be told of its answer."),
            )
            return redirect("correlation:subject", uuid=subject.uuid)
    return render_subject(request, subject, status=400, bound=form)


@require_POST
@access(permission(Perm.CORRELATION_VIEW))
def inquiry_answer_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    inquiry = inquiry_get(actor=actor, uuid=uuid)
    if inquiry is None:
        raise Http404
    form = InquiryAnswerForm(request.POST, auto_id="answer_%s")
    if form.is_valid():
        try:
            services.inquiry_answer(
                actor=actor, inquiry=inquiry, grant=form.cleaned_data["grant"], answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            _errors_onto(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Your answer has been sent."))
            return redirect("correlation:subject", uuid=inquiry.subject.uuid)
    return render_subject(request, inquiry.subject, status=400, bound=form)
