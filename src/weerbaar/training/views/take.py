# SPDX-License-Identifier: EUPL-1.2
"""The staff member's pages: one's trainings, taking a module page by page, one's result with feedback per
answer, and the certificate. Every object comes through the selectors (``scopes.py``); anything else is 404.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.documents import document_render
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.training import selectors, services
from weerbaar.training.constants import ScoreBand, score_band
from weerbaar.training.forms import AnswersForm


@access(permission(Perm.TRAINING_TAKE))
@require_GET
def mine_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "training/mine.html",
        {
            "assignments": selectors.assignment_own_list(actor=actor),
            "modules": selectors.module_takeable_list(actor=actor),
            "attempts": selectors.attempt_list(actor=actor)[:20],
        },
    )


@access(permission(Perm.TRAINING_TAKE))
@require_http_methods(["GET", "POST"])
def module_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The module's pages one at a time (``?pagina=N``), then its dilemma cards and the scenario questions."""
    actor = actor_of(request)
    found = selectors.module_take_get(actor=actor, uuid=uuid)
    if found is None:
        raise Http404
    module = selectors.module_content(found)
    pages = list(module.pages.all())
    scenarios = list(module.scenarios.all())
    form = AnswersForm(request.POST if request.method == "POST" else None, scenarios=scenarios)
    if request.method == "POST":
        if form.is_valid():
            try:
                attempt = services.attempt_submit(actor=actor, module=module, answers=form.answers())
            except PermissionDenied as error:
                raise Http404 from error
            except ValidationError:
                form.add_error(None, _("Check your answers and send them again."))
            else:
                return redirect("training:attempt", uuid=attempt.uuid)
        step = len(pages) + 1
    else:
        try:
            step = max(1, min(int(request.GET.get("pagina", "1")), len(pages) + 1))
        except ValueError:
            step = 1
    page = pages[step - 1] if step <= len(pages) else None
    return render(
        request,
        "training/module.html",
        {
            "module": module,
            "page": page,
            "step": step,
            "steps": len(pages) + 1,
            "previous": step - 1 if step > 1 else None,
            "next": step + 1 if step <= len(pages) else None,
            "dilemmas": module.dilemmas.all(),
            "form": form,
        },
    )


@access(permission(Perm.TRAINING_TAKE))
@require_GET
def page_image_view(request: HttpRequest, uuid: str, position: int) -> HttpResponse:
    actor = actor_of(request)
    module = selectors.module_take_get(actor=actor, uuid=uuid) or selectors.module_managed_get(actor=actor, uuid=uuid)
    page = module.pages.filter(position=position).exclude(image=None).first() if module is not None else None
    if page is None or page.image is None:
        raise Http404
    response = HttpResponse(bytes(page.image), content_type=page.image_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@access(permission(Perm.TRAINING_TAKE))
@require_GET
def attempt_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    attempt = selectors.attempt_get(actor=actor, uuid=uuid)
    if attempt is None:
        raise Http404
    module = selectors.module_content(attempt.module)
    feedback = []
    for scenario in module.scenarios.all():
        chosen_pk = attempt.answers.get(str(scenario.pk))
        chosen = next((o for o in scenario.options.all() if o.pk == chosen_pk), None)
        feedback.append({"scenario": scenario, "chosen": chosen})
    band = score_band(attempt.score, module.pass_mark)
    return render(
        request,
        "training/attempt.html",
        {"attempt": attempt, "module": module, "feedback": feedback, "band": ScoreBand(band).label if band else None},
    )


@access(permission(Perm.TRAINING_TAKE))
@require_GET
def certificate_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The certificate of a passed attempt: name, module, date and score band (never the exact score)."""
    actor = actor_of(request)
    attempt = selectors.attempt_get(actor=actor, uuid=uuid)
    if attempt is None or not attempt.passed or actor.user is None:
        raise Http404
    band = score_band(attempt.score, attempt.module.pass_mark)
    pdf = document_render(
        template="training/documents/certificate.html",
        context={
            "name": actor.user.get_full_name() or actor.user.username,
            "module": attempt.module,
            "organisation": attempt.organisation,
            "completed_on": timezone.localdate(attempt.completed_at),
            "band": ScoreBand(band).label if band else "",
        },
        title=_("Certificate %(title)s") % {"title": attempt.module.title},
        classification=_("Internal"),
    )
    audit_event_record(actor=actor, action=AuditAction.EXPORT, obj=attempt, details={"document": "certificate"})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="certificaat.pdf"'
    return response
