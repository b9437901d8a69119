# SPDX-License-Identifier: EUPL-1.2
"""Barrier models and practice cases in the API: explicit camelCase fields, read-only. No person is a field:
not the author of a version, not who wrote a case; organisations by reference, partners by type."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from weerbaar.api.fields import StrictModelSerializer
from weerbaar.api.serializers import OrganisationRefSerializer
from weerbaar.knowledge.constants import FacilitatorKind, InstrumentKind, Phenomenon, ScanTopic
from weerbaar.knowledge.models import Barrier, BarrierModel, BarrierModelVersion, InstrumentRef, PracticeCase, Step
from weerbaar.organisations.constants import OrganisationType


class InstrumentRefSerializer(StrictModelSerializer[InstrumentRef]):
    soort = serializers.ChoiceField(source="kind", choices=InstrumentKind.choices, read_only=True)
    naam = serializers.CharField(source="label", read_only=True)

    class Meta:
        model = InstrumentRef
        fields = ["soort", "naam"]
        ref_name = "InstrumentVerwijzing"


class BarrierSerializer(StrictModelSerializer[Barrier]):
    sleutel = serializers.UUIDField(
        source="key", read_only=True, help_text="Blijft gelijk over versies; praktijkcasussen verwijzen ernaar."
    )
    omschrijving = serializers.CharField(source="description", read_only=True)
    eigenaarType = serializers.ChoiceField(  # noqa: N815
        source="owner_type", choices=OrganisationType.choices, read_only=True
    )
    instrumenten = serializers.CharField(source="instruments", read_only=True)
    verwijzingen = InstrumentRefSerializer(source="references", many=True, read_only=True)
    scanonderwerpen = serializers.ListField(
        source="topics",
        child=serializers.ChoiceField(choices=ScanTopic.choices),
        read_only=True,
        help_text="De processen en thema's van de weerbaarheidsscan die deze barrière beschermt.",
    )

    class Meta:
        model = Barrier
        fields = ["sleutel", "omschrijving", "eigenaarType", "instrumenten", "verwijzingen", "scanonderwerpen"]
        ref_name = "Barriere"


class StepSerializer(StrictModelSerializer[Step]):
    volgnummer = serializers.IntegerField(source="position", read_only=True)
    naam = serializers.CharField(source="name", read_only=True)
    behoeften = serializers.CharField(source="needs", read_only=True)
    facilitators = serializers.CharField(read_only=True)
    soortFacilitators = serializers.ChoiceField(  # noqa: N815
        source="facilitator_kind", choices=FacilitatorKind.choices, read_only=True
    )
    barrieres = BarrierSerializer(source="barriers", many=True, read_only=True)

    class Meta:
        model = Step
        fields = ["volgnummer", "naam", "behoeften", "facilitators", "soortFacilitators", "barrieres"]
        ref_name = "BarrieremodelStap"


class VersionSerializer(StrictModelSerializer[BarrierModelVersion]):
    versie = serializers.IntegerField(source="number", read_only=True)
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815
    wijziging = serializers.CharField(source="change_note", read_only=True)

    class Meta:
        model = BarrierModelVersion
        fields = ["versie", "aangemaaktOp", "wijziging"]
        ref_name = "BarrieremodelVersie"


class BarrierModelSerializer(StrictModelSerializer[BarrierModel]):
    uuid = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    fenomeen = serializers.ChoiceField(source="phenomenon", choices=Phenomenon.choices, read_only=True)
    organisatie = OrganisationRefSerializer(source="organisation", read_only=True)
    gedeeld = serializers.BooleanField(source="shared", read_only=True, help_text="Gedeeld met alle organisaties.")
    versie = serializers.IntegerField(source="version", read_only=True)
    gewijzigdOp = serializers.DateTimeField(source="updated_at", read_only=True)  # noqa: N815

    class Meta:
        model = BarrierModel
        fields = ["uuid", "titel", "fenomeen", "organisatie", "gedeeld", "versie", "gewijzigdOp"]
        ref_name = "Barrieremodel"


class BarrierModelDetailSerializer(BarrierModelSerializer):
    samenvatting = serializers.SerializerMethodField()
    stappen = serializers.SerializerMethodField()
    versies = serializers.SerializerMethodField()

    class Meta(BarrierModelSerializer.Meta):
        fields = [*BarrierModelSerializer.Meta.fields, "samenvatting", "stappen", "versies"]
        ref_name = "BarrieremodelDetail"

    def _version(self, obj: BarrierModel) -> BarrierModelVersion:
        version: BarrierModelVersion = self.context["version"]
        return version

    @extend_schema_field(serializers.CharField())
    def get_samenvatting(self, obj: BarrierModel) -> str:
        return self._version(obj).summary

    @extend_schema_field(StepSerializer(many=True))
    def get_stappen(self, obj: BarrierModel) -> list[dict[str, Any]]:
        return StepSerializer(self._version(obj).steps.all(), many=True).data  # type: ignore[return-value]

    @extend_schema_field(VersionSerializer(many=True))
    def get_versies(self, obj: BarrierModel) -> list[dict[str, Any]]:
        return VersionSerializer(self.context["history"], many=True).data  # type: ignore[return-value]


class PracticeCaseSerializer(StrictModelSerializer[PracticeCase]):
    uuid = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    fenomeen = serializers.ChoiceField(source="phenomenon", choices=Phenomenon.choices, read_only=True)
    organisatie = OrganisationRefSerializer(source="organisation", read_only=True)
    gedeeld = serializers.BooleanField(source="shared", read_only=True)
    watGebeurde = serializers.CharField(source="what_happened", read_only=True)  # noqa: N815
    lessen = serializers.CharField(source="lessons", read_only=True)
    barrieres = serializers.ListField(
        source="barrier_keys",
        child=serializers.UUIDField(),
        read_only=True,
        help_text="De sleutels van de gekoppelde barrières (zie `Barriere.sleutel`).",
    )
    gewijzigdOp = serializers.DateTimeField(source="updated_at", read_only=True)  # noqa: N815

    class Meta:
        model = PracticeCase
        fields = [
            "uuid",
            "titel",
            "fenomeen",
            "organisatie",
            "gedeeld",
            "watGebeurde",
            "lessen",
            "barrieres",
            "gewijzigdOp",
        ]
        ref_name = "Praktijkcasus"
