# SPDX-License-Identifier: EUPL-1.2
"""Signals in the API: Dutch camelCase fields, UUIDs only, every bad field named with a Dutch reason.

Input is strict: unknown fields are refused (a typo such as ``beschrijving`` for ``omschrijving`` must not
vanish silently). Dutch identifiers go through the normalisers in :mod:`weerbaar.signals.validation`; their
messages are given here in Dutch, because the API speaks Dutch whatever the catalogues hold.
"""

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Subject
from weerbaar.geo.models import Municipality
from weerbaar.geo.spatial import municipality_code_at
from weerbaar.signals.constants import (
    FORWARDED_CHANNELS,
    Channel,
    DumpingType,
    Indicator,
    LandownerType,
    LocationKind,
    Phenomenon,
    Status,
)
from weerbaar.signals.models import DrugWasteDetails, Signal
from weerbaar.signals.services import SignalInput
from weerbaar.signals.validation import (
    normalise_house_number,
    normalise_iban,
    normalise_kvk,
    normalise_phone,
    normalise_plate,
    normalise_postcode,
)

REQUIRED = "Dit veld is verplicht."
UNKNOWN_FIELD = "Onbekend veld."
MAX_SUBJECTS = 50
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


def _text(max_length: int, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, required=False, **kwargs)


