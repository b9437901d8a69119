# SPDX-License-Identifier: EUPL-1.2
"""Signals in the API: Dutch camelCase fields, UUIDs only, every bad field named with a Dutch reason.

Input is strict: unknown fields are refused (a typo such as ``beschrijving`` for ``omschrijving`` must not
vanish silently). Dutch identifiers go through the normalisers in :mod:`weerbaar.correlation.validation`; their
messages are given here in Dutch, because the API speaks Dutch whatever the catalogues hold.
"""

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from weerbaar.api.fields import NormalisedField, PastDateField, StrictSerializer, text_field
from weerbaar.correlation.api.serializers import SubjectInputSerializer, SubjectSerializer, subject_values_from
from weerbaar.correlation.validation import validate_house_number, validate_postcode
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

MAX_SUBJECTS = 50
TOO_MANY_SUBJECTS = f"Hooguit {MAX_SUBJECTS} betrokkenen per melding."


def _municipality(code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise serializers.ValidationError("Onbekende gemeentecode: gebruik een CBS-code zoals GM0855.", code="unknown")
    return municipality


class LocationInputSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=LocationKind.choices, help_text="adres, punt (op de kaart) of gebied.")
    straat = text_field(120)
    huisnummer = NormalisedField(validate_house_number, max_length=10)
    postcode = NormalisedField(validate_postcode, max_length=7)
    plaats = text_field(80)
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


class DrugWasteInputSerializer(StrictSerializer):
    soortDumping = serializers.ChoiceField(choices=DumpingType.choices)  # noqa: N815
    volumeLiters = serializers.IntegerField(required=False, min_value=0, max_value=10_000_000)  # noqa: N815
    soortGrondeigenaar = serializers.ChoiceField(choices=LandownerType.choices, required=False)  # noqa: N815
    politieReferentie = text_field(40, help_text="Nummer van de aangifte of het proces-verbaal.")  # noqa: N815
    saneerder = text_field(120, help_text="Het bedrijf dat de dumping opruimt.")
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
    betrokkenen: serializers.ListSerializer[Any] = serializers.ListSerializer(
        child=SubjectInputSerializer(),
        allow_empty=False,
        max_length=MAX_SUBJECTS,
        error_messages={"max_length": TOO_MANY_SUBJECTS},
        help_text="Personen, bedrijven, adressen, voertuigen, telefoonnummers, e-mailadressen of IBAN's.",
    )
    drugsafval = DrugWasteInputSerializer(required=False, help_text="Alleen bij fenomeen drugsafvaldumping.")
    kanaal = serializers.ChoiceField(
        choices=[(c.value, c.label) for c in Channel if c in FORWARDED_CHANNELS],
        required=False,
        help_text="Alleen voor het meldpunt: een doorgestuurde melding van Meld Misdaad Anoniem of een "
        "vertrouwenspersoon (melder onbekend), met de `referentie` van die partij.",
    )
    referentie = text_field(60, help_text="Kenmerk van de doorsturende partij; verplicht bij `kanaal`.")

    class Meta:
        ref_name = "MeldingNieuw"

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

    betrokkenen = serializers.ListSerializer(
        child=SubjectInputSerializer(),
        required=False,
        max_length=MAX_SUBJECTS,
        error_messages={"max_length": TOO_MANY_SUBJECTS},
    )
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
            {"kind": kind} | values for kind, values in map(subject_values_from, validated.get("betrokkenen", []))
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


class DrugWasteSerializer(serializers.ModelSerializer[DrugWasteDetails]):
    soortDumping = serializers.ChoiceField(source="dumping_type", choices=DumpingType.choices)  # noqa: N815
    volumeLiters = serializers.IntegerField(source="volume_litres", allow_null=True)  # noqa: N815
    soortGrondeigenaar = serializers.ChoiceField(  # noqa: N815
        source="landowner_type", choices=LandownerType.choices, allow_blank=True
    )
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
    indicatoren = serializers.ListField(source="indicators", child=serializers.ChoiceField(choices=Indicator.choices))
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
