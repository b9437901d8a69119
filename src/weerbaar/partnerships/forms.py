# SPDX-License-Identifier: EUPL-1.2
"""Forms of area A. They parse input; the services decide (ceiling, content check, consent)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.models import User
from weerbaar.core.forms import WeerbaarForm
from weerbaar.core.workflow.forms import VersionedFormMixin
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships.constants import (
    ALERT_TEXT_MAX,
    ENTRY_TEXT_MAX,
    AlertTheme,
    AreaType,
    DataClass,
    DocumentKind,
    LegalBasis,
)
from weerbaar.partnerships.models import Participant

#: Ceilings a form offers: criminal-offence data are never granted in area A, so never offered.
CEILING_CHOICES = [(value, label) for value, label in DataClass.choices if value != DataClass.STRAFRECHTELIJK]
_CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"})


class UserChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class OrganisationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_type_display()})"


class ParticipantChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Participant) -> str:
        return obj.organisation.name


class PartnershipForm(WeerbaarForm):
    """Create or change the set-up. The office holders are chosen among the partnership's representatives."""

    name = forms.CharField(label=_("Name"), max_length=200)
    area_type = forms.ChoiceField(label=_("Kind of area"), choices=AreaType.choices)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities of the area"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        to_field_name="code",
        help_text=_("The area is made of their boundaries. Hold Ctrl (Cmd on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    area_file = forms.FileField(
        label=_("Or: the area as a GeoJSON file"),
        required=False,
        help_text=_("A Polygon or MultiPolygon in WGS84 (longitude, latitude), drawn in a GIS; at most 2 MB."),
    )
    objectives = forms.CharField(label=_("Objectives"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    decision_agreements = forms.CharField(
        label=_("Agreements on decisions"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    communication_agreements = forms.CharField(
        label=_("Agreements on communication"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    chair = UserChoiceField(label=_("Chair"), queryset=User.objects.none(), required=False)
    project_leader = UserChoiceField(label=_("Project leader"), queryset=User.objects.none(), required=False)
    facilitator = UserChoiceField(label=_("Facilitator"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, office_holders: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if office_holders is None:  # a new partnership: its facilitator is whoever sets it up
            for name in ("chair", "project_leader", "facilitator"):
                del self.fields[name]
            return
        for name in ("chair", "project_leader", "facilitator"):
            self.fields[name].queryset = office_holders  # type: ignore[attr-defined]
        self.fields["facilitator"].required = True

    def area_geojson(self) -> str:
        upload = self.cleaned_data.get("area_file")
        if not upload:
            return ""
        try:
            return bytes(upload.read(2 * 1024 * 1024 + 1)).decode("utf-8")
        except UnicodeDecodeError:
            return "\ufffd"  # not text: the service's JSON check refuses it with a readable message


class EditPartnershipForm(VersionedFormMixin, PartnershipForm):
    id_prefix = "setup"


class ParticipantAddForm(WeerbaarForm):
    organisation = OrganisationChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    ceiling = forms.ChoiceField(
        label=_("Data-class ceiling"),
        choices=CEILING_CHOICES,
        initial=DataClass.OPERATIONEEL,
        help_text=_(
            "The most sensitive data it may receive. A private partner: at most operational. Personal data only "
            "for a public partner with a covenant or a Wgs designation."
        ),
    )
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices, initial=LegalBasis.CONVENANT)
    joined_at = forms.DateField(label=_("Joined on"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class CeilingForm(WeerbaarForm):
    ceiling = forms.ChoiceField(label=_("Data-class ceiling"), choices=CEILING_CHOICES)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)


class RepresentativeForm(WeerbaarForm):
    user = UserChoiceField(label=_("Person"), queryset=User.objects.none())
    function = forms.CharField(
        label=_("Function in the partnership"),
        max_length=100,
        help_text=_("For example: member of the working group, contact for night-time alerts."),
    )

    def __init__(self, *args: Any, users: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(pk__in=[u.pk for u in users]).order_by(  # type: ignore[attr-defined]
            "last_name", "first_name", "username"
        )


class DocumentForm(WeerbaarForm):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    signed_on = forms.DateField(label=_("Signed on"))
    signatories = ParticipantChoiceField(label=_("Signed by"), queryset=Participant.objects.none(), widget=_CHECKBOXES)
    file = forms.FileField(
        label=_("The signed document (PDF or photo)"),
        required=False,
        help_text=_("Checked and stripped of hidden metadata before it is stored; at most 10 MB."),
    )

    def __init__(self, *args: Any, participants: QuerySet[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signatories"].queryset = participants  # type: ignore[attr-defined]


class DirectoryEntryForm(VersionedFormMixin, WeerbaarForm):
    id_prefix = "entry"
    description = forms.CharField(
        label=_("Who we are and what we do in the area"),
        max_length=ENTRY_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        max_length=500,
        required=False,
        help_text=_("Separate them by commas, for example: drug waste, barns, night-time patrols."),
    )
    offers = forms.CharField(
        label=_("What we can offer the partners"),
        max_length=ENTRY_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reachability = forms.CharField(
        label=_("How and when to reach us"),
        max_length=ENTRY_TEXT_MAX,
        required=False,
        help_text=_("Without phone numbers or e-mail addresses: those go in the contact details below."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    contact_consent = forms.BooleanField(
        label=_("I consent to sharing these contact details with the members of this partnership"),
        required=False,
        help_text=_("Without consent the contact details are not kept and nobody sees them."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("Work phone"), max_length=30, required=False)
    contact_email = forms.CharField(label=_("Work e-mail address"), max_length=254, required=False)
    latitude = forms.DecimalField(
        label=_("Where we are active: latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text=_("Optional, for the map; kept at about 100 m. For example 51.59 (with a point)."),
    )
    longitude = forms.DecimalField(
        label=_("Where we are active: longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text=_("For example 5.32 (with a point)."),
    )


class AlertForm(WeerbaarForm):
    theme = forms.ChoiceField(label=_("Theme"), choices=AlertTheme.choices)
    text = forms.CharField(
        label=_("What partners should know"),
        max_length=ALERT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What happened, roughly where and when. No names, licence plates, phone numbers or addresses: "
            "describe a vehicle by its colour and make."
        ),
    )
    location_text = forms.CharField(
        label=_("Approximate location"),
        max_length=200,
        required=False,
        help_text=_("A road, a crossing or an area; not an address."),
    )
    guidance = forms.CharField(
        label=_("What to do"),
        max_length=ALERT_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: keep barn doors locked tonight; call 112 when you see it happen."),
    )
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9, decimal_places=6)


class DirectoryFilterForm(WeerbaarForm):
    expertise = forms.ChoiceField(label=_("Expertise"), required=False)
    organisation_type = forms.ChoiceField(label=_("Kind of partner"), required=False)
    text = forms.CharField(label=_("Search"), max_length=100, required=False)

    def __init__(self, *args: Any, expertise: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expertise"].choices = [("", _("Any")), *((tag, tag) for tag in expertise)]  # type: ignore[attr-defined]
        self.fields["organisation_type"].choices = [("", _("Any")), *OrganisationType.choices]  # type: ignore[attr-defined]


class AlertFilterForm(WeerbaarForm):
    """The all-alerts page's filter: one theme, or all of them."""

    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=[("", _("Any")), *AlertTheme.choices])
