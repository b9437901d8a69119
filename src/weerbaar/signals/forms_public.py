# SPDX-License-Identifier: EUPL-1.2
"""Forms of the reporting channels: staff and partners, anonymous citizens, and the dialogue afterwards.

Forms parse and validate only: Dutch identifiers go through :mod:`weerbaar.correlation.validation`, every
upload through :func:`~weerbaar.signals.attachments.process_upload` (in memory; nothing is written until
the signal is created). Turning the cleaned data into a :class:`SignalInput` is the view's job.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import WeerbaarForm
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.forms import SubjectFieldsMixin
from weerbaar.correlation.validation import validate_house_number, validate_postcode
from weerbaar.geo.models import Municipality
from weerbaar.signals.attachments import ProcessedFile, process_upload
from weerbaar.signals.constants import ATTACHMENT_MAX_COUNT, Channel, Indicator, LocationKind, Phenomenon

LATITUDE_RANGE = (Decimal("50.7"), Decimal("53.6"))
LONGITUDE_RANGE = (Decimal("3.3"), Decimal("7.3"))
MAX_SUBJECTS = 5
RECEIPT_CODE_MAX_LENGTH = 64

FILES_AGAIN = _("For your safety, files are not kept when the form has errors: choose them again.")


# --- Bounded input ---------------------------------------------------------------------------------

#: For fields without a length of their own (choices, dates, numbers): more is never a person's input.
UNBOUNDED_FIELD_LIMIT = 200


class BoundedInputMixin(forms.Form):
    """A value far beyond its field's length is dropped before the form sees it, with a plain message.

    A form with errors is shown again with what was sent, and some error messages quote the value; so a
    megabyte posted into one field would come straight back. Browsers stop typing at ``maxlength``, but a
    textarea counts a line break as one character and sends two: up to twice the length is kept so that
    nobody loses a long text to a "too long" error.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._dropped: dict[str, int] = {}
        if not self.is_bound or not isinstance(self.data, QueryDict):
            return
        data = self.data.copy()
        for name, field in self.fields.items():
            if isinstance(field, forms.FileField):
                continue
            max_length = getattr(field, "max_length", None)
            limit = 2 * max_length if max_length else UNBOUNDED_FIELD_LIMIT
            key = self.add_prefix(name)
            if any(isinstance(value, str) and len(value) > limit for value in data.getlist(key)):
                data.setlist(key, [])
                self._dropped[name] = max_length or UNBOUNDED_FIELD_LIMIT
        self.data = data

    def full_clean(self) -> None:
        super().full_clean()
        for name, limit in self._dropped.items():
            self.cleaned_data.pop(name, None)
            self.errors[name] = self.error_class(
                [_("This was far too long (at most %(limit)d characters) and has not been kept.") % {"limit": limit}],
                renderer=self.renderer,
            )


# --- Multiple file upload --------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to ``ATTACHMENT_MAX_COUNT`` files, each checked on content, cleaned of metadata, kept in memory."""

    widget = MultipleFileInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"accept": "image/jpeg,image/png,application/pdf", "class": "utrecht-textbox"})

    def clean(self, data: Any, initial: Any = None) -> list[ProcessedFile]:
        uploads: list[UploadedFile[bytes]] = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > ATTACHMENT_MAX_COUNT:
            raise ValidationError(
                _("Add at most %(max)d files.") % {"max": ATTACHMENT_MAX_COUNT}, code="too_many_files"
            )
        processed: list[ProcessedFile] = []
        errors: list[ValidationError] = []
        for upload in uploads:
            if not isinstance(upload, UploadedFile):
                errors.append(ValidationError(_("No file was sent. Choose the file again."), code="invalid"))
                continue
            try:
                processed.append(process_upload(upload))
            except ValidationError as exc:
                name = (upload.name or "").rsplit("/", 1)[-1][:80]
                for message in exc.messages:
                    errors.append(
                        ValidationError(
                            _("%(name)s: %(reason)s"), params={"name": name, "reason": message}, code="bad_file"
                        )
                    )
        if errors:
            raise ValidationError(errors)
        return processed


# --- The signal ------------------------------------------------------------------------------------


def _not_in_future(value: date | None) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


def _in_range(value: Decimal | None, bounds: tuple[Decimal, Decimal]) -> bool:
    return value is None or bounds[0] <= value <= bounds[1]


