# SPDX-License-Identifier: EUPL-1.2
"""Forms of subjects and correlation: a subject's values, judgements, access requests, screening, exclusions.

``SubjectFieldsMixin`` is the one subject form: the kind first, then the fields of every kind grouped under
their own heading (``subjects.js`` shows only the chosen kind's group; without JavaScript all groups stay
visible and the values of other kinds are ignored). The signal and case pages add their own fields
(version, legal regime, consent) by mixing it into their action forms.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import WeerbaarForm
from weerbaar.correlation import validation
from weerbaar.correlation.constants import SUBJECT_FIELDS, VALUE_FIELDS, LegalForm, SubjectKind, SubjectSource, Verdict


def _past(value: date | None) -> None:
    if value is not None and (value > timezone.localdate() or value.year < 1900):
        raise ValidationError(_("Enter a date of birth in the past."), code="birth_date")


#: Field -> validator that returns the stored form of the value (raises ValidationError otherwise).
VALIDATORS: dict[str, Callable[[str], str]] = {
    "postcode": validation.validate_postcode,
    "kvk_number": validation.validate_kvk,
    "plate": validation.validate_plate,
    "iban": validation.validate_iban,
    "phone": validation.validate_phone,
    "house_number": validation.validate_house_number,
    "bag_id": validation.validate_bag_id,
}

#: What each kind needs at least (the rest is optional; fill in what you know).
REQUIRED_MESSAGES: dict[str, dict[str, Any]] = {
    SubjectKind.PERSOON: {"surname": _("Enter the surname (or what you know of it).")},
    SubjectKind.BEDRIJF: {},
    SubjectKind.ADRES: {},
    SubjectKind.VOERTUIG: {"plate": _("Enter the licence plate.")},
    SubjectKind.TELEFOON: {"phone": _("Enter the phone number.")},
    SubjectKind.EMAIL: {"email": _("Enter the e-mail address.")},
    SubjectKind.IBAN: {"iban": _("Enter the IBAN.")},
}


def _text(label: Any, max_length: int, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


class SubjectFieldsMixin(forms.Form):
    """Kind and values of one subject; ``fields_by_kind`` limits what a form offers (citizens see fewer)."""

    fields_by_kind: ClassVar[Mapping[str, tuple[str, ...]]] = SUBJECT_FIELDS
    #: A form of one subject needs its kind; rows of a longer list may stay empty.
    kind_required: ClassVar[bool] = True

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    given_names = _text(_("Given names"), 120)
    surname_prefix = _text(_("Surname prefix"), 20, help_text=_("Such as van, de, van der"))
    surname = _text(_("Surname"), 120)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, validators=[_past], widget=forms.DateInput)
    company_name = _text(_("Company name"), 200)
    legal_form = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=[("", _("Unknown")), *LegalForm.choices]
    )
    kvk_number = _text(_("KvK number"), 12, help_text=_("8 digits"))
    street = _text(_("Street"), 120)
    house_number = _text(_("House number"), 10)
    house_number_addition = _text(_("Addition"), 8, help_text=_("Such as A, bis or 2 hoog"))
    postcode = _text(_("Postcode"), 7)
    city = _text(_("Place"), 80)
    bag_id = _text(_("BAG identifier"), 20, help_text=_("16 digits, from the BAG"))
    plate = _text(_("Licence plate"), 12, help_text=_("Such as AB-123-C"))
    phone = _text(_("Phone number"), 25)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    iban = _text(_("IBAN"), 42)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = [(k, label) for k, label in SubjectKind.choices if k in self.fields_by_kind]
        kind_field = self.fields["kind"]
        kind_field.required = self.kind_required
        kind_field.choices = [("", _("Choose a kind")), *offered]  # type: ignore[attr-defined]
        kind_field.widget.attrs["data-subject-kind"] = ""
        used = {name for names in self.fields_by_kind.values() for name in names}
        for name in VALUE_FIELDS:
            if name not in used:
                del self.fields[name]
            else:
                self.fields[name].widget.attrs["autocomplete"] = "off"

    def extra_fields(self) -> list[forms.BoundField]:
        """The visible fields the hosting form adds (regime, consent, purpose ...), shown after the values."""
        return [f for f in self.visible_fields() if f.name != "kind" and f.name not in VALUE_FIELDS]

    def fields_for(self, kind: str) -> list[forms.BoundField]:
        return [self[name] for name in self.fields_by_kind.get(kind, ())]

    def kind_groups(self) -> list[tuple[str, Any, list[forms.BoundField]]]:
        return [
            (kind, label, self.fields_for(kind)) for kind, label in SubjectKind.choices if kind in self.fields_by_kind
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind") or ""
        if not kind:
            if any(v for k, v in data.items() if k in VALUE_FIELDS and v):
                self.add_error("kind", _("Choose what kind of subject this is."))
            return data
        for name in self.fields_by_kind[kind]:
            value = data.get(name)
            validator = VALIDATORS.get(name)
            if validator is not None and isinstance(value, str) and value.strip() and name not in self.errors:
                try:
                    data[name] = validator(value)
                except ValidationError as exc:
                    self.add_error(name, exc)
        for name, message in REQUIRED_MESSAGES[kind].items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        if kind == SubjectKind.BEDRIJF and not (data.get("company_name") or data.get("kvk_number")):
            self.add_error("company_name", _("Enter the company name or its KvK number."))
        if kind == SubjectKind.ADRES and not data.get("house_number") and not data.get("bag_id"):
            self.add_error("house_number", _("Enter the house number (or the BAG identifier)."))
        return data

    def subject_values(self) -> dict[str, Any]:
        """The chosen kind's values, as model fields (empty ones left out)."""
        return subject_values(self.cleaned_data, self.fields_by_kind)


