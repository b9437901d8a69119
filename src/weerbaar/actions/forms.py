# SPDX-License-Identifier: EUPL-1.2
"""Forms of joint actions. They parse input; the services decide."""

from collections.abc import Iterable
from typing import Any
from uuid import uuid4

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.actions.constants import (
    IDEMPOTENCY_KEY_LENGTH,
    FollowUpKind,
    LegalDomain,
    MemberRole,
    OperationKind,
    Sanction,
    Severity,
)
from weerbaar.core.forms import PhotosField, WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.signals.constants import Phenomenon

Choices = Iterable[tuple[str, StrOrPromise]]
_RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}
_CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


def _choices(field: forms.Field, choices: Choices, empty: Any = None) -> None:
    values = list(choices)
    field.choices = [("", empty), *values] if empty is not None else values  # type: ignore[attr-defined]


class OperationForm(WeerbaarForm):
    kind = forms.ChoiceField(
        label=_("Kind of joint action"), choices=OperationKind.choices, widget=forms.RadioSelect(attrs=_RADIO)
    )
    title = forms.CharField(
        label=_("Working title"),
        max_length=200,
        help_text=_("No personal data: for example the area and the kind of action."),
    )
    starts_on = forms.DateField(label=_("First day"), widget=forms.DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput)
    project_leader = forms.ChoiceField(label=_("Project leader"))
    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities of the area"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "utrecht-select utrecht-select--html-select", "size": 8}),
        help_text=_("Choose one or more municipalities, or an area partnership below, or both."),
    )
    partnership = forms.ChoiceField(label=_("Area partnership"), required=False)
    area_description = forms.CharField(
        label=_("Area"), max_length=200, required=False, help_text=_("For example: business park De Loven.")
    )
    objectives = forms.CharField(
        label=_("Objectives"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    conditionally_required = ("municipalities", "partnership")

    def __init__(
        self,
        *args: Any,
        leaders: Choices = (),
        municipalities: Choices = (),
        partnerships: Choices = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["project_leader"], leaders, _("Choose a person"))
        _choices(self.fields["municipalities"], municipalities)
        _choices(self.fields["partnership"], partnerships, _("None"))


class PartnerForm(WeerbaarForm):
    organisation = forms.ChoiceField(label=_("Organisation"))
    domain = forms.ChoiceField(label=_("Legal domain"), choices=LegalDomain.choices)
    legal_basis = forms.CharField(
        label=_("Legal basis"), max_length=300, help_text=_("The power the partner checks with, e.g. Woningwet art. 5.")
    )
    contact = forms.CharField(
        label=_("Contact"), max_length=200, required=False, help_text=_("A desk or duty number, not a private one.")
    )

    def __init__(self, *args: Any, organisations: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["organisation"], organisations, _("Choose an organisation"))


class MemberForm(WeerbaarForm):
    organisation = forms.ChoiceField(label=_("Organisation"))
    username = forms.CharField(
        label=_("Named member (user name)"),
        required=False,
        max_length=150,
        help_text=_("Leave empty to admit the organisation's staff with access to joint actions."),
    )
    role = forms.ChoiceField(
        label=_("Role in the joint action"),
        choices=MemberRole.choices,
        initial=MemberRole.DEELNEMER,
        help_text=_("Planners see the action during its preparation; participants from its first day."),
    )
    ends_on = forms.DateField(label=_("Member until"), required=False, widget=forms.DateInput)

    def __init__(self, *args: Any, organisations: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["organisation"], organisations, _("Choose an organisation"))


class TransitionForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "status"
    to_status = forms.ChoiceField(label=_("Next step"), widget=forms.RadioSelect(attrs=_RADIO))
    reason = forms.CharField(
        label=_("Explanation"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, steps: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["to_status"], steps)


class SelectionForm(WeerbaarForm):
    chosen = forms.MultipleChoiceField(
        label=_("Risk locations"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=_CHECKBOX),
        help_text=_("Premises from your own signals and cases in the area. A hit elsewhere shows only who to ask."),
    )
    premises = forms.CharField(
        label=_("Premises register"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One address a line, for example: Industrieweg 12, 5431 AB Cuijk."),
    )
    random_share = forms.IntegerField(
        label=_("Random share (%)"),
        min_value=0,
        max_value=100,
        initial=20,
        help_text=_("The percentage of the other premises in the register drawn at random."),
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=2**53 - 1,
        help_text=_("Leave empty for a new draw; give a recorded seed to repeat a draw."),
    )

    def __init__(self, *args: Any, candidates: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["chosen"], candidates)


def idempotency_key_new() -> str:
    return uuid4().hex


class FindingForm(WeerbaarForm):
    #: Generated when the form is rendered: a resubmitted form records nothing twice.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=IDEMPOTENCY_KEY_LENGTH)
    partner = forms.ChoiceField(label=_("Partner and legal domain"))
    checked = forms.CharField(label=_("What was checked"), max_length=300)
    compliant = forms.TypedChoiceField(
        label=_("Compliant"),
        choices=[("ja", _("Yes")), ("nee", _("No"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect(attrs=_RADIO),
    )
    legal_ground = forms.CharField(
        label=_("Legal ground"), max_length=300, required=False, help_text=_("Empty: the partner's legal basis.")
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, initial=Severity.GEEN)
    sanction = forms.ChoiceField(label=_("Sanction on the spot"), choices=Sanction.choices, initial=Sanction.GEEN)
    notes = forms.CharField(label=_("Notes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photos = PhotosField(label=_("Photos"), help_text=_("At most five; location data and other metadata are removed."))

    def __init__(self, *args: Any, partners: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        values = list(partners)
        _choices(self.fields["partner"], values)
        if len(values) == 1:
            self.fields["partner"].initial = values[0][0]
        if not self.is_bound:
            self.fields["idempotency_key"].initial = idempotency_key_new()


class FollowUpForm(WeerbaarForm):
    kind = forms.ChoiceField(label=_("Kind of follow-up"), choices=FollowUpKind.choices)
    owner = forms.ChoiceField(label=_("Owner"))
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput)
    case = forms.ChoiceField(
        label=_("Case"),
        required=False,
        help_text=_(
            "An enforcement order, closure, Bibob screening or tax investigation becomes an intervention of this "
            "case. Without a case it becomes a signal."
        ),
    )
    phenomenon = forms.ChoiceField(label=_("Phenomenon (for a signal)"), required=False, choices=Phenomenon.choices)
    municipality = forms.ChoiceField(label=_("Municipality of the location (for a signal)"), required=False)
    description = forms.CharField(
        label=_("Description (for a signal)"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        owners: Choices = (),
        cases: Choices = (),
        municipalities: Choices = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["owner"], owners, _("Choose an organisation"))
        _choices(self.fields["case"], cases, _("No case"))
        _choices(self.fields["municipality"], municipalities, _("The location's municipality"))
        _choices(self.fields["phenomenon"], Phenomenon.choices, _("Other"))
