# SPDX-License-Identifier: EUPL-1.2
"""Area A in the API. Explicit camelCase fields; no person is ever a field: no representative, no sender,
no contact details (the directory stays in the application, where consent is shown beside it)."""

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from weerbaar.api.fields import StrictSerializer
from weerbaar.api.serializers import OrganisationRefSerializer
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships.constants import ALERT_TEXT_MAX, AlertTheme, AreaType, DataClass, LegalBasis
from weerbaar.partnerships.models import AreaAlert, Participant, Partnership
from weerbaar.partnerships.selectors import participant_effective_ceiling, partnership_readiness

#: The GeoJSON geometry of an area, as stored (WGS84).
GEOMETRY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Het gebied als GeoJSON-MultiPolygon in WGS84 (lengtegraad, breedtegraad).",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"type": "string", "enum": ["MultiPolygon"]},
        "coordinates": {
            "type": "array",
            "items": {
                "type": "array",
                "items": {"type": "array", "items": {"type": "array", "items": {"type": "number"}}},
            },
        },
    },
}


class ReadinessSerializer(serializers.Serializer[Any]):
    gereed = serializers.BooleanField(source="ready", read_only=True)
    ontbrekendePartners = serializers.ListField(  # noqa: N815
        source="missing_partners", child=serializers.CharField(), read_only=True
    )
    convenantGetekend = serializers.BooleanField(source="covenant_signed", read_only=True)  # noqa: N815
    convenantGetekendOp = serializers.DateField(source="covenant_on", read_only=True, allow_null=True)  # noqa: N815

    class Meta:
        ref_name = "Gereedheid"


class PartnershipSerializer(serializers.ModelSerializer[Partnership]):
    uuid = serializers.UUIDField(read_only=True)
    nummer = serializers.CharField(source="number", read_only=True)
    naam = serializers.CharField(source="name", read_only=True)
    gebiedstype = serializers.ChoiceField(source="area_type", choices=AreaType.choices, read_only=True)
    gemeenten = serializers.SerializerMethodField()
    doelstellingen = serializers.CharField(source="objectives", read_only=True)
    afsprakenBesluitvorming = serializers.CharField(source="decision_agreements", read_only=True)  # noqa: N815
    afsprakenCommunicatie = serializers.CharField(source="communication_agreements", read_only=True)  # noqa: N815
    leidendeOrganisatie = OrganisationRefSerializer(source="lead_organisation", read_only=True)  # noqa: N815
    gereedheid = serializers.SerializerMethodField()
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815
    versie = serializers.IntegerField(source="version", read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "uuid",
            "nummer",
            "naam",
            "gebiedstype",
            "gemeenten",
            "doelstellingen",
            "afsprakenBesluitvorming",
            "afsprakenCommunicatie",
            "leidendeOrganisatie",
            "gereedheid",
            "aangemaaktOp",
            "versie",
        ]
        ref_name = "Gebiedssamenwerking"

    @extend_schema_field({"type": "array", "items": {"type": "string", "pattern": "^GM[0-9]{4}$"}})
    def get_gemeenten(self, obj: Partnership) -> list[str]:
        return sorted(m.code for m in obj.municipalities.all())

    @extend_schema_field(ReadinessSerializer)
    def get_gereedheid(self, obj: Partnership) -> dict[str, Any]:
        return dict(ReadinessSerializer(partnership_readiness(partnership=obj)).data)


class PartnershipDetailSerializer(PartnershipSerializer):
    gebied = serializers.SerializerMethodField()

    class Meta(PartnershipSerializer.Meta):
        fields = [*PartnershipSerializer.Meta.fields, "gebied"]
        ref_name = "GebiedssamenwerkingDetail"

    @extend_schema_field({**GEOMETRY_SCHEMA, "nullable": True})
    def get_gebied(self, obj: Partnership) -> dict[str, Any] | None:
        return obj.area or None


