# SPDX-License-Identifier: EUPL-1.2
"""One signal: a summary with what needs doing next, its parts as sections, and the intake and weighing actions.

Each action has its own short page (GET shows its form) and POST endpoint, run by the workflow kit's
versioned action (form, version check, service, redirect): a save against a newer version is refused (409)
and the action's page is shown again with the current state, so nothing anyone else did is overwritten. A
refused move shows the service's reason.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.selectors import audit_last_change
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, access, actor_of, can, permission
from weerbaar.core.retention import retention_due
from weerbaar.core.workflow.views import ActionPage, versioned_action
from weerbaar.correlation.forms import subject_values
from weerbaar.correlation.panel import Panel, panel_build
from weerbaar.correlation.selectors import subjects_of_signal
from weerbaar.signals.attachments import attachment_read
from weerbaar.signals.constants import Indicator, Phenomenon, Status
from weerbaar.signals.forms_intake import (
    DrugWasteForm,
    LegalHoldForm,
    MessageForm,
    PrivacyCheckForm,
    SignalSubjectForm,
    TransitionForm,
    VersionedForm,
    WeighForm,
    intake_choices,
    weighing_choices,
)
from weerbaar.signals.models import DrugWasteDetails, Signal
from weerbaar.signals.next_steps import signal_next_steps
from weerbaar.signals.retention import POLICY as RETENTION_POLICY
from weerbaar.signals.retention import signal_retention_entry
from weerbaar.signals.selectors import signal_get
from weerbaar.signals.services import (
    DRUG_WASTE_FIELDS,
    drug_waste_details_set,
    legal_hold_set,
    message_to_reporter,
    privacy_check_record,
    signal_subject_add,
    signal_transition,
)

#: Dutch: "Iemand anders heeft deze melding intussen gewijzigd. Uw wijziging is niet opgeslagen; ..."
STALE_MESSAGE = gettext_lazy(
    "Someone else has changed this signal in the meantime. Your change has not been saved; "
    "check the current details below and try again."
)


def signal_or_404(request: HttpRequest, uuid: str) -> Signal:
    """The signal if it is in the actor's scope; otherwise 404 (never 403: its existence stays hidden)."""
    signal = signal_get(actor=actor_of(request), uuid=uuid)
    if signal is None:
        raise Http404
    return signal


def _forms(actor: Actor, signal: Signal) -> dict[str, VersionedForm | None]:
    initial = {"version": signal.version}
    intake = can(actor, Perm.SIGNALS_INTAKE, signal)
    weigh = can(actor, Perm.SIGNALS_WEIGH, signal)
    return {
        "transition_form": TransitionForm(initial=initial, signal=signal)
        if intake and intake_choices(signal)
        else None,
        "privacy_form": PrivacyCheckForm(initial=initial) if intake and signal.status != Status.AFGEROND else None,
        "message_form": MessageForm(initial=initial)
        if intake and (signal.reporter_id is not None or hasattr(signal, "receipt"))
        else None,
        "hold_form": LegalHoldForm(initial={**initial, "hold": "uit" if signal.legal_hold else "aan"})
        if intake
        else None,
        "weigh_form": WeighForm(initial=initial, signal=signal) if weigh and weighing_choices(signal) else None,
        "drug_waste_form": _drug_waste_form(signal, initial) if intake else None,
        "subject_form": SignalSubjectForm(initial=initial) if intake and signal.status != Status.AFGEROND else None,
    }


def _panel(actor: Actor, signal: Signal, form: VersionedForm | None) -> Panel:
    """Subjects and their correlations, with the add form and suggestions from the text for the intake team."""
    subjects = list(subjects_of_signal(actor=actor, signal=signal))
    text = "\n".join([signal.description, *signal.messages.values_list("body", flat=True)])
    return panel_build(
        actor=actor,
        subjects=subjects,
        where="melding",
        add_form=form,
        add_url=reverse("signals:subject_add", kwargs={"uuid": signal.uuid}),
        version=signal.version,
        text=text,
        network_url=reverse("correlation:network", kwargs={"kind": "melding", "uuid": signal.uuid}),
    )