def subject_values(
    data: Mapping[str, Any], fields_by_kind: Mapping[str, tuple[str, ...]] = SUBJECT_FIELDS
) -> dict[str, Any]:
    """The values of ``data["kind"]`` from a subject form's cleaned data, as model fields (empty ones left out)."""
    values: dict[str, Any] = {}
    for name in fields_by_kind.get(data.get("kind") or "", ()):
        value = data.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, ""):
            values[name] = value
    return values


class SubjectEntryMixin(SubjectFieldsMixin):
    """A subject someone adds to a signal or case: its values and where they come from. ``source`` says
    whether it was typed or confirmed from the text (the suggestion buttons post ``tekst``)."""

    source = forms.ChoiceField(
        choices=[(SubjectSource.INVOER, ""), (SubjectSource.TEKST, "")], required=False, widget=forms.HiddenInput
    )
    source_detail = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the details come from, e.g. 'KvK extract of 1 March 2026'."),
    )


class JudgementForm(WeerbaarForm):
    other = forms.UUIDField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(label=_("Are these the same?"), choices=Verdict.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you based it on, e.g. the population register or a KvK extract."),
    )


class HitAccessForm(WeerbaarForm):
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why does your organisation need access?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class InquiryAnswerForm(WeerbaarForm):
    grant = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("ja", _("We will share (e.g. through a case)")), ("nee", _("We do not share"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer to the requester"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ScreeningForm(SubjectFieldsMixin, WeerbaarForm):
    """A quick scan (e.g. Bibob): a person, company or address, and the purpose, which is audited."""

    fields_by_kind: ClassVar[Mapping[str, tuple[str, ...]]] = {
        SubjectKind.PERSOON: SUBJECT_FIELDS[SubjectKind.PERSOON],
        SubjectKind.BEDRIJF: SUBJECT_FIELDS[SubjectKind.BEDRIJF],
        SubjectKind.ADRES: SUBJECT_FIELDS[SubjectKind.ADRES],
    }
    purpose = forms.CharField(
        label=_("Purpose of this search"),
        max_length=500,
        help_text=_("Recorded in the audit trail, e.g. 'Bibob quick scan, application for an operating permit'."),
    )


class ExclusionForm(SubjectFieldsMixin, WeerbaarForm):
    fields_by_kind: ClassVar[Mapping[str, tuple[str, ...]]] = {
        SubjectKind.ADRES: ("street", "house_number", "postcode", "city"),
        SubjectKind.VOERTUIG: ("plate",),
        SubjectKind.TELEFOON: ("phone",),
        SubjectKind.EMAIL: ("email",),
        SubjectKind.IBAN: ("iban",),
    }
    label = forms.CharField(label=_("Description"), max_length=200, help_text=_("Such as 'Town hall Tilburg'"))
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == SubjectKind.ADRES and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", _("Enter the postcode and house number of the address."))
        return data


class ExportForm(WeerbaarForm):
    purpose = forms.CharField(
        label=_("Purpose of the export"),
        max_length=500,
        help_text=_(
            "Recorded in the audit trail. Hits outside your access and items without export consent are left out."
        ),
    )