def _municipality(code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise serializers.ValidationError("Onbekende gemeentecode: gebruik een CBS-code zoals GM0855.", code="unknown")
    return municipality


class LocationInputSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=LocationKind.choices, help_text="adres, punt (op de kaart) of gebied.")
    straat = _text(120)
    huisnummer = NormalisedField(normalise_house_number, max_length=10)
    postcode = NormalisedField(normalise_postcode, max_length=7)
    plaats = _text(80)
    breedtegraad = serializers.FloatField(
        required=False,
        min_value=50.7,
        max_value=53.6,
        help_text="WGS84; binnen Nederland (50,7 tot 53,6).",
        error_messages={
            "min_value": "Dit punt ligt niet in Nederland: de breedtegraad ligt tussen 50,7 en 53,6.",
            "max_value": "Dit punt ligt niet in Nederland: de breedtegraad ligt tussen 50,7 en 53,6.",
        },
    )
    lengtegraad = serializers.FloatField(
        required=False,
        min_value=3.3,
        max_value=7.3,
        help_text="WGS84; binnen Nederland (3,3 tot 7,3).",
        error_messages={
            "min_value": "Dit punt ligt niet in Nederland: de lengtegraad ligt tussen 3,3 en 7,3.",
            "max_value": "Dit punt ligt niet in Nederland: de lengtegraad ligt tussen 3,3 en 7,3.",
        },
    )
    gemeentecode = serializers.RegexField(
        r"^GM[0-9]{4}$",
        required=False,
        help_text="CBS-code van de gemeente (GM0855). Bij een punt beslist het punt.",
        error_messages={"invalid": "Een gemeentecode is GM gevolgd door vier cijfers, zoals GM0855."},
    )

    def validate_gemeentecode(self, value: str) -> Municipality:
        return _municipality(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        kind = attrs["soort"]
        errors: dict[str, str] = {}
        has_point = "breedtegraad" in attrs and "lengtegraad" in attrs
        if ("breedtegraad" in attrs) != ("lengtegraad" in attrs):
            errors["lengtegraad" if "breedtegraad" in attrs else "breedtegraad"] = (
                "Geef breedte- én lengtegraad, of geen van beide."
            )
        if kind == LocationKind.PUNT and not has_point:
            errors.setdefault("breedtegraad", "Verplicht bij een punt op de kaart.")
        if kind == LocationKind.ADRES:
            for name in ("postcode", "huisnummer"):
                if not attrs.get(name):
                    errors[name] = "Verplicht bij een adres."
        if kind != LocationKind.PUNT and not has_point and "gemeentecode" not in attrs:
            errors["gemeentecode"] = "Kies de gemeente waar het gebeurde."
        if has_point and "gemeentecode" not in attrs and not errors:
            code = municipality_code_at(lat=attrs["breedtegraad"], lon=attrs["lengtegraad"])
            if code is None:
                errors["breedtegraad"] = "Dit punt ligt niet in een Nederlandse gemeente; geef een gemeentecode."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


#: Which fields each kind of subject may carry, and which of them are required.
_SUBJECT_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    SubjectKind.PERSOON: (
        {"voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "straat", "huisnummer", "postcode", "plaats"},
        {"achternaam"},
    ),
    SubjectKind.BEDRIJF: ({"bedrijfsnaam", "kvkNummer", "straat", "huisnummer", "postcode", "plaats"}, set()),
    SubjectKind.ADRES: ({"straat", "huisnummer", "postcode", "plaats"}, set()),
    SubjectKind.VOERTUIG: ({"kenteken"}, {"kenteken"}),
    SubjectKind.TELEFOON: ({"telefoonnummer"}, {"telefoonnummer"}),
    SubjectKind.EMAIL: ({"email"}, {"email"}),
    SubjectKind.IBAN: ({"iban"}, {"iban"}),
}

#: API field -> model field of :class:`~weerbaar.correlation.models.Subject`.
_SUBJECT_MODEL_FIELDS = {
    "voornamen": "given_names",
    "tussenvoegsel": "surname_prefix",
    "achternaam": "surname",
    "geboortedatum": "birth_date",
    "bedrijfsnaam": "company_name",
    "kvkNummer": "kvk_number",
    "straat": "street",
    "huisnummer": "house_number",
    "postcode": "postcode",
    "plaats": "city",
    "kenteken": "plate",
    "telefoonnummer": "phone",
    "email": "email",
    "iban": "iban",
}


class SubjectInputSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=SubjectKind.choices)
    voornamen = _text(120)
    tussenvoegsel = _text(20)
    achternaam = _text(120)
    geboortedatum = PastDateField(required=False)
    bedrijfsnaam = _text(200)
    kvkNummer = NormalisedField(normalise_kvk, max_length=12)  # noqa: N815
    straat = _text(120)
    huisnummer = NormalisedField(normalise_house_number, max_length=10)
    postcode = NormalisedField(normalise_postcode, max_length=7)
    plaats = _text(80)
    kenteken = NormalisedField(normalise_plate, max_length=12)
    telefoonnummer = NormalisedField(normalise_phone, max_length=24)
    email = serializers.EmailField(
        required=False, max_length=254, error_messages={"invalid": "Vul een e-mailadres in, zoals naam@example.nl."}
    )
    iban = NormalisedField(normalise_iban, max_length=42)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        kind = attrs["soort"]
        allowed, required = _SUBJECT_FIELDS[kind]
        errors: dict[str, str] = {}
        for name in sorted(set(attrs) - allowed - {"soort"}):
            errors[name] = f"Dit veld hoort niet bij een betrokkene van soort '{kind}'."
        for name in sorted(required - set(attrs)):
            errors[name] = REQUIRED
        if kind == SubjectKind.BEDRIJF and not attrs.get("bedrijfsnaam") and not attrs.get("kvkNummer"):
            errors["bedrijfsnaam"] = "Geef de bedrijfsnaam of het KvK-nummer."
        if kind == SubjectKind.ADRES and not (
            (attrs.get("postcode") and attrs.get("huisnummer")) or (attrs.get("straat") and attrs.get("plaats"))
        ):
            errors["postcode"] = "Geef postcode en huisnummer, of straat en plaats."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class DrugWasteInputSerializer(StrictSerializer):
    soortDumping = serializers.ChoiceField(choices=DumpingType.choices)  # noqa: N815
    volumeLiters = serializers.IntegerField(required=False, min_value=0, max_value=10_000_000)  # noqa: N815
    soortGrondeigenaar = serializers.ChoiceField(choices=LandownerType.choices, required=False)  # noqa: N815
    politieReferentie = _text(40, help_text="Nummer van de aangifte of het proces-verbaal.")  # noqa: N815
    saneerder = _text(120, help_text="Het bedrijf dat de dumping opruimt.")
    kostenSanering = serializers.DecimalField(  # noqa: N815
        max_digits=10, decimal_places=2, min_value=Decimal("0"), required=False, help_text="In euro."
    )


