# SPDX-License-Identifier: EUPL-1.2
"""Forms of the resilience scan. They parse input; the services decide."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.models import User
from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.resilience.constants import (
    ACTION_TRANSITIONS,
    EVIDENCE_MAX,
    EXPOSURE_DEFAULT,
    TEXT_MAX,
    ActionStatus,
)
from weerbaar.resilience.models import Scan, ScanQuestion, Topic

_RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}


class _UserChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class ScanOpenForm(WeerbaarForm):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("For example: Resilience scan 2026."))
    previous = forms.ModelChoiceField(
        label=_("Re-scan of"),
        queryset=Scan.objects.none(),
        required=False,
        empty_label=_("None: a first scan"),
        help_text=_("A re-scan shows the trend beside the earlier scan, per process and theme."),
    )

    def __init__(self, *args: Any, scans: QuerySet[Scan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField", self.fields["previous"]).queryset = scans  # type: ignore[type-arg]


class AssignForm(WeerbaarForm):
    topic = forms.ModelChoiceField(label=_("Process or theme"), queryset=Topic.objects.none())
    respondent = _UserChoice(
        label=_("Respondent"),
        queryset=User.objects.none(),
        help_text=_(
            "A process owner or resilience coordinator of your organisation. Several people may answer one process."
        ),
    )

    def __init__(self, *args: Any, topics: QuerySet[Topic], respondents: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField", self.fields["topic"]).queryset = topics  # type: ignore[type-arg]
        cast("forms.ModelChoiceField", self.fields["respondent"]).queryset = respondents  # type: ignore[type-arg]


EXPOSURE_CHOICES = [
    (1, _("1 — limited")),
    (2, _("2 — moderate")),
    (3, _("3 — high")),
]


class ExposureForm(WeerbaarForm):
    """One radio group per process: how attractive the process is to criminals here."""

    def __init__(self, *args: Any, topics: list[Topic], current: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for topic in topics:
            self.fields[topic.key] = forms.TypedChoiceField(
                label=topic.name,
                choices=EXPOSURE_CHOICES,
                coerce=int,
                initial=current.get(topic.key, EXPOSURE_DEFAULT),
                widget=forms.RadioSelect(attrs=_RADIO),
            )


def level_field(name: str) -> str:
    return f"niveau_{name}"


def evidence_field(name: str) -> str:
    return f"onderbouwing_{name}"


class AnswerForm(WeerbaarForm):
    """Per question: a level 0 to 4 (each with its descriptor) and, where asked, evidence."""

    def __init__(self, *args: Any, questions: list[ScanQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[level_field(str(question.pk))] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                help_text=question.guidance,
                choices=[(level, f"{level} — {text}") for level, text in enumerate(question.levels)],
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs=_RADIO),
            )
            if question.evidence_requested:
                self.fields[evidence_field(str(question.pk))] = forms.CharField(
                    label=_("Evidence for question %(number)s") % {"number": number},
                    help_text=_("Optional: a document, a decision or an example that shows the level."),
                    max_length=EVIDENCE_MAX,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField | None]]:
        """Each question's level field with its evidence field, for the template's fieldsets."""
        return [
            (
                self[level_field(str(q.pk))],
                self[evidence_field(str(q.pk))] if evidence_field(str(q.pk)) in self.fields else None,
            )
            for q in self.questions
        ]


class ActionForm(WeerbaarForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    topic = forms.ModelChoiceField(
        label=_("Process or theme"), queryset=Topic.objects.none(), required=False, empty_label=_("None in particular")
    )
    owner = _UserChoice(label=_("Owner"), queryset=User.objects.none())
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, topics: QuerySet[Topic], owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField", self.fields["topic"]).queryset = topics  # type: ignore[type-arg]
        cast("forms.ModelChoiceField", self.fields["owner"]).queryset = owners  # type: ignore[type-arg]


class ActionStatusForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "status"
    to_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect(attrs=_RADIO))
    reason = forms.CharField(
        label=_("Explanation"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, current: str = ActionStatus.OPEN, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = ACTION_TRANSITIONS.next(current)
        cast("forms.ChoiceField", self.fields["to_status"]).choices = [
            (v, label) for v, label in ActionStatus.choices if v in targets
        ]


class CloseForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "close"
