# SPDX-License-Identifier: EUPL-1.2
"""The certification cycle in the API: measures, inspection walks with their findings (never photos) and
certificates. Explicit camelCase fields; no person is ever a field (owners and executors are
participants, i.e. organisations)."""

from typing import Any

from rest_framework import serializers

from weerbaar.api.fields import StrictSerializer
from weerbaar.api.serializers import OrganisationRefSerializer
from weerbaar.certification.constants import (
    TEXT_MAX,
    CertificateLevel,
    CertificationBody,
    MeasureStatus,
    Theme,
    TimeOfDay,
)
from weerbaar.certification.models import Certificate, Finding, InspectionWalk, Measure


class MeasureSerializer(serializers.ModelSerializer[Measure]):
    uuid = serializers.UUIDField(read_only=True)
    gebiedssamenwerking = serializers.UUIDField(source="cycle.partnership.uuid", read_only=True)
    ronde = serializers.IntegerField(source="cycle.round", read_only=True)
    thema = serializers.ChoiceField(source="theme", choices=Theme.choices, read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    toelichting = serializers.CharField(source="description", read_only=True)
    eigenaar = OrganisationRefSerializer(source="owner.organisation", read_only=True)
    eigenaarDeelnemer = serializers.UUIDField(source="owner.uuid", read_only=True)  # noqa: N815
    uitvoerder = OrganisationRefSerializer(source="executor.organisation", read_only=True)
    uitvoerderDeelnemer = serializers.UUIDField(source="executor.uuid", read_only=True)  # noqa: N815
    deadline = serializers.DateField(read_only=True)
    status = serializers.ChoiceField(choices=MeasureStatus.choices, read_only=True)
    bewijs = serializers.CharField(source="evidence", read_only=True)
    bewijsbestand = serializers.BooleanField(source="has_file", read_only=True)
    bevinding = serializers.UUIDField(source="finding.uuid", read_only=True, allow_null=True)
    versie = serializers.IntegerField(source="version", read_only=True)

    class Meta:
        model = Measure
        fields = [
            "uuid",
            "gebiedssamenwerking",
            "ronde",
            "thema",
            "titel",
            "toelichting",
            "eigenaar",
            "eigenaarDeelnemer",
            "uitvoerder",
            "uitvoerderDeelnemer",
            "deadline",
            "status",
            "bewijs",
            "bewijsbestand",
            "bevinding",
            "versie",
        ]
        ref_name = "Maatregel"


class MeasureCreateSerializer(StrictSerializer):
    thema = serializers.ChoiceField(choices=Theme.choices)
    titel = serializers.CharField(max_length=200)
    toelichting = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    eigenaar = serializers.UUIDField(help_text="De UUID van de deelnemer die eigenaar is.")
    uitvoerder = serializers.UUIDField(help_text="De UUID van de deelnemer die uitvoert.")
    deadline = serializers.DateField()

    class Meta:
        ref_name = "MaatregelNieuw"


class MeasureStatusSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=MeasureStatus.choices)
    bewijs = serializers.CharField(max_length=TEXT_MAX, required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "MaatregelStatuswijziging"


class FindingSerializer(serializers.ModelSerializer[Finding]):
    uuid = serializers.UUIDField(read_only=True)
    thema = serializers.ChoiceField(source="theme", choices=Theme.choices, read_only=True)
    omschrijving = serializers.CharField(source="description", read_only=True)
    breedtegraad = serializers.DecimalField(
        source="latitude", max_digits=6, decimal_places=3, read_only=True, allow_null=True
    )
    lengtegraad = serializers.DecimalField(
        source="longitude", max_digits=6, decimal_places=3, read_only=True, allow_null=True
    )
    maatregelen = serializers.SlugRelatedField[Measure](source="measures", slug_field="uuid", many=True, read_only=True)

    class Meta:
        model = Finding
        fields = ["uuid", "thema", "omschrijving", "breedtegraad", "lengtegraad", "maatregelen"]
        ref_name = "Schouwbevinding"


class WalkSerializer(serializers.ModelSerializer[InspectionWalk]):
    uuid = serializers.UUIDField(read_only=True)
    gebiedssamenwerking = serializers.UUIDField(source="cycle.partnership.uuid", read_only=True)
    ronde = serializers.IntegerField(source="cycle.round", read_only=True)
    datum = serializers.DateField(source="walked_on", read_only=True)
    dagdeel = serializers.ChoiceField(source="time_of_day", choices=TimeOfDay.choices, read_only=True)
    route = serializers.CharField(read_only=True)
    aanwezig = serializers.SerializerMethodField()
    aantalBevindingen = serializers.SerializerMethodField()  # noqa: N815

    class Meta:
        model = InspectionWalk
        fields = ["uuid", "gebiedssamenwerking", "ronde", "datum", "dagdeel", "route", "aanwezig", "aantalBevindingen"]
        ref_name = "Schouw"

    def get_aanwezig(self, obj: InspectionWalk) -> list[str]:
        """The organisations of the participants present (names of organisations, no persons)."""
        return [p.organisation.name for p in obj.participants_present.all()]

    def get_aantalBevindingen(self, obj: InspectionWalk) -> int:  # noqa: N802
        return len(obj.findings.all())


class WalkDetailSerializer(WalkSerializer):
    bevindingen = serializers.SerializerMethodField()

    class Meta(WalkSerializer.Meta):
        fields = [*WalkSerializer.Meta.fields, "bevindingen"]
        ref_name = "SchouwDetail"

    def get_bevindingen(self, obj: InspectionWalk) -> list[dict[str, Any]]:
        return list(FindingSerializer(self.context["findings"], many=True).data)


class CertificateSerializer(serializers.ModelSerializer[Certificate]):
    uuid = serializers.UUIDField(read_only=True)
    ronde = serializers.IntegerField(source="cycle.round", read_only=True)
    niveau = serializers.ChoiceField(source="level", choices=CertificateLevel.choices, read_only=True)
    sterren = serializers.IntegerField(source="stars", read_only=True)
    schemaversie = serializers.CharField(source="scheme_version", read_only=True)
    afgegevenOp = serializers.DateField(source="issued_on", read_only=True)  # noqa: N815
    geldigTot = serializers.DateField(source="valid_until", read_only=True)  # noqa: N815
    afgegevenDoor = serializers.ChoiceField(  # noqa: N815
        source="issued_by", choices=CertificationBody.choices, read_only=True
    )

    class Meta:
        model = Certificate
        fields = ["uuid", "ronde", "niveau", "sterren", "schemaversie", "afgegevenOp", "geldigTot", "afgegevenDoor"]
        ref_name = "Certificaat"