class SignalForm(BoundedInputMixin, WeerbaarForm):
    """What happened, where and when — the part every reporting channel shares."""

    phenomenon = forms.ChoiceField(
        label=_("What is it about?"), choices=[("", _("Choose a subject")), *Phenomenon.choices]
    )
    indicators = forms.MultipleChoiceField(
        label=_("What did you notice?"),
        choices=Indicator.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
    )
    description = forms.CharField(
        label=_("What happened?"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe what you saw or heard, as concretely as you can."),
    )
    occurred_on = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        validators=[_not_in_future],
        help_text=_("The date you saw it, or the last time."),
        widget=forms.DateInput(),
    )
    location_kind = forms.ChoiceField(
        label=_("Where did it happen?"),
        choices=LocationKind.choices,
        initial=LocationKind.ADRES,
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}),
    )
    street = forms.CharField(label=_("Street"), max_length=120, required=False)
    house_number = forms.CharField(label=_("House number"), max_length=10, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("Place"), max_length=80, required=False)
    latitude = forms.DecimalField(
        max_digits=8, decimal_places=5, required=False, widget=forms.HiddenInput(attrs={"data-map": "latitude"})
    )
    longitude = forms.DecimalField(
        max_digits=8, decimal_places=5, required=False, widget=forms.HiddenInput(attrs={"data-map": "longitude"})
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("Choose a municipality"),
        to_field_name="code",
        help_text=_("Needed when you give only the area; with an address we look it up from the place."),
    )
    attachments = MultipleFileField(
        label=_("Photos or documents"),
        help_text=_("At most 5 files of at most 10 MB each: JPEG or PNG photos, or PDF. Location data is removed."),
    )

    ADDRESS_FIELDS = ("street", "house_number", "postcode", "city")
    conditionally_required = ("municipality",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["postcode"].widget.attrs.update({"autocomplete": "off", "size": 8})
        self.fields["house_number"].widget.attrs.update({"size": 8})
        self.fields["municipality"].widget.attrs["data-municipality-select"] = ""

    def clean_house_number(self) -> str:
        value: str = self.cleaned_data.get("house_number", "")
        return validate_house_number(value) if value.strip() else ""

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data.get("postcode", "")
        return validate_postcode(value) if value.strip() else ""

    def clean_latitude(self) -> Decimal | None:
        value: Decimal | None = self.cleaned_data.get("latitude")
        if not _in_range(value, LATITUDE_RANGE):
            raise ValidationError(_("The point on the map lies outside the Netherlands."), code="range")
        return value

    def clean_longitude(self) -> Decimal | None:
        value: Decimal | None = self.cleaned_data.get("longitude")
        if not _in_range(value, LONGITUDE_RANGE):
            raise ValidationError(_("The point on the map lies outside the Netherlands."), code="range")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("location_kind")
        if kind == LocationKind.ADRES:
            self._clean_address(data)
        elif kind == LocationKind.PUNT:
            missing = data.get("latitude") is None or data.get("longitude") is None
            if missing and "latitude" not in self.errors and "longitude" not in self.errors:
                self.add_error(
                    "location_kind", _("Pick a point on the map, or give an address or the municipality instead.")
                )
        elif kind == LocationKind.GEBIED and data.get("municipality") is None and "municipality" not in self.errors:
            self.add_error("municipality", _("Choose the municipality where it happened."))
        # Only the chosen kind of location is kept.
        if kind != LocationKind.PUNT:
            data["latitude"] = data["longitude"] = None
        if kind != LocationKind.ADRES:
            for name in self.ADDRESS_FIELDS:
                data[name] = ""
        return data

    def _clean_address(self, data: dict[str, Any]) -> None:
        messages = {
            "street": _("Enter the street."),
            "house_number": _("Enter the house number."),
            "city": _("Enter the place."),
        }
        for name, message in messages.items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        if data.get("municipality") is None and data.get("city") and "municipality" not in self.errors:
            found = Municipality.objects.filter(name__iexact=data["city"].strip()).first()
            if found is None:
                self.add_error(
                    "municipality",
                    _("We do not know the municipality of this place: choose the municipality from the list."),
                )
            else:
                data["municipality"] = found


class StaffSignalForm(SignalForm):
    """Staff and partners (logged in). The intake team can also register a forwarded signal."""

    forwarded_channel = forms.ChoiceField(
        label=_("Who is reporting?"),
        required=False,
        choices=[
            ("", _("I report this myself")),
            (Channel.MMA, Channel.MMA.label),
            (Channel.VERTROUWENSPERSOON, Channel.VERTROUWENSPERSOON.label),
        ],
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}),
        help_text=_("A forwarded signal is registered without a reporter: the reporter stays unknown."),
    )
    forwarded_reference = forms.CharField(label=_("Reference of the forwarding party"), max_length=60, required=False)

    def __init__(self, *args: Any, may_register_forwarded: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_register_forwarded:
            del self.fields["forwarded_channel"]
            del self.fields["forwarded_reference"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "forwarded_channel" in self.fields:
            if data.get("forwarded_channel") and not (data.get("forwarded_reference") or "").strip():
                self.add_error("forwarded_reference", _("Enter the reference the forwarding party gave."))
            if not data.get("forwarded_channel"):
                data["forwarded_reference"] = ""
        return data


class PublicSignalForm(SignalForm):
    """The anonymous form: no account, a honeypot against bots instead of anything that identifies."""

    #: Invisible to people (hidden by the stylesheet); bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"))) or "website" in self._dropped


# --- Subjects --------------------------------------------------------------------------------------


#: The fields each kind of subject uses; the rest of the row is ignored for that kind.
class SubjectForm(BoundedInputMixin, SubjectFieldsMixin, WeerbaarForm):
    """One person, company, address, vehicle, phone number, e-mail address or bank account, as a reporter
    knows them: the correlation app's subject form with the fields a reporter can be expected to know."""

    fields_by_kind: ClassVar[Mapping[str, tuple[str, ...]]] = {
        SubjectKind.PERSOON: ("given_names", "surname_prefix", "surname", "birth_date"),
        SubjectKind.BEDRIJF: ("company_name", "kvk_number"),
        SubjectKind.ADRES: ("street", "house_number", "postcode", "city"),
        SubjectKind.VOERTUIG: ("plate",),
        SubjectKind.TELEFOON: ("phone",),
        SubjectKind.EMAIL: ("email",),
        SubjectKind.IBAN: ("iban",),
    }
    #: Rows of the list may stay empty.
    kind_required = False

    def subject_data(self) -> dict[str, Any] | None:
        """The row as the kind and values of a subject, or None for an empty row."""
        kind = self.cleaned_data.get("kind") or ""
        return {"kind": kind, **self.subject_values()} if kind else None


class BaseSubjectFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    require_one = False

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if self.require_one and not self.subjects():
            raise ValidationError(
                _(
                    "Name at least one subject: a person, company, address, vehicle, phone number, "
                    "e-mail address or bank account involved."
                ),
                code="no_subjects",
            )

    def subjects(self) -> list[dict[str, Any]]:
        rows = (form.subject_data() for form in self.forms if form.is_valid())
        return [row for row in rows if row is not None]


SubjectFormSet = cast(
    "type[BaseSubjectFormSet]",
    forms.formset_factory(
        SubjectForm,
        formset=BaseSubjectFormSet,
        extra=MAX_SUBJECTS,
        max_num=MAX_SUBJECTS,
        absolute_max=MAX_SUBJECTS,
        validate_max=True,
    ),
)


class RequiredSubjectFormSet(SubjectFormSet):  # type: ignore[misc,valid-type]  # a formset_factory class
    require_one = True


# --- The dialogue afterwards -----------------------------------------------------------------------


class ReplyForm(BoundedInputMixin, WeerbaarForm):
    """An answer to the intake team, or extra information, with optional files."""

    body = forms.CharField(
        label=_("Your answer or extra information"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    attachments = MultipleFileField(
        label=_("Photos or documents"),
        help_text=_("At most 5 files of at most 10 MB each: JPEG or PNG photos, or PDF. Location data is removed."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors and self.files:
            self.add_error(None, FILES_AGAIN)
        return data


class ReceiptLookupForm(BoundedInputMixin, WeerbaarForm):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=RECEIPT_CODE_MAX_LENGTH,
        help_text=_("The code you received when you sent your report, such as ABCD-EFGH-JKLM-NPQR-STUV-WXYZ."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )


class PublicReplyForm(ReplyForm):
    """The anonymous reporter's answer: the receipt code travels along in the POST body, never in a URL."""

    code = forms.CharField(max_length=RECEIPT_CODE_MAX_LENGTH, widget=forms.HiddenInput)
