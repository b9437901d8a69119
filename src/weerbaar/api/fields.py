# SPDX-License-Identifier: EUPL-1.2
"""Serializer building blocks shared by every app's API: strict input, Dutch reasons, normalised identifiers.

Input is strict: unknown fields are refused (a typo such as ``beschrijving`` for ``omschrijving`` must not
vanish silently). Messages are Dutch, because the API speaks Dutch whatever the catalogues hold.
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from rest_framework import serializers

REQUIRED = "Dit veld is verplicht."
UNKNOWN_FIELD = "Onbekend veld."
NOT_IN_FUTURE = "De datum mag niet in de toekomst liggen."

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


class StrictSerializer(serializers.Serializer[Any]):
    """Refuses fields it does not know, next to the usual per-field errors."""

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        value: Any = None
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, Mapping):
                raise
            errors.update(exc.detail)
        if isinstance(data, Mapping):
            for name in sorted(set(data) - set(self.fields)):
                errors[str(name)] = [UNKNOWN_FIELD]
        if errors:
            raise serializers.ValidationError(errors)
        return value


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


def text_field(max_length: int, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, required=False, **kwargs)