def _drug_waste_form(signal: Signal, initial: dict[str, Any]) -> DrugWasteForm | None:
    if signal.phenomenon != Phenomenon.DRUGSAFVALDUMPING:
        return None
    details = DrugWasteDetails.objects.filter(signal=signal).first()
    values = {name: getattr(details, name) for name in DRUG_WASTE_FIELDS} if details else {}
    return DrugWasteForm(initial={**initial, **{k: v for k, v in values.items() if v not in (None, "")}})


def render_detail(
    request: HttpRequest,
    signal: Signal,
    *,
    bound: dict[str, VersionedForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The detail page. Every rendering shows personal data, so every rendering is audited as READ."""
    actor = actor_of(request)
    signal = Signal.objects.select_related("municipality", "organisation", "reporter", "reporter_organisation").get(
        pk=signal.pk
    )
    audit_event_record(actor=actor, action=AuditAction.READ, obj=signal)
    forms: dict[str, Any] = _forms(actor, signal)
    for name, form in (bound or {}).items():
        forms[name] = form
    context: dict[str, Any] = {
        "signal": signal,
        "indicators": [str(Indicator(code).label) for code in signal.indicators if code in Indicator.values],
        "panel": _panel(actor, signal, forms.get("subject_form")),
        "attachments": list(signal.attachments.all()),
        "drug_waste": DrugWasteDetails.objects.filter(signal=signal).first(),
        "history": list(signal.status_changes.select_related("actor")),
        "checks": list(signal.privacy_checks.select_related("author")),
        "dialogue": list(signal.messages.all()),
        "anonymous": hasattr(signal, "receipt"),
        "can_export": can(actor, Perm.SIGNALS_EXPORT, signal) and signal.phenomenon == Phenomenon.DRUGSAFVALDUMPING,
        "can_start_case": can(actor, Perm.CASES_MANAGE),
        "next_steps": signal_next_steps(actor=actor, signal=signal),
        "actions": [(key, ACTIONS[key]) for key in ACTIONS if forms.get(key) is not None],
        **_retention(actor, signal),
        **forms,
    }
    return render(request, "signals/intake/detail.html", context, status=status)


def _retention(actor: Actor, signal: Signal) -> dict[str, Any]:
    """Who set the legal hold and when, and whether the intake team may destroy the signal now."""
    if not can(actor, Perm.SIGNALS_INTAKE, signal):
        return {"retention_hold": None, "retention_due": False}
    changes = audit_last_change(object_uuids=[signal.uuid], detail="legal_hold") if signal.legal_hold else {}
    entry = signal_retention_entry(signal, readable=True, hold_change=changes)
    return {"retention_hold": entry.hold, "retention_due": retention_due(RETENTION_POLICY, signal)}


@dataclass(frozen=True)
class Action:
    """One action's own page: its title, the address it posts to, the submit label and an optional intro."""

    title: StrOrPromise
    url_name: str
    submit: StrOrPromise
    intro: StrOrPromise = ""


#: The actions with their own page, in the order the signal page offers them (keyed by their form's name).
ACTIONS: dict[str, Action] = {
    "transition_form": Action(gettext_lazy("Intake: next step"), "signals:transition", gettext_lazy("Change status")),
    "weigh_form": Action(gettext_lazy("Weighing decision"), "signals:weigh", gettext_lazy("Record decision")),
    "message_form": Action(
        gettext_lazy("Ask the reporter a question"), "signals:message", gettext_lazy("Send question")
    ),
    "privacy_form": Action(
        gettext_lazy("Record a privacy check"), "signals:privacy_check", gettext_lazy("Record privacy check")
    ),
    "drug_waste_form": Action(
        gettext_lazy("Drug-waste follow-up"),
        "signals:drug_waste",
        gettext_lazy("Save drug-waste details"),
        gettext_lazy(
            "Needed for the provincial compensation claim: the police report number, the clean-up contractor "
            "and the costs."
        ),
    ),
    "hold_form": Action(gettext_lazy("Legal hold"), "signals:legal_hold", gettext_lazy("Save legal hold")),
}


def render_action(
    request: HttpRequest,
    signal: Signal,
    *,
    key: str,
    bound: dict[str, VersionedForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """One action's own page: the signal's key facts and this one form (bound after a failed POST)."""
    actor = actor_of(request)
    signal = Signal.objects.select_related("municipality").get(pk=signal.pk)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=signal, details={"view": key})
    form = (bound or {}).get(key) or _forms(actor, signal)[key]
    context = {"signal": signal, "action": ACTIONS[key], "form": form}
    return render(request, "signals/intake/action.html", context, status=status)


@require_GET
@access(permission(Perm.SIGNALS_VIEW))
def signal_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return render_detail(request, signal_or_404(request, uuid))


@require_GET
@access(permission(Perm.SIGNALS_VIEW))
def signal_attachment_view(request: HttpRequest, uuid: str, attachment_uuid: str) -> FileResponse:
    signal = signal_or_404(request, uuid)
    attachment = signal.attachments.filter(uuid=attachment_uuid).first()
    if attachment is None:
        raise Http404
    try:
        content = attachment_read(attachment)
    except OSError as exc:  # the file is gone (destroyed, or storage trouble): a plain 404, not a 500
        raise Http404 from exc
    audit_event_record(
        actor=actor_of(request), action=AuditAction.READ, obj=attachment, details={"signal": str(signal.uuid)}
    )
    extension = {"image/png": "png", "image/jpeg": "jpg", "application/pdf": "pdf"}.get(attachment.content_type, "bin")
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"{signal.number}-{str(attachment.uuid)[:8]}.{extension}",
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


#: The detail page the actions below return to (a form's ``legal_hold_reason`` error is its ``reason``).
PAGE = ActionPage(
    render=render_detail, url_name="signals:detail", stale=STALE_MESSAGE, aliases={"legal_hold_reason": "reason"}
)


def _action_page(key: str) -> ActionPage:
    """The kit's page for one action: a failed POST shows the action's own page again, not the whole signal."""

    def render_page(
        request: HttpRequest, signal: Signal, *, bound: dict[str, VersionedForm] | None = None, status: int = 200
    ) -> HttpResponse:
        if key in ACTIONS:
            return render_action(request, signal, key=key, bound=bound, status=status)
        return render_detail(request, signal, bound=bound, status=status)

    return ActionPage(render=render_page, url_name=PAGE.url_name, stale=PAGE.stale, aliases=PAGE.aliases)


Apply = Callable[[Actor, Signal, dict[str, Any]], object]


def _act(
    request: HttpRequest,
    uuid: str,
    *,
    code: str,
    form_name: str,
    make_form: Callable[[QueryDict, Signal], VersionedForm],
    apply: Apply,
    done: str,
) -> HttpResponse:
    """Scope and object permission (404 otherwise), then the action's page (GET) or the kit's versioned
    action (POST)."""
    signal = signal_or_404(request, uuid)
    actor = actor_of(request)
    if not can(actor, code, signal):
        raise Http404
    if request.method == "GET":
        if form_name not in ACTIONS:
            raise Http404
        return render_action(request, signal, key=form_name)
    return versioned_action(
        request,
        signal,
        page=_action_page(form_name),
        key=form_name,
        make_form=lambda data: make_form(data, signal),
        apply=lambda data: apply(actor, signal, data),
        done=done,
    )


def _move(
    request: HttpRequest,
    uuid: str,
    *,
    code: str,
    form_name: str,
    form_class: type[TransitionForm | WeighForm],
    to_field: str,
    reason_field: str,
    done: str,
) -> HttpResponse:
    """A change of status with its reasoning: by the intake team, or by the weighing team as its outcome."""

    def apply(actor: Actor, signal: Signal, data: dict[str, Any]) -> None:
        signal_transition(
            actor=actor,
            signal=signal,
            to_status=data[to_field],
            reason=data[reason_field],
            expected_version=data["version"],
        )

    return _act(
        request,
        uuid,
        code=code,
        form_name=form_name,
        make_form=lambda data, s: form_class(data, signal=s),
        apply=apply,
        done=done,
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.SIGNALS_INTAKE))
def signal_transition_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _move(
        request,
        uuid,
        code=Perm.SIGNALS_INTAKE,
        form_name="transition_form",
        form_class=TransitionForm,
        to_field="to_status",
        reason_field="reason",
        done=_("The status has been changed."),
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.SIGNALS_WEIGH))
def signal_weigh_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _move(
        request,
        uuid,
        code=Perm.SIGNALS_WEIGH,
        form_name="weigh_form",
        form_class=WeighForm,
        to_field="outcome",
        reason_field="reasoning",
        done=_("The weighing decision has been recorded."),
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.SIGNALS_INTAKE))
def signal_privacy_check_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, signal: Signal, data: dict[str, Any]) -> None:
        fields = {k: v for k, v in data.items() if k != "version"}
        privacy_check_record(actor=actor, signal=signal, **fields)

    return _act(
        request,
        uuid,
        code=Perm.SIGNALS_INTAKE,
        form_name="privacy_form",
        make_form=lambda data, s: PrivacyCheckForm(data),
        apply=apply,
        done=_("The privacy check has been recorded."),
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.SIGNALS_INTAKE))
def signal_message_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, signal: Signal, data: dict[str, Any]) -> None:
        message_to_reporter(actor=actor, signal=signal, body=data["body"])

    return _act(
        request,
        uuid,
        code=Perm.SIGNALS_INTAKE,
        form_name="message_form",
        make_form=lambda data, s: MessageForm(data),
        apply=apply,
        done=_("Your question has been sent to the reporter."),
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.SIGNALS_INTAKE))
def signal_legal_hold_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, signal: Signal, data: dict[str, Any]) -> None:
        legal_hold_set(actor=actor, signal=signal, hold=data["hold"], reason=data["reason"])

    return _act(
        request,
        uuid,
        code=Perm.SIGNALS_INTAKE,
        form_name="hold_form",
        make_form=lambda data, s: LegalHoldForm(data),
        apply=apply,
        done=_("The legal hold has been changed."),
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.SIGNALS_INTAKE))
def signal_drug_waste_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, signal: Signal, data: dict[str, Any]) -> None:
        if signal.phenomenon != Phenomenon.DRUGSAFVALDUMPING:
            raise ValidationError(_("Only a drug-waste dumping has these details."))
        fields = {name: data[name] for name in DRUG_WASTE_FIELDS}
        fields["landowner_type"] = fields["landowner_type"] or ""
        drug_waste_details_set(actor=actor, signal=signal, data=fields, expected_version=data["version"])

    return _act(
        request,
        uuid,
        code=Perm.SIGNALS_INTAKE,
        form_name="drug_waste_form",
        make_form=lambda data, s: DrugWasteForm(data),
        apply=apply,
        done=_("The drug-waste details have been saved."),
    )


@require_POST
@access(permission(Perm.SIGNALS_INTAKE))
def signal_subject_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, signal: Signal, data: dict[str, Any]) -> None:
        signal_subject_add(
            actor=actor,
            signal=signal,
            kind=data["kind"],
            values=subject_values(data),
            source=data.get("source") or "",
            source_detail=data.get("source_detail", ""),
        )

    return _act(
        request,
        uuid,
        code=Perm.SIGNALS_INTAKE,
        form_name="subject_form",
        make_form=lambda data, s: SignalSubjectForm(data),
        apply=apply,
        done=_("The subject has been added and compared with the other signals and cases."),
    )
