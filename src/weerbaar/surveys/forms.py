# SPDX-License-Identifier: EUPL-1.2
"""Forms of the area survey. They parse input; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.surveys.constants import (
    AREA_PURPOSES,
    LINKS_MAX,
    OPTION_TEXT_MAX,
    OPTIONS_MAX,
    QUESTION_TEXT_MAX,
    Purpose,
    QuestionKind,
)
from weerbaar.surveys.models import Question

_RADIO = forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"})
_CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"})


class SurveyCreateForm(WeerbaarForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=[(v, label) for v, label in Purpose.choices if v in AREA_PURPOSES], widget=_RADIO
    )


class StaffSurveyCreateForm(WeerbaarForm):
    title = forms.CharField(label=_("Title"), max_length=200)


class QuestionForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "question"
    text = forms.CharField(label=_("Question"), max_length=QUESTION_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    options = forms.CharField(
        label=_("Options"),
        help_text=_("One option per line, in the order shown. No open answers: every answer is one of these."),
        max_length=OPTIONS_MAX * (OPTION_TEXT_MAX + 2),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def option_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class QuestionAddForm(QuestionForm):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices, widget=_RADIO)
    field_order = ["kind", "text", "options"]


class TransitionForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "transition"


class LinksForm(WeerbaarForm):
    count = forms.IntegerField(
        label=_("Number of links"),
        min_value=1,
        max_value=LINKS_MAX,
        help_text=_("Each link can be used once. You get them once, as a download: Weerbaar keeps no copy."),
    )
    format = forms.ChoiceField(
        label=_("File"),
        choices=[("csv", _("CSV (for a spreadsheet or mail merge)")), ("txt", _("Plain text, one link per line"))],
        widget=_RADIO,
        initial="csv",
    )


class ResponseForm(WeerbaarForm):
    """One field per question (``q1``, ``q2``, … in the order shown); every question is required."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        required = _("Answer this question.")
        for number, question in enumerate(questions, start=1):
            choices = [(str(o.position), o.label) for o in question.options.all()]
            field: forms.Field
            if question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(choices=choices, widget=_CHECKBOXES)
            else:
                field = forms.ChoiceField(choices=choices, widget=_RADIO)
            field.label = f"{number}. {question.text}"
            field.error_messages["required"] = required
            field.error_messages["invalid_choice"] = required
            self.fields[f"q{number}"] = field
        # The styling mixin ran before these fields existed.
        for field in self.fields.values():
            field.show_optional = False  # type: ignore[attr-defined]

    def answers(self) -> dict[int, list[int]]:
        """Question id → chosen option ids."""
        result = {}
        for number, question in enumerate(self.questions, start=1):
            value = self.cleaned_data[f"q{number}"]
            positions = {int(v) for v in (value if isinstance(value, list) else [value])}
            result[question.pk] = [o.pk for o in question.options.all() if o.position in positions]
        return result
