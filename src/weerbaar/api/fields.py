# SPDX-License-Identifier: EUPL-1.2
"""Serializer building blocks shared by every app's API: strict input, Dutch reasons, normalised identifiers.

Input is strict: unknown fields are refused (a typo such as ``beschrijving`` for ``omschrijving`` must not
vanish silently). Messages are Dutch, because the API speaks Dutch whatever the catalogues hold.
"""

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from django.utils import timezone
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

REQUIRED = "Dit veld is verplicht."
UNKNOWN_FIELD = "Onbekend veld."
READ_ONLY_FIELD = "Dit veld bepaalt de server; stuur het niet mee."
NOT_IN_FUTURE = "De datum mag niet in de toekomst liggen."
MOMENT_NOT_IN_FUTURE = "Dit tijdstip ligt in de toekomst."
DATE_TIME_FORMAT = "Geef datum en tijd met tijdzone (RFC 3339), zoals 2026-03-01T14:30:00+01:00."

#: RFC 3339 ``date-time``: a full date, a time and an offset (``Z`` or ``+hh:mm``).
_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)

#: Dutch reasons for the normalisers' error codes.
_REASONS = {
    "postcode": "Vul een Nederlandse postcode in, zoals 1234 AB.",
    "kvk": "Een KvK-nummer heeft precies 8 cijfers.",
    "plate": "Vul een Nederlands kenteken in, zoals AB-123-C.",
    "iban": "Vul een IBAN in, zoals NL91 ABNA 0417 1643 00.",
    "iban_checksum": "Dit IBAN bestaat niet: het controlegetal klopt niet. Controleer de cijfers.",
    "phone": "Vul een telefoonnummer in, zoals 06 12345678 of +31 6 12345678.",
    "house_number": "Vul een huisnummer in, zoals 12 of 12A.",
    "bag_id": "Een BAG-identificatie heeft 16 cijfers.",
    "email": "Vul een e-mailadres in, zoals naam@example.nl.",
}


# The strict classes carry comments, not docstrings: the OpenAPI generator would show a docstring as the
# description of every request body that has none of its own.


class StrictInput:
    # Refuses the fields the serializer does not take — unknown ones and read-only ones — and values of
    # another JSON type than the field's (DRF reads 12 as the text "12" and "12" as the number 12), next to
    # the usual per-field errors, at every level (a nested strict serializer does the same for its part).

    #: False for a serializer of query parameters, whose values are all text.
    json_types: ClassVar[bool] = True

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        value: Any = None
        try:
            value = super().to_internal_value(data)  # type: ignore[misc]
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, Mapping):
                raise
            errors.update(exc.detail)
        if isinstance(data, Mapping):
            fields = self.fields  # type: ignore[attr-defined]
            writable = {field.field_name for field in self._writable_fields}  # type: ignore[attr-defined]
            for name in writable & set(data):
                problem = (self.json_types and _wrong_type(fields[name], data[name])) or _too_long(
                    fields[name], data[name]
                )
                if problem:
                    errors[name] = [problem]
            for name in sorted(set(map(str, data)) - writable):
                if name in fields:
                    errors[name] = [ErrorDetail(READ_ONLY_FIELD, code="read_only")]
                else:
                    errors[name] = [ErrorDetail(UNKNOWN_FIELD, code="unknown")]
        if errors:
            raise serializers.ValidationError(errors)
        return value


_TEXT = (
    serializers.CharField,
    serializers.ChoiceField,
    serializers.UUIDField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.TimeField,
)


def _wrong_type(field: Any, value: Any) -> ErrorDetail | None:
    """A value of another JSON type than the field takes (``null`` is the field's own decision)."""
    if value is None:
        return None
    if isinstance(field, serializers.ListField) and isinstance(value, list):
        return next((problem for item in value if (problem := _wrong_type(field.child, item))), None)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(field, serializers.BooleanField):
        expected, ok = "true of false", isinstance(value, bool)
    elif isinstance(field, serializers.IntegerField):
        expected, ok = "een geheel getal", number and (isinstance(value, int) or value.is_integer())
    elif isinstance(field, serializers.FloatField | serializers.DecimalField):
        expected, ok = "een getal", number
    elif isinstance(field, _TEXT) and not isinstance(field, serializers.MultipleChoiceField):
        expected, ok = "tekst", isinstance(value, str)
    else:
        return None  # lists and objects: DRF checks those itself
    return None if ok else ErrorDetail(f"Verwacht {expected}.", code="invalid")