class SignalInputSerializer(StrictSerializer):
    """A signal from a partner system (or a verified session)."""

    fenomeen = serializers.ChoiceField(choices=Phenomenon.choices)
    indicatoren = serializers.ListField(
        child=serializers.ChoiceField(choices=Indicator.choices), required=False, max_length=len(Indicator)
    )
    omschrijving = serializers.CharField(max_length=10_000, help_text="Wat is er gebeurd of gezien?")
    datumVoorval = PastDateField(required=False, allow_null=True, help_text="Wanneer het gebeurde.")  # noqa: N815
    locatie = LocationInputSerializer()
    betrokkenen = SubjectInputSerializer(
        many=True,
        allow_empty=False,
        help_text="Personen, bedrijven, adressen, voertuigen, telefoonnummers, e-mailadressen of IBAN's.",
    )
    drugsafval = DrugWasteInputSerializer(required=False, help_text="Alleen bij fenomeen drugsafvaldumping.")
    kanaal = serializers.ChoiceField(
        choices=[(c.value, c.label) for c in Channel if c in FORWARDED_CHANNELS],
        required=False,
        help_text="Alleen voor het meldpunt: een doorgestuurde melding van Meld Misdaad Anoniem of een "
        "vertrouwenspersoon (melder onbekend), met de `referentie` van die partij.",
    )
    referentie = _text(60, help_text="Kenmerk van de doorsturende partij; verplicht bij `kanaal`.")

    class Meta:
        ref_name = "MeldingNieuw"

    def validate_betrokkenen(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > MAX_SUBJECTS:
            raise serializers.ValidationError(f"Hooguit {MAX_SUBJECTS} betrokkenen per melding.", code="max_length")
        return value

    def validate_kanaal(self, value: str) -> str:
        if not self.context.get("may_forward", False):
            raise serializers.ValidationError(
                "Alleen het meldpunt registreert doorgestuurde meldingen (MMA, vertrouwenspersoon).", code="forbidden"
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, str] = {}
        if "drugsafval" in attrs and attrs["fenomeen"] != Phenomenon.DRUGSAFVALDUMPING:
            errors["drugsafval"] = "Alleen bij fenomeen drugsafvaldumping."
        if attrs.get("kanaal") and not attrs.get("referentie"):
            errors["referentie"] = "Verplicht bij een doorgestuurde melding."
        if attrs.get("referentie") and not attrs.get("kanaal"):
            errors["referentie"] = "Alleen bij een doorgestuurde melding (met `kanaal`)."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class PublicSignalInputSerializer(SignalInputSerializer):
    """An anonymous signal: the same body; subjects optional; no channel or reference."""

    betrokkenen = SubjectInputSerializer(many=True, required=False, allow_empty=True)
    kanaal = None  # type: ignore[assignment]
    referentie = None  # type: ignore[assignment]

    class Meta:
        ref_name = "PubliekeMeldingNieuw"


def signal_input_from(validated: dict[str, Any], *, channel: str) -> SignalInput:
    """The service's input from a validated body (API names to model names; points to 5 decimals)."""
    location = validated["locatie"]

    def degrees(name: str) -> Decimal | None:
        value = location.get(name)
        return None if value is None else Decimal(str(round(value, 5)))

    waste = validated.get("drugsafval")
    return SignalInput(
        channel=validated.get("kanaal") or channel,
        phenomenon=validated["fenomeen"],
        indicators=list(validated.get("indicatoren", [])),
        description=validated["omschrijving"],
        occurred_on=validated.get("datumVoorval"),
        location_kind=location["soort"],
        street=location.get("straat", ""),
        house_number=location.get("huisnummer", ""),
        postcode=location.get("postcode", ""),
        city=location.get("plaats", ""),
        latitude=degrees("breedtegraad"),
        longitude=degrees("lengtegraad"),
        municipality=location.get("gemeentecode"),
        forwarded_reference=validated.get("referentie", ""),
        subjects=[
            {"kind": s["soort"]} | {_SUBJECT_MODEL_FIELDS[k]: v for k, v in s.items() if k != "soort"}
            for s in validated.get("betrokkenen", [])
        ],
        drug_waste=None
        if waste is None
        else {
            "dumping_type": waste["soortDumping"],
            "volume_litres": waste.get("volumeLiters"),
            "landowner_type": waste.get("soortGrondeigenaar", ""),
            "police_reference": waste.get("politieReferentie", ""),
            "cleanup_contractor": waste.get("saneerder", ""),
            "cleanup_costs": waste.get("kostenSanering"),
        },
    )


#: Model field of a service error -> the field path in the API body.
SERVICE_FIELD_PATHS = {
    "municipality": "locatie.gemeentecode",
    "latitude": "locatie.breedtegraad",
    "longitude": "locatie.lengtegraad",
    "postcode": "locatie.postcode",
    "house_number": "locatie.huisnummer",
    "description": "omschrijving",
    "occurred_on": "datumVoorval",
    "phenomenon": "fenomeen",
}


# --- Responses ------------------------------------------------------------------------------------


class SignalCreatedSerializer(serializers.ModelSerializer[Signal]):
    uuid = serializers.UUIDField(read_only=True)
    nummer = serializers.CharField(source="number", read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    gemeentecode = serializers.CharField(source="municipality.code", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Signal
        fields = ["uuid", "nummer", "status", "gemeentecode"]
        ref_name = "MeldingOntvangen"


class PublicSignalCreatedSerializer(serializers.Serializer[Any]):
    nummer = serializers.CharField(read_only=True, help_text="Het nummer van de melding.")
    ontvangstcode = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="Eenmalig getoond (alleen een hash wordt bewaard). Bij een herhaald verzoek met dezelfde "
        "Idempotency-Key is deze leeg.",
    )
    detail = serializers.CharField(read_only=True, help_text="Wat de melder met de ontvangstcode kan.")

    class Meta:
        ref_name = "PubliekeMeldingOntvangen"


class LocationSerializer(serializers.ModelSerializer[Signal]):
    soort = serializers.ChoiceField(source="location_kind", choices=LocationKind.choices)
    straat = serializers.CharField(source="street")
    huisnummer = serializers.CharField(source="house_number")
    postcode = serializers.CharField()
    plaats = serializers.CharField(source="city")
    breedtegraad = serializers.DecimalField(source="latitude", max_digits=8, decimal_places=5, allow_null=True)
    lengtegraad = serializers.DecimalField(source="longitude", max_digits=8, decimal_places=5, allow_null=True)
    gemeentecode = serializers.CharField(source="municipality.code", allow_null=True, default=None)

    class Meta:
        model = Signal
        fields = ["soort", "straat", "huisnummer", "postcode", "plaats", "breedtegraad", "lengtegraad", "gemeentecode"]
        ref_name = "Locatie"


class SubjectSerializer(serializers.ModelSerializer[Subject]):
    uuid = serializers.UUIDField()
    soort = serializers.ChoiceField(source="kind", choices=SubjectKind.choices)
    voornamen = serializers.CharField(source="given_names")
    tussenvoegsel = serializers.CharField(source="surname_prefix")
    achternaam = serializers.CharField(source="surname")
    geboortedatum = serializers.DateField(source="birth_date", allow_null=True)
    bedrijfsnaam = serializers.CharField(source="company_name")
    kvkNummer = serializers.CharField(source="kvk_number")  # noqa: N815
    straat = serializers.CharField(source="street")
    huisnummer = serializers.CharField(source="house_number")
    postcode = serializers.CharField()
    plaats = serializers.CharField(source="city")
    kenteken = serializers.CharField(source="plate")
    telefoonnummer = serializers.CharField(source="phone")
    email = serializers.CharField()
    iban = serializers.CharField()

    class Meta:
        model = Subject
        fields = ["uuid", "soort", *(k for k in _SUBJECT_MODEL_FIELDS if k != "soort")]
        ref_name = "Betrokkene"


class DrugWasteSerializer(serializers.ModelSerializer[DrugWasteDetails]):
    soortDumping = serializers.ChoiceField(source="dumping_type", choices=DumpingType.choices)  # noqa: N815
    volumeLiters = serializers.IntegerField(source="volume_litres", allow_null=True)  # noqa: N815
    soortGrondeigenaar = serializers.CharField(source="landowner_type")  # noqa: N815
    politieReferentie = serializers.CharField(source="police_reference")  # noqa: N815
    saneerder = serializers.CharField(source="cleanup_contractor")
    kostenSanering = serializers.DecimalField(  # noqa: N815
        source="cleanup_costs", max_digits=10, decimal_places=2, allow_null=True
    )

    class Meta:
        model = DrugWasteDetails
        fields = [
            "soortDumping",
            "volumeLiters",
            "soortGrondeigenaar",
            "politieReferentie",
            "saneerder",
            "kostenSanering",
        ]
        ref_name = "Drugsafval"


class SignalSummarySerializer(serializers.ModelSerializer[Signal]):
    uuid = serializers.UUIDField()
    nummer = serializers.CharField(source="number")
    fenomeen = serializers.ChoiceField(source="phenomenon", choices=Phenomenon.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    kanaal = serializers.ChoiceField(source="channel", choices=Channel.choices)
    ontvangenOp = serializers.DateTimeField(source="received_at")  # noqa: N815
    datumVoorval = serializers.DateField(source="occurred_on", allow_null=True)  # noqa: N815
    gemeentecode = serializers.CharField(source="municipality.code", allow_null=True, default=None)

    class Meta:
        model = Signal
        fields = ["uuid", "nummer", "fenomeen", "status", "kanaal", "ontvangenOp", "datumVoorval", "gemeentecode"]
        ref_name = "MeldingSamenvatting"


class SignalDetailSerializer(SignalSummarySerializer):
    indicatoren = serializers.ListField(source="indicators", child=serializers.CharField())
    omschrijving = serializers.CharField(source="description")
    locatie = LocationSerializer(source="*")
    betrokkenen = SubjectSerializer(source="subjects", many=True)
    drugsafval = serializers.SerializerMethodField()
    referentie = serializers.CharField(source="forwarded_reference")
    kwalificerenVoor = serializers.DateTimeField(source="acknowledge_due")  # noqa: N815
    wegenVoor = serializers.DateTimeField(source="weigh_due")  # noqa: N815

    class Meta(SignalSummarySerializer.Meta):
        fields = [
            *SignalSummarySerializer.Meta.fields,
            "indicatoren",
            "omschrijving",
            "locatie",
            "betrokkenen",
            "drugsafval",
            "referentie",
            "kwalificerenVoor",
            "wegenVoor",
        ]
        ref_name = "Melding"

    @extend_schema_field(DrugWasteSerializer(allow_null=True))
    def get_drugsafval(self, obj: Signal) -> dict[str, Any] | None:
        details = getattr(obj, "drug_waste", None)
        return None if details is None else dict(DrugWasteSerializer(details).data)


class SignalFilterSerializer(StrictSerializer):
    """Query parameters of the list. Personal data is never a query parameter (it would land in logs)."""

    fenomeen = serializers.ChoiceField(choices=Phenomenon.choices, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    ontvangenVanaf = serializers.DateField(required=False)  # noqa: N815
    ontvangenTot = serializers.DateField(required=False)  # noqa: N815
    gemeentecode = serializers.RegexField(
        r"^GM[0-9]{4}$",
        required=False,
        error_messages={"invalid": "Een gemeentecode is GM gevolgd door vier cijfers, zoals GM0855."},
    )
    page = serializers.CharField(required=False)  # checked by the paginator
    pageSize = serializers.CharField(required=False)  # noqa: N815

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        since, until = attrs.get("ontvangenVanaf"), attrs.get("ontvangenTot")
        if since and until and since > until:
            raise serializers.ValidationError({"ontvangenTot": "Moet op of na ontvangenVanaf liggen."})
        return attrs
