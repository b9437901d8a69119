# SPDX-License-Identifier: EUPL-1.2
"""Forms of integrity reports: the staff member's report and the coordinator's action forms. What is
allowed is the services' to say; their refusals land on the form (``apply_service_error``)."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.integrity.constants import ACCOUNT_MAX, NOTE_MAX, TRANSITIONS, Kind, Status, WhenHappened
from weerbaar.integrity.to_signals import PHENOMENON_CHOICES
from weerbaar.integrity.to_threats import (
    CHANNEL_CHOICES,
    DEFAULT_OFFICE,
    DEFAULT_TARGET,
    FORM_CHOICES,
    OFFICE_CHOICES,
    TARGET_CHOICES,
)

_RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}
_CHECKBOXES = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class ReportForm(WeerbaarForm):
    kind = forms.ChoiceField(label=_("What is it about?"), choices=Kind.choices, widget=forms.RadioSelect(attrs=_RADIO))
    when = forms.ChoiceField(label=_("When did it happen?"), choices=WhenHappened.choices)
    account = forms.CharField(
        label=_("What happened?"),
        max_length=ACCOUNT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Who approached you, what was asked or offered, and what you answered."),
    )
    contact = forms.CharField(
        label=_("How and when may the integrity coordinator reach you?"),
        max_length=200,
        required=False,
        help_text=_("For example: by phone after 4 pm, not at my desk."),
    )


class StatusForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "status"
    to_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect(attrs=_RADIO))
    reason = forms.CharField(label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, current: str = Status.ONTVANGEN, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = TRANSITIONS.next(current)
        cast("forms.ChoiceField", self.fields["to_status"]).choices = [
            (v, label) for v, label in Status.choices if v in targets
        ]


class NoteForm(WeerbaarForm):
    text = forms.CharField(label=_("Note"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 5}))


class IncidentForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "incident"
    incident_forms = forms.MultipleChoiceField(
        label=_("Form of the incident"), choices=FORM_CHOICES, widget=forms.CheckboxSelectMultiple(attrs=_CHECKBOXES)
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=CHANNEL_CHOICES)
    target = forms.ChoiceField(label=_("Aimed at"), choices=TARGET_CHOICES, initial=DEFAULT_TARGET)
    office = forms.ChoiceField(label=_("Office or role of the person affected"), choices=OFFICE_CHOICES)
    occurred_at = forms.DateTimeField(
        label=_("When did it happen?"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "utrecht-textbox utrecht-textbox--html-input"},
            format="%Y-%m-%dT%H:%M",
        ),
    )
    severity = forms.TypedChoiceField(
        label=_("Severity as experienced"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect(attrs=_RADIO),
    )
    description = forms.CharField(
        label=_("Text of the incident"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("This is what the security coordinator reads. Write only what the staff member agreed to pass on."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("office", DEFAULT_OFFICE)
        super().__init__(*args, **kwargs)

    def clean_occurred_at(self) -> Any:
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now():
            raise forms.ValidationError(_("The moment cannot be in the future."))
        return value


class SignalForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "signal"
    phenomenon = forms.ChoiceField(label=_("What is it about?"), choices=PHENOMENON_CHOICES)
    description = forms.CharField(
        label=_("Text of the signal"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "This is what the intake team reads, without a reporter. Remove anything that could reveal the "
            "staff member."
        ),
    )