class ParticipantSerializer(serializers.ModelSerializer[Participant]):
    uuid = serializers.UUIDField(read_only=True)
    organisatie = OrganisationRefSerializer(source="organisation", read_only=True)
    soortOrganisatie = serializers.ChoiceField(  # noqa: N815
        source="organisation.type", choices=OrganisationType.choices, read_only=True
    )
    plafond = serializers.SerializerMethodField()
    afgesprokenPlafond = serializers.ChoiceField(  # noqa: N815
        source="ceiling", choices=DataClass.choices, read_only=True
    )
    rechtsgrond = serializers.ChoiceField(source="legal_basis", choices=LegalBasis.choices, read_only=True)
    toegetredenOp = serializers.DateField(source="joined_at", read_only=True)  # noqa: N815
    vertrokkenOp = serializers.DateField(source="left_at", read_only=True, allow_null=True)  # noqa: N815

    class Meta:
        model = Participant
        fields = [
            "uuid",
            "organisatie",
            "soortOrganisatie",
            "plafond",
            "afgesprokenPlafond",
            "rechtsgrond",
            "toegetredenOp",
            "vertrokkenOp",
        ]
        ref_name = "Gebiedsdeelnemer"

    @extend_schema_field(
        {
            "type": "string",
            "enum": [value for value in DataClass.values if value != DataClass.STRAFRECHTELIJK],
            "nullable": True,
            "description": "Wat de deelnemer ten hoogste ontvangt; null na vertrek.",
        }
    )
    def get_plafond(self, obj: Participant) -> str | None:
        return participant_effective_ceiling(obj)


class AlertSerializer(serializers.ModelSerializer[AreaAlert]):
    uuid = serializers.UUIDField(read_only=True)
    nummer = serializers.CharField(source="number", read_only=True)
    gebiedssamenwerking = serializers.UUIDField(source="partnership.uuid", read_only=True)
    thema = serializers.ChoiceField(source="theme", choices=AlertTheme.choices, read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    locatie = serializers.CharField(source="location_text", read_only=True)
    breedtegraad = serializers.DecimalField(
        source="latitude", max_digits=6, decimal_places=3, read_only=True, allow_null=True
    )
    lengtegraad = serializers.DecimalField(
        source="longitude", max_digits=6, decimal_places=3, read_only=True, allow_null=True
    )
    handelingsperspectief = serializers.CharField(source="guidance", read_only=True)
    afzender = OrganisationRefSerializer(source="sender_organisation", read_only=True)
    verzondenOp = serializers.DateTimeField(source="sent_at", read_only=True)  # noqa: N815
    gelezen = serializers.BooleanField(source="is_read", read_only=True)

    class Meta:
        model = AreaAlert
        fields = [
            "uuid",
            "nummer",
            "gebiedssamenwerking",
            "thema",
            "tekst",
            "locatie",
            "breedtegraad",
            "lengtegraad",
            "handelingsperspectief",
            "afzender",
            "verzondenOp",
            "gelezen",
        ]
        ref_name = "Gebiedsbericht"


class AlertCreateSerializer(StrictSerializer):
    gebiedssamenwerking = serializers.UUIDField()
    thema = serializers.ChoiceField(choices=AlertTheme.choices)
    tekst = serializers.CharField(max_length=ALERT_TEXT_MAX)
    locatie = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    breedtegraad = serializers.DecimalField(
        max_digits=8,
        decimal_places=5,
        min_value=Decimal("50.7"),
        max_value=Decimal("53.6"),
        required=False,
        allow_null=True,
        default=None,
    )
    lengtegraad = serializers.DecimalField(
        max_digits=8,
        decimal_places=5,
        min_value=Decimal("3.3"),
        max_value=Decimal("7.3"),
        required=False,
        allow_null=True,
        default=None,
    )
    handelingsperspectief = serializers.CharField(
        max_length=ALERT_TEXT_MAX, required=False, allow_blank=True, default=""
    )

    class Meta:
        ref_name = "GebiedsberichtNieuw"
