# SPDX-License-Identifier: EUPL-1.2
"""Forms of the staff pages (/meldingen/): filters, the intake actions, weighing, the schakelteam sitting.

Forms only parse input. The workflow rules (which move is legal, which privacy check is missing) live in
the services; their ValidationError is shown on the form by ``core.workflow.forms.apply_service_error``.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.correlation.forms import SubjectEntryMixin
from weerbaar.signals.constants import (
    INTAKE_TARGETS,
    TRANSITIONS,
    WEIGHING_OUTCOMES,
    DumpingType,
    LandownerType,
    Phenomenon,
    PrivacyCheckKind,
    Status,
)
from weerbaar.signals.models import MeetingItem, Signal

POSTPONE = ""


class SignalFilterForm(WeerbaarForm):
    """The list and map filters: codes and dates only, never personal data (they end up in the URL)."""

    phenomenon = forms.ChoiceField(
        label=_("Phenomenon"), required=False, choices=[("", _("All phenomena")), *Phenomenon.choices]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices])
    since = forms.DateField(label=_("Received from"), required=False, widget=forms.DateInput)
    until = forms.DateField(label=_("Received up to and including"), required=False, widget=forms.DateInput)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args: Any, municipalities: Iterable[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("All municipalities")), *municipalities]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date must be on or after the start date."))
        return data


class VersionedForm(VersionedFormMixin, WeerbaarForm):
    """Every action form carries the version of the signal it was loaded with (optimistic locking)."""


class TransitionForm(VersionedForm):
    id_prefix = "transition"
    conditionally_required = ("reason",)
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reasoning"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for every step except qualifying."),
    )

    def __init__(self, *args: Any, signal: Signal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = intake_choices(signal)  # type: ignore[attr-defined]


def intake_choices(signal: Signal) -> list[tuple[str, str]]:
    """The moves the intake officer may make from the signal's current status, in workflow order."""
    allowed = TRANSITIONS.next(signal.status) & INTAKE_TARGETS
    return [(value, str(label)) for value, label in Status.choices if value in allowed]


def weighing_choices(signal: Signal) -> list[tuple[str, str]]:
    allowed = TRANSITIONS.next(signal.status)
    return [(value, str(Status(value).label)) for value in WEIGHING_OUTCOMES if value in allowed]


class WeighForm(VersionedForm):
    id_prefix = "weigh"
    outcome = forms.ChoiceField(label=_("Decision"))
    reasoning = forms.CharField(label=_("Reasoning"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, signal: Signal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = weighing_choices(signal)  # type: ignore[attr-defined]


class PrivacyCheckForm(VersionedForm):
    id_prefix = "check"
    kind = forms.ChoiceField(label=_("Check"), choices=PrivacyCheckKind.choices)
    purpose = forms.CharField(label=_("Purpose"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    necessity = forms.CharField(label=_("Necessity"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    proportionality = forms.CharField(
        label=_("Proportionality"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    subsidiarity = forms.CharField(label=_("Subsidiarity"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    retention = forms.CharField(label=_("Retention"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    sources = forms.CharField(
        label=_("Sources to consult"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    conclusion_positive = forms.TypedChoiceField(
        label=_("Conclusion"),
        choices=[("ja", _("The check allows it")), ("nee", _("The check does not allow it"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )


class MessageForm(VersionedForm):
    id_prefix = "message"
    body = forms.CharField(
        label=_("Question to the reporter"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reporter reads this with their receipt code or in their own overview. Ask no personal data."),
    )


class LegalHoldForm(VersionedForm):
    id_prefix = "hold"
    hold = forms.TypedChoiceField(
        label=_("Legal hold"),
        choices=[("aan", _("Set a legal hold")), ("uit", _("Lift the legal hold"))],
        coerce=lambda value: value == "aan",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Setting and lifting a hold both need a reason; it is recorded in the audit trail."),
    )


class DrugWasteForm(VersionedForm):
    """The follow-up of a drug-waste dumping, completed by the intake team for the compensation claim."""

    id_prefix = "drugwaste"
    dumping_type = forms.ChoiceField(label=_("Kind of dumping"), choices=DumpingType.choices)
    volume_litres = forms.IntegerField(
        label=_("Estimated volume (litres)"), required=False, min_value=0, max_value=1_000_000
    )
    landowner_type = forms.ChoiceField(
        label=_("Landowner"), required=False, choices=[("", _("Unknown")), *LandownerType.choices]
    )
    police_reference = forms.CharField(label=_("Police report number"), required=False, max_length=40)
    cleanup_contractor = forms.CharField(label=_("Clean-up contractor"), required=False, max_length=120)
    cleanup_costs = forms.DecimalField(
        label=_("Clean-up costs (EUR)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )


class EvidencePackForm(WeerbaarForm):
    purpose = forms.CharField(
        label=_("Purpose of this export"),
        max_length=500,
        help_text=_(
            "For example: claim for the provincial compensation of clean-up costs. Recorded in the audit trail."
        ),
    )


class MeetingCreateForm(WeerbaarForm):
    date = forms.DateField(label=_("Date of the meeting"), widget=forms.DateInput)


class MeetingDecisionForm(WeerbaarForm):
    """One decision (or "postpone") and its reasoning per agenda item; the sitting is submitted at once."""

    def __init__(self, *args: Any, items: list[MeetingItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        outcomes = [(value, str(Status(value).label)) for value in WEIGHING_OUTCOMES]
        for item in items:
            self.fields[f"decision_{item.pk}"] = forms.ChoiceField(
                label=_("Decision"), required=False, choices=[(POSTPONE, _("Postpone")), *outcomes]
            )
            self.fields[f"reasoning_{item.pk}"] = forms.CharField(
                label=_("Reasoning"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
            )
        self._restyle()

    def _restyle(self) -> None:
        # The mixin styled the fields present at construction; these were added afterwards.
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for item in self.items:
            outcome = data.get(f"decision_{item.pk}")
            reasoning = (data.get(f"reasoning_{item.pk}") or "").strip()
            if not outcome:
                continue
            if item.signal.status != Status.GEKWALIFICEERD:
                self.add_error(f"decision_{item.pk}", _("This signal has been weighed already; postpone it here."))
            elif not reasoning:
                self.add_error(f"reasoning_{item.pk}", _("Give the reasoning for this decision."))
            elif (
                outcome == Status.BRONNENONDERZOEK
                and not item.signal.privacy_checks.filter(
                    kind=PrivacyCheckKind.CHECK_1, conclusion_positive=True
                ).exists()
            ):
                self.add_error(
                    f"decision_{item.pk}", _("Source research needs privacy check 1 with a positive conclusion first.")
                )
        return data

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"item": item, "decision": self[f"decision_{item.pk}"], "reasoning": self[f"reasoning_{item.pk}"]}
            for item in self.items
        ]

    def decisions(self) -> list[tuple[MeetingItem, str, str]]:
        return [
            (
                item,
                self.cleaned_data.get(f"decision_{item.pk}") or "",
                self.cleaned_data.get(f"reasoning_{item.pk}", ""),
            )
            for item in self.items
        ]


class SignalSubjectForm(SubjectEntryMixin, VersionedForm):
    """A subject the intake team adds: typed in, or an identifier from the text confirmed with one button."""

    id_prefix = "subject"