def _too_long(field: Any, value: Any) -> ErrorDetail | None:
    """A text longer than its maximum as sent: DRF measures it after trimming the whitespace around it, the
    document (``maxLength``) before."""
    limit = getattr(field, "max_length", None)
    if not isinstance(field, serializers.CharField) or limit is None or not isinstance(value, str):
        return None
    if len(value) <= limit:
        return None
    return ErrorDetail(str(field.error_messages["max_length"]).format(max_length=limit), code="max_length")


class StrictSerializer(StrictInput, serializers.Serializer[Any]):
    # The base of every request body's serializer; the OpenAPI generator warns about any other.
    pass


class StrictModelSerializer[M: Model](StrictInput, serializers.ModelSerializer[M]):
    # A model serializer that is also a request body (read and written in the same shape).
    pass


def is_strict(serializer: Any) -> bool:
    """Whether ``serializer`` (or, for a list, its child) refuses fields it does not take."""
    return isinstance(getattr(serializer, "child", serializer), StrictInput)


class NormalisedField(serializers.CharField):
    """A text field normalised by one of the Dutch-identifier normalisers."""

    def __init__(self, normaliser: Callable[[str], str], **kwargs: Any) -> None:
        self.normaliser = normaliser
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        try:
            return self.normaliser(value)
        except DjangoValidationError as exc:
            code = exc.code or "invalid"
            raise serializers.ValidationError(_REASONS.get(code, "Ongeldige waarde."), code=code) from exc


class PastDateField(serializers.DateField):
    def to_internal_value(self, value: Any) -> date:
        result = super().to_internal_value(value)
        if result > timezone.localdate():
            raise serializers.ValidationError(NOT_IN_FUTURE, code="future")
        return result


class UniqueListField(serializers.ListField):
    """A list in which every value occurs once (``uniqueItems`` in the OpenAPI document)."""

    default_error_messages = {"not_unique": "Noem elke waarde maar één keer."}

    def to_internal_value(self, data: Any) -> list[Any]:
        values: list[Any] = super().to_internal_value(data)
        if len(set(values)) != len(values):
            self.fail("not_unique")
        return values


def text_field(max_length: int, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, required=False, **kwargs)


class DateTimeField(serializers.DateTimeField):
    """A moment as RFC 3339 ``date-time``, both ways.

    In: a date, a time and an offset; a moment without an offset is ambiguous and refused. Out: in the
    current time zone, except where its offset is not a whole number of minutes (local mean time before
    1937), which RFC 3339 cannot write: then in UTC.
    """

    default_error_messages = {"invalid": DATE_TIME_FORMAT}

    def to_internal_value(self, value: Any) -> datetime:
        if not isinstance(value, str) or not _RFC3339.fullmatch(value):
            self.fail("invalid")
        return super().to_internal_value(value.upper())

    def to_representation(self, value: datetime) -> str:  # a serializer writes null itself
        moment = self.enforce_timezone(value)
        offset = moment.utcoffset()
        if offset is not None and offset % timedelta(minutes=1):
            moment = moment.astimezone(UTC)
        text = moment.isoformat()
        return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


class PastDateTimeField(DateTimeField):
    """A moment that has happened (a few minutes' grace for a client's clock)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "Datum en tijd met tijdzone (RFC 3339); niet in de toekomst.")
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> datetime:
        result = super().to_internal_value(value)
        if result > timezone.now() + timedelta(minutes=5):
            raise serializers.ValidationError(MOMENT_NOT_IN_FUTURE, code="future")
        return result
