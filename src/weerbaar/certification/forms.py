# SPDX-License-Identifier: EUPL-1.2
"""Forms of the certification cycle. They parse input; the services decide."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from weerbaar.certification.constants import (
    TEXT_MAX,
    AuditResult,
    CertificateLevel,
    CertificationBody,
    MeasurementKind,
    MeasureStatus,
    Theme,
    TimeOfDay,
)
from weerbaar.certification.models import Measure
from weerbaar.core.forms import PhotosField, WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.partnerships.models import Participant

_CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"})
_FILE_HELP = _("A PDF or a photo; checked and stripped of hidden metadata before it is stored; at most 10 MB.")


class ParticipantField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Participant) -> str:
        return obj.organisation.name


class ParticipantsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Participant) -> str:
        return obj.organisation.name


class MeasuresField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Measure) -> str:
        return obj.title


class _WithParticipants(WeerbaarForm):
    participant_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, participants: QuerySet[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.participant_fields:
            self.fields[name].queryset = participants  # type: ignore[attr-defined]


class PhaseForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "phase"
    to_phase = forms.ChoiceField(label=_("Next phase"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Explanation"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = choices  # type: ignore[attr-defined]


class MeasurementForm(WeerbaarForm):
    kind = forms.ChoiceField(label=_("Kind of measurement"), choices=MeasurementKind.choices)
    taken_on = forms.DateField(label=_("Measured on"))


class FigureForm(_WithParticipants):
    participant_fields = ("participant",)
    participant = ParticipantField(label=_("Supplied by"), queryset=Participant.objects.none())
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    period = forms.CharField(label=_("Period"), max_length=40, help_text=_("For example: 2025, or 2025 K1-K2."))
    count = forms.IntegerField(label=_("Count"), min_value=0, max_value=1_000_000)
    source = forms.CharField(label=_("Source"), max_length=200, help_text=_("For example: police incident records."))


class WalkForm(_WithParticipants):
    participant_fields = ("participants_present",)
    walked_on = forms.DateField(label=_("Date"))
    time_of_day = forms.ChoiceField(label=_("By day or after dark"), choices=TimeOfDay.choices)
    participants_present = ParticipantsField(
        label=_("Participants present"), queryset=Participant.objects.none(), widget=_CHECKBOXES, required=False
    )
    route = forms.CharField(
        label=_("Route"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Roads and areas walked; no addresses."),
    )


class FindingForm(WeerbaarForm):
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    description = forms.CharField(
        label=_("What was found"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("About the place, not about people: no names, licence plates, phone numbers or addresses."),
    )
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9, decimal_places=6)
    photos = PhotosField(
        label=_("Photos"),
        help_text=_(
            "Photos may show people or licence plates: only members who receive personal data see them. "
            "At most five, each at most 10 MB."
        ),
    )


class MeasureForm(_WithParticipants):
    participant_fields = ("owner", "executor")
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    title = forms.CharField(label=_("Measure"), max_length=200)
    description = forms.CharField(
        label=_("Explanation"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = ParticipantField(label=_("Owner"), queryset=Participant.objects.none())
    executor = ParticipantField(label=_("Executor"), queryset=Participant.objects.none())
    deadline = forms.DateField(label=_("Deadline"))


class MeasureEditForm(VersionedFormMixin, MeasureForm):
    id_prefix = "measure"


class ProgressForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "progress"
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What shows the measure was carried out: a report, a decision, a count."),
    )
    evidence_file = forms.FileField(label=_("Evidence as a file"), required=False, help_text=_FILE_HELP)
    reason = forms.CharField(label=_("Explanation of the change"), max_length=TEXT_MAX, required=False)


class MeasureFilterForm(WeerbaarForm):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    owner = forms.ChoiceField(label=_("Owner"), required=False)

    def __init__(self, *args: Any, owners: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Any")), *Theme.choices]  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", _("Any")), *MeasureStatus.choices]  # type: ignore[attr-defined]
        self.fields["owner"].choices = [("", _("Any")), *owners]  # type: ignore[attr-defined]


class AuditForm(WeerbaarForm):
    body = forms.ChoiceField(label=_("Certification body"), choices=CertificationBody.choices)
    applied_on = forms.DateField(label=_("Applied on"))
    site_visit_on = forms.DateField(label=_("Site visit on"), required=False)
    auditor = forms.CharField(label=_("Auditor"), max_length=200, required=False)
    findings = forms.CharField(
        label=_("Findings of the audit"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    result = forms.ChoiceField(
        label=_("Result"), choices=[("", _("Not known yet")), *AuditResult.choices], required=False
    )
    report = forms.FileField(label=_("Audit report"), required=False, help_text=_FILE_HELP)


class CertificateForm(WeerbaarForm):
    level = forms.ChoiceField(label=_("Level"), choices=CertificateLevel.choices)
    issued_on = forms.DateField(label=_("Issued on"))
    scheme_version = forms.CharField(label=_("Scheme version"), max_length=20)


class MeetingForm(WeerbaarForm):
    held_on = forms.DateField(label=_("Date"))
    agenda = forms.CharField(label=_("Agenda"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    decisions = forms.CharField(
        label=_("Decisions"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionPointForm(_WithParticipants):
    participant_fields = ("owner",)
    description = forms.CharField(label=_("Action point"), max_length=500)
    owner = ParticipantField(label=_("Owner"), queryset=Participant.objects.none())
    due_on = forms.DateField(label=_("Due date"))
    measures = MeasuresField(
        label=_("Linked measures"), queryset=Measure.objects.none(), widget=_CHECKBOXES, required=False
    )

    def __init__(self, *args: Any, measures: QuerySet[Measure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = measures  # type: ignore[attr-defined]
