# SPDX-License-Identifier: EUPL-1.2
"""Forms of the knowledge base. They parse; what is allowed (anonymity, owner types, linked barriers the
author can see) is the services' to say, and lands on the form through ``apply_service_error``."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.knowledge.constants import (
    BARRIERS_MAX,
    LABEL_MAX,
    TEXT_MAX,
    TITLE_MAX,
    FacilitatorKind,
    InstrumentKind,
    Phenomenon,
    ScanTopic,
)
from weerbaar.knowledge.services import BarrierInput, StepInput
from weerbaar.organisations.constants import OrganisationType

_TEXT = {"rows": 4}
_CHECKBOXES = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


def _choices_with_empty(choices: list[tuple[str, Any]], label: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class SearchForm(WeerbaarForm):
    q = forms.CharField(label=_("Search text"), max_length=100, required=False)
    phenomenon = forms.ChoiceField(
        label=_("Phenomenon"), required=False, choices=_choices_with_empty(Phenomenon.choices, _("All phenomena"))
    )
    owner_type = forms.ChoiceField(
        label=_("Barrier owned by"),
        required=False,
        choices=_choices_with_empty(OrganisationType.choices, _("Any partner")),
    )


class CaseSearchForm(WeerbaarForm):
    q = forms.CharField(label=_("Search text"), max_length=100, required=False)
    phenomenon = forms.ChoiceField(
        label=_("Phenomenon"), required=False, choices=_choices_with_empty(Phenomenon.choices, _("All phenomena"))
    )


class BarrierModelForm(WeerbaarForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    phenomenon = forms.ChoiceField(label=_("Phenomenon"), choices=Phenomenon.choices)
    summary = forms.CharField(
        label=_("Summary"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs=_TEXT)
    )


class BarrierModelEditForm(VersionedFormMixin, BarrierModelForm):
    id_prefix = "model"
    change_note = forms.CharField(
        label=_("What did you change?"),
        max_length=LABEL_MAX,
        help_text=_("Shown in the version history beside your name."),
    )


class StepForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "step"
    name = forms.CharField(label=_("Step of the criminal process"), max_length=LABEL_MAX)
    needs = forms.CharField(
        label=_("What criminals need at this step"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    facilitators = forms.CharField(
        label=_("Who facilitates it"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("Professions or kinds of business, never names."),
    )
    facilitator_kind = forms.ChoiceField(label=_("The facilitators are"), choices=FacilitatorKind.choices)
    change_note = forms.CharField(
        label=_("What did you change?"),
        max_length=LABEL_MAX,
        help_text=_("Shown in the version history beside your name."),
    )


class BarrierForm(WeerbaarForm):
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    description = forms.CharField(label=_("Barrier"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    owner_type = forms.ChoiceField(label=_("Owned by (kind of partner)"), choices=OrganisationType.choices)
    instruments = forms.CharField(
        label=_("Instruments"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reference_kind = forms.ChoiceField(
        label=_("Reference to an instrument on Weerbaar"),
        required=False,
        choices=_choices_with_empty(InstrumentKind.choices, _("No reference")),
    )
    reference_label = forms.CharField(label=_("Name of the instrument"), max_length=LABEL_MAX, required=False)
    topics = forms.MultipleChoiceField(
        label=_("Protects in the resilience scan"),
        help_text=_("Where one of these processes or themes scores weakly, the scan recommends this barrier."),
        choices=ScanTopic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=_CHECKBOXES),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reference_kind") and not data.get("reference_label"):
            self.add_error("reference_label", _("Name the instrument you refer to."))
        return data


class BaseBarrierFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def barrier_inputs(self, earlier: dict[str, BarrierInput]) -> list[BarrierInput]:
        """The filled rows as barriers; a kept barrier keeps its key and its further references."""
        rows = []
        for form in self.forms:
            if not form.is_valid() or (not form.has_changed() and not form.cleaned_data.get("key")):
                continue
            data = form.cleaned_data
            if not data or (self.can_delete and data.get("DELETE")):
                continue
            key = data.get("key")
            before = earlier.get(str(key)) if key else None
            references = [(data["reference_kind"], data["reference_label"])] if data.get("reference_kind") else []
            if before is not None:
                references += list(before.references[1:])
            rows.append(
                BarrierInput(
                    description=data["description"],
                    owner_type=data["owner_type"],
                    instruments=data.get("instruments", ""),
                    references=tuple(references),
                    key=key if before is not None else None,
                    topics=tuple(data.get("topics") or ()),
                )
            )
        return rows


BarrierFormSet = cast(
    "type[BaseBarrierFormSet]",
    forms.formset_factory(
        BarrierForm,
        formset=BaseBarrierFormSet,
        extra=2,
        can_delete=True,
        max_num=BARRIERS_MAX,
        absolute_max=BARRIERS_MAX + 2,
        validate_max=True,
    ),
)


def barrier_initial(step: StepInput | None) -> list[dict[str, Any]]:
    if step is None:
        return []
    return [
        {
            "key": barrier.key,
            "description": barrier.description,
            "owner_type": barrier.owner_type,
            "instruments": barrier.instruments,
            "reference_kind": barrier.references[0][0] if barrier.references else "",
            "reference_label": barrier.references[0][1] if barrier.references else "",
            "topics": list(barrier.topics),
        }
        for barrier in step.barriers
    ]


class ConfirmForm(VersionedFormMixin, WeerbaarForm):
    """A versioned action without input of its own (removing a step)."""

    id_prefix = "remove"


class ShareForm(WeerbaarForm):
    shared = forms.BooleanField(label=_("Shared with all organisations on Weerbaar"), required=False)


class PracticeCaseForm(WeerbaarForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    phenomenon = forms.ChoiceField(label=_("Phenomenon"), choices=Phenomenon.choices)
    what_happened = forms.CharField(
        label=_("What happened"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Anonymised: no names, licence plates, phone numbers, e-mail addresses, bank accounts or addresses."
        ),
    )
    lessons = forms.CharField(label=_("Lessons learned"), max_length=TEXT_MAX, widget=forms.Textarea(attrs=_TEXT))
    barrier_keys = forms.MultipleChoiceField(
        label=_("Linked barriers"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=_CHECKBOXES),
    )

    def __init__(self, *args: Any, barrier_choices: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.MultipleChoiceField", self.fields["barrier_keys"])
        field.choices = barrier_choices or []


class PracticeCaseEditForm(VersionedFormMixin, PracticeCaseForm):
    id_prefix = "case"
