# SPDX-License-Identifier: EUPL-1.2
from datetime import datetime, timedelta
from typing import Any, cast

from django import forms as djforms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.models import User
from weerbaar.core.forms import WeerbaarForm
from weerbaar.threats.constants import (
    TRANSITIONS,
    AssessmentOutcome,
    Channel,
    CostBearer,
    FiledBy,
    IncidentForm,
    LinkedProcess,
    MeasureDomain,
    Status,
    StepKind,
    Target,
    TriState,
    VictimRole,
)
from weerbaar.threats.models import vpt_code_validator

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class DateTimeLocalField(djforms.DateTimeField):
    widget = djforms.DateTimeInput(attrs={"type": "datetime-local", "class": _TEXTBOX}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"], **kwargs)


class UserChoiceField(djforms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class IncidentReportForm(WeerbaarForm):
    victim_role = djforms.ChoiceField(label=_("Your role"), choices=VictimRole.choices)
    forms = djforms.MultipleChoiceField(
        label=_("What happened? (choose one or more)"),
        choices=IncidentForm.choices,
        widget=djforms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
    )
    channel = djforms.ChoiceField(label=_("How"), choices=Channel.choices)
    target = djforms.ChoiceField(label=_("Aimed at"), choices=Target.choices)
    occurred_at = DateTimeLocalField(label=_("When did it happen"))
    place = djforms.CharField(label=_("Where"), max_length=200, required=False)
    severity = djforms.TypedChoiceField(
        label=_("How serious was it for you? (1 = a little, 5 = very)"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
    )
    description = djforms.CharField(
        label=_("What happened"), max_length=5000, widget=djforms.Textarea(attrs={"rows": 4})
    )
    perpetrator_description = djforms.CharField(
        label=_("What do you know of the perpetrator"),
        max_length=2000,
        required=False,
        widget=djforms.Textarea(attrs={"rows": 2}),
    )
    linked_process = djforms.ChoiceField(
        label=_("Related to which municipal work"), choices=LinkedProcess.choices, initial=LinkedProcess.GEEN
    )
    undermining_related = djforms.ChoiceField(
        label=_("Related to undermining (organised crime)"), choices=TriState.choices, initial=TriState.ONBEKEND
    )
    influenced_decision = djforms.ChoiceField(
        label=_("Did it influence a decision"), choices=TriState.choices, initial=TriState.ONBEKEND
    )
    influence_explanation = djforms.CharField(
        label=_("Explanation"), max_length=2000, required=False, widget=djforms.Textarea(attrs={"rows": 2})
    )

    def clean_occurred_at(self) -> datetime:
        value: datetime = self.cleaned_data["occurred_at"]
        if value > timezone.now() + timedelta(minutes=5):
            raise djforms.ValidationError(_("This moment is in the future."))
        return value


class OnBehalfReportForm(IncidentReportForm):
    """For the security coordinator: the person affected — a staff member with an account, or by name (most
    mayors, aldermen and council members have none) — and the perpetrator's pseudonym."""

    victim = UserChoiceField(
        label=_("Person affected, with an account"),
        queryset=User.objects.none(),
        to_field_name="uuid",
        required=False,
        empty_label=_("No account: fill in the name below"),
    )
    victim_name = djforms.CharField(
        label=_("Name of the person affected, without an account"),
        max_length=200,
        required=False,
        help_text=_("For example a council member or alderman who does not use Weerbaar."),
    )
    perpetrator_identifier = djforms.CharField(
        label=_("Perpetrator's name or identifier (stored only as a pseudonym)"), max_length=200, required=False
    )
    field_order = ["victim", "victim_name"]

    def __init__(self, *args: Any, victims: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim_role"].label = _("Office or role of the person affected")
        self.fields["severity"].label = _("Severity as experienced (1 = a little, 5 = very)")
        if victims is not None:
            self.fields["victim"].queryset = victims  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("victim") and not data.get("victim_name", "").strip():
            self.add_error("victim_name", _("Choose the person affected or fill in their name."))
        return data


class StatusForm(WeerbaarForm):
    status = djforms.ChoiceField(label=_("New status"), choices=[])
    reason = djforms.CharField(label=_("Why"), max_length=500)

    def __init__(self, *args: Any, current: str = Status.GEMELD, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        later = TRANSITIONS.next(current)
        self.fields["status"].choices = [(s, label) for s, label in Status.choices if s in later]  # type: ignore[attr-defined]


class StepDoneForm(WeerbaarForm):
    note = djforms.CharField(label=_("Note"), max_length=1000, required=False)


class StepForm(WeerbaarForm):
    kind = djforms.ChoiceField(label=_("Step"), choices=StepKind.choices)
    due_at = DateTimeLocalField(label=_("Due"))
    owner = UserChoiceField(label=_("Owner"), queryset=User.objects.none(), to_field_name="uuid", required=False)
    note = djforms.CharField(label=_("Note"), max_length=1000, required=False)

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class PoliceReportForm(WeerbaarForm):
    filed_on = djforms.DateField(widget=djforms.DateInput(format="%Y-%m-%d"), label=_("Filed on"))
    filed_by = djforms.ChoiceField(label=_("Filed by"), choices=FiledBy.choices)
    vpt_code = djforms.CharField(
        label=_("VPT code"),
        max_length=40,
        validators=[vpt_code_validator],
        help_text=_("The code that gives reports of threats against people with a public task priority."),
    )
    reference = djforms.CharField(label=_("Police reference"), max_length=60, required=False)
    employer_address = djforms.BooleanField(
        label=_("The report uses the employer's address, not the home address"), required=True
    )


class MeasureForm(WeerbaarForm):
    domain = djforms.ChoiceField(label=_("Domain"), choices=MeasureDomain.choices)
    description = djforms.CharField(label=_("Measure"), max_length=300)
    provider = djforms.CharField(label=_("Provider"), max_length=200)
    starts_on = djforms.DateField(widget=djforms.DateInput(format="%Y-%m-%d"), label=_("Start"))
    ends_on = djforms.DateField(widget=djforms.DateInput(format="%Y-%m-%d"), label=_("End"), required=False)
    cost_bearer = djforms.ChoiceField(label=_("Cost bearer"), choices=CostBearer.choices)
    review_on = djforms.DateField(widget=djforms.DateInput(format="%Y-%m-%d"), label=_("Review date"))
    reason = djforms.CharField(label=_("Reason for the change"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end cannot be before the start."))
        return data


class GranteeChoiceField(UserChoiceField):
    """A person with the organisation they would be granted access for ("Kevin Schouten — Politie …")."""

    organisations: dict[int, str]

    def label_from_instance(self, obj: User) -> str:
        organisation = self.organisations.get(obj.pk, "")
        return f"{obj.display_name} — {organisation}" if organisation else obj.display_name


class GrantForm(WeerbaarForm):
    grantee = GranteeChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        to_field_name="uuid",
        help_text=_("Someone of your own organisation or a named person of the police."),
    )
    reason = djforms.CharField(label=_("Why does this person need to see it"), max_length=500)

    def __init__(
        self, *args: Any, candidates: Any = None, organisations: dict[int, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(GranteeChoiceField, self.fields["grantee"])
        field.organisations = organisations or {}
        if candidates is not None:
            field.queryset = candidates


class AssessmentForm(WeerbaarForm):
    outcome = djforms.ChoiceField(label=_("Outcome"), choices=AssessmentOutcome.choices)
    assessed_by = djforms.CharField(
        label=_("Assessed by (organisation)"),
        max_length=200,
        help_text=_("For example the police's threat-management team."),
    )
    assessed_on = djforms.DateField(widget=djforms.DateInput(format="%Y-%m-%d"), label=_("Assessed on"))
    recommended_measures = djforms.CharField(
        label=_("Recommended measures"),
        max_length=2000,
        required=False,
        widget=djforms.Textarea(attrs={"rows": 3}),
    )


class EvidenceForm(WeerbaarForm):
    file = djforms.FileField(
        label=_("File"),
        help_text=_("A photo, screenshot (PNG, JPEG) or PDF, at most 10 MB. Location and camera data are removed."),
    )
    label = djforms.CharField(label=_("Description"), max_length=200, required=False)


class AddressForm(WeerbaarForm):
    address = djforms.CharField(label=_("Home address"), max_length=300, widget=djforms.Textarea(attrs={"rows": 2}))


class PerpetratorForm(WeerbaarForm):
    """What the coordinator knows of the perpetrator. Nothing of it is stored as typed: only sealed marks,
    which find the same perpetrator in other incidents (also of other organisations, as a hit)."""

    given_names = djforms.CharField(label=_("Given names"), max_length=120, required=False)
    surname_prefix = djforms.CharField(label=_("Surname prefix"), max_length=20, required=False)
    surname = djforms.CharField(label=_("Surname"), max_length=120, required=False)
    birth_date = djforms.DateField(label=_("Date of birth"), required=False, widget=djforms.DateInput)
    telefoon = djforms.CharField(label=_("Phone number"), max_length=25, required=False)
    email = djforms.EmailField(label=_("E-mail address"), required=False)
    kenteken = djforms.CharField(label=_("Licence plate"), max_length=12, required=False)
    account = djforms.CharField(
        label=_("Online account"), max_length=200, required=False, help_text=_("Such as @name or a profile link")
    )
    identifier = djforms.CharField(
        label=_("Other identifier"),
        max_length=200,
        required=False,
        help_text=_("Only sealed marks are stored, never what you type here."),
    )


class LegalHoldForm(WeerbaarForm):
    """Set or lift an incident's legal hold; either way with a reason, which goes into the audit trail."""

    hold = djforms.TypedChoiceField(
        choices=[("aan", _("Set a legal hold")), ("uit", _("Lift the legal hold"))],
        coerce=lambda value: value == "aan",
        widget=djforms.HiddenInput,
    )
    reason = djforms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=djforms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded with the hold and in the audit trail, e.g. “criminal case against the perpetrator pending”."
        ),
    )
