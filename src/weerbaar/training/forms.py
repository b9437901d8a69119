# SPDX-License-Identifier: EUPL-1.2
"""Forms of awareness training. They parse input; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Role
from weerbaar.core.forms import WeerbaarForm
from weerbaar.training.constants import TEXT_MAX
from weerbaar.training.models import Department, Module, Scenario

_RADIO = forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"})


class AnswersForm(WeerbaarForm):
    """One required choice per scenario question (``s1``, ``s2``, … in the order shown)."""

    def __init__(self, *args: Any, scenarios: list[Scenario], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scenarios = scenarios
        for number, scenario in enumerate(scenarios, start=1):
            field = forms.ChoiceField(
                choices=[(str(o.position), o.text) for o in scenario.options.all()],
                widget=_RADIO,
                label=f"{number}. {scenario.question}",
                help_text=scenario.situation,
            )
            field.error_messages["required"] = _("Choose an answer.")
            field.error_messages["invalid_choice"] = _("Choose an answer.")
            field.show_optional = False  # type: ignore[attr-defined]
            self.fields[f"s{number}"] = field

    def answers(self) -> dict[int, int]:
        """Scenario id → chosen option id."""
        result = {}
        for number, scenario in enumerate(self.scenarios, start=1):
            position = int(self.cleaned_data[f"s{number}"])
            result[scenario.pk] = next(o.pk for o in scenario.options.all() if o.position == position)
        return result


class ModuleForm(WeerbaarForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    pass_mark = forms.IntegerField(
        label=_("Pass mark (%)"),
        min_value=1,
        max_value=100,
        initial=70,
        help_text=_("The share of scenario questions to answer well to pass."),
    )


class PageForm(WeerbaarForm):
    conditionally_required = ("image_alt",)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; leave a blank line between paragraphs."),
    )
    image = forms.ImageField(label=_("Image"), required=False)
    image_alt = forms.CharField(
        label=_("Text alternative of the image"),
        max_length=300,
        required=False,
        help_text=_("Required with an image: what the image shows, for people who cannot see it."),
    )


class ScenarioForm(WeerbaarForm):
    situation = forms.CharField(label=_("Situation"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    question = forms.CharField(label=_("Question"), max_length=300)
    options = forms.CharField(
        label=_("Options"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One option per line as: option | feedback. Start the right option with an asterisk (*)."),
    )

    def option_list(self) -> list[tuple[str, bool, str]]:
        result = []
        for line in self.cleaned_data["options"].splitlines():
            if not line.strip():
                continue
            text, _sep, feedback = line.partition("|")
            text = text.strip()
            correct = text.startswith("*")
            result.append((text.lstrip("*").strip(), correct, feedback.strip()))
        return result


class DilemmaForm(WeerbaarForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    dilemma = forms.CharField(label=_("Dilemma"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    considerations = forms.CharField(
        label=_("Considerations"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question to talk about per line. A dilemma has no right answer."),
    )


class AssignmentForm(WeerbaarForm):
    conditionally_required = ("role", "department")
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none(), to_field_name="uuid")
    role = forms.ChoiceField(label=_("Role"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False, to_field_name="uuid"
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, modules: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["role"].choices = [("", "—"), *Role.choices]  # type: ignore[attr-defined]
        self.fields["role"].help_text = _("Choose a role or a department.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("role")) == bool(data.get("department")):
            raise forms.ValidationError(_("Choose a role or a department, not both."))
        return data
