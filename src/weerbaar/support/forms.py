# SPDX-License-Identifier: EUPL-1.2
"""Forms of the desk: the public "I have been approached" form and the trusted contact's action forms.

Forms parse and validate; what is allowed (a trusted contact for the municipality, identity only when
chosen, consent in the past) is the services' to say, and lands on the form through ``apply_service_error``.
"""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.geo.models import Municipality
from weerbaar.support.constants import (
    REFERRAL_TRANSITIONS,
    REPORT_MANUAL_TARGETS,
    REPORT_TRANSITIONS,
    AskedFor,
    ConsentMethod,
    ReferralStatus,
    ReferredVia,
    ReportRoute,
    ReportStatus,
    WhenApproached,
)
from weerbaar.support.filing import DEFAULT_PHENOMENON, PHENOMENON_CHOICES
from weerbaar.support.models import SupportProvider

_RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}
_CHECKBOXES = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
#: A value far longer than any field is never a person's input; the field's own limit gives the message.
_TEXT_ATTRS = {"rows": 5}


class ApproachedForm(WeerbaarForm):
    """What an approached entrepreneur tells, and how he wants it to go on."""

    asked_for = forms.MultipleChoiceField(
        label=_("What were you asked?"),
        choices=AskedFor.choices,
        widget=forms.CheckboxSelectMultiple(attrs=_CHECKBOXES),
        help_text=_("Tick everything that applies."),
    )
    asked_other = forms.CharField(label=_("Something else, namely"), max_length=200, required=False)
    when = forms.ChoiceField(
        label=_("When were you approached?"),
        choices=WhenApproached.choices,
        widget=forms.RadioSelect(attrs=_RADIO),
        help_text=_("Approximately is fine."),
    )
    municipality = forms.ModelChoiceField(
        label=_("In which municipality?"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("Choose a municipality"),
    )
    location_hint = forms.CharField(
        label=_("Approximate location"),
        max_length=200,
        required=False,
        help_text=_("For instance a road or hamlet. You do not have to give your address."),
    )
    account = forms.CharField(
        label=_("What happened?"),
        max_length=4000,
        widget=forms.Textarea(attrs=_TEXT_ATTRS),
        help_text=_("Who approached you, how, and what was offered or said."),
    )
    answer = forms.CharField(
        label=_("What did you answer?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    described = forms.CharField(
        label=_("Vehicles and persons"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Describe vehicles (colour, make, licence plate) and persons as well as you can. This part goes "
            "to the intake team with the signal."
        ),
    )
    route = forms.ChoiceField(
        label=_("How do you want to report this?"),
        choices=ReportRoute.choices,
        widget=forms.RadioSelect(attrs=_RADIO),
        help_text=_(
            "Anonymously, nobody learns who you are and nobody can call you back. Through the trusted contact "
            "of your area, only the trusted contact sees your name and number; he talks with you and passes "
            "the signal on without your name, unless you choose otherwise below."
        ),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    contact_email = forms.EmailField(label=_("E-mail address"), max_length=254, required=False)
    contact_when = forms.CharField(label=_("When can the trusted contact reach you?"), max_length=120, required=False)
    share_identity = forms.BooleanField(
        label=_("My name and contact details may go with the signal to the intake team"),
        required=False,
        help_text=_("Leave this unticked and the signal goes without your name."),
    )
    wants_support = forms.BooleanField(
        label=_("I would like support"),
        required=False,
        help_text=_(
            "For instance a visit from farm-support volunteers, debt help or a coach. Only at your request, "
            "and apart from the police and the authorities."
        ),
    )
    #: Invisible to people (hidden by the stylesheet); bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    conditionally_required = ("asked_other", "contact_name", "contact_phone", "contact_email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_name"].help_text = _("Needed when you choose the trusted contact.")
        self.fields["contact_phone"].help_text = _("A phone number or an e-mail address, for the trusted contact.")

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


class ReportStatusForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "status"
    to_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect(attrs=_RADIO))
    reason = forms.CharField(label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, current: str = ReportStatus.NIEUW, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = REPORT_TRANSITIONS.next(current) & REPORT_MANUAL_TARGETS
        cast("forms.ChoiceField", self.fields["to_status"]).choices = [
            (v, label) for v, label in ReportStatus.choices if v in targets
        ]


class FileSignalForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "file"
    phenomenon = forms.ChoiceField(label=_("What is it about?"), choices=PHENOMENON_CHOICES)
    description = forms.CharField(
        label=_("Text of the signal"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "This is what the intake team reads. Remove anything that could reveal the entrepreneur unless he "
            "chose to share his identity."
        ),
    )
    include_identity = forms.BooleanField(
        label=_("Send the entrepreneur's name and contact details with the signal"),
        required=False,
        help_text=_("Only possible when the entrepreneur chose this himself on his report."),
    )

    def __init__(self, *args: Any, may_share_identity: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("phenomenon", DEFAULT_PHENOMENON)
        super().__init__(*args, **kwargs)
        if not may_share_identity:
            del self.fields["include_identity"]


class ReferralForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "referral"
    provider = forms.ModelChoiceField(label=_("Refer to"), queryset=SupportProvider.objects.none())
    need = forms.CharField(label=_("What support is asked for"), max_length=300)
    referred_via = forms.ChoiceField(
        label=_("Who referred"), choices=ReferredVia.choices, widget=forms.RadioSelect(attrs=_RADIO)
    )
    referrer_detail = forms.CharField(
        label=_("About the referrer"),
        max_length=120,
        required=False,
        help_text=_("For a farm visitor: their profession, such as vet or feed adviser. No names needed."),
    )
    contact_name = forms.CharField(label=_("Entrepreneur's name"), max_length=120)
    contact_phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    contact_email = forms.EmailField(label=_("E-mail address"), max_length=254, required=False)
    consent_given_by = forms.CharField(
        label=_("Consent given by"), max_length=120, help_text=_("Usually the entrepreneur himself.")
    )
    consent_at = forms.DateField(label=_("Consent given on"))
    consent_method = forms.ChoiceField(
        label=_("How consent was given"), choices=ConsentMethod.choices, widget=forms.RadioSelect(attrs=_RADIO)
    )
    consent_scope = forms.CharField(
        label=_("Consent for"),
        max_length=300,
        help_text=_("What the entrepreneur agreed to, e.g. “passing my name and number to the volunteers”."),
    )

    conditionally_required = ("contact_phone", "contact_email")

    def __init__(self, *args: Any, providers: QuerySet[SupportProvider], versioned: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[SupportProvider]", self.fields["provider"]).queryset = providers
        if not versioned:
            del self.fields["version"]


class ReferralStatusForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "status"
    to_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect(attrs=_RADIO))
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In a few words, without details of the entrepreneur's situation."),
    )

    def __init__(self, *args: Any, current: str = ReferralStatus.VERWEZEN, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = REFERRAL_TRANSITIONS.next(current)
        cast("forms.ChoiceField", self.fields["to_status"]).choices = [
            (v, label) for v, label in ReferralStatus.choices if v in targets
        ]


class ConsentWithdrawForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "withdraw"
    confirm = forms.BooleanField(label=_("The entrepreneur has withdrawn his consent"))
