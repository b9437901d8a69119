# SPDX-License-Identifier: EUPL-1.2
"""The resilience scan in the API: scans with their consolidated scores (never an answer), and improvement
actions. Explicit camelCase fields; people as UUIDs."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from weerbaar.api.fields import StrictSerializer
from weerbaar.resilience.constants import ActionStatus, ScanStatus, TopicKind
from weerbaar.resilience.models import ImprovementAction, Scan


class TopicScoreSerializer(serializers.Serializer[Any]):
    sleutel = serializers.CharField(source="key", read_only=True)
    naam = serializers.CharField(source="name", read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=TopicKind.choices, read_only=True)
    blootstelling = serializers.IntegerField(
        source="exposure", read_only=True, allow_null=True, help_text="1 tot en met 3; alleen bij een proces."
    )
    score = serializers.FloatField(
        read_only=True, allow_null=True, help_text="Gemiddelde van de ingediende respondenten, 0 tot en met 4."
    )
    respondenten = serializers.IntegerField(source="respondents", read_only=True)

    class Meta:
        ref_name = "WeerbaarheidsscanScore"


class ScanSerializer(serializers.ModelSerializer[Scan]):
    uuid = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    status = serializers.ChoiceField(choices=ScanStatus.choices, read_only=True)
    versieVragenlijst = serializers.IntegerField(source="scan_model.version", read_only=True)  # noqa: N815
    vorigeScan = serializers.UUIDField(source="previous.uuid", read_only=True, allow_null=True, default=None)  # noqa: N815
    geopendOp = serializers.DateTimeField(source="opened_at", read_only=True)  # noqa: N815
    afgeslotenOp = serializers.DateTimeField(source="closed_at", read_only=True, allow_null=True)  # noqa: N815

    class Meta:
        model = Scan
        fields = ["uuid", "titel", "status", "versieVragenlijst", "vorigeScan", "geopendOp", "afgeslotenOp"]
        ref_name = "Weerbaarheidsscan"


class ScanDetailSerializer(ScanSerializer):
    scores = serializers.SerializerMethodField()
    processenGewogen = serializers.SerializerMethodField(  # noqa: N815
        help_text="De processen samen, gewogen naar blootstelling; null zonder ingediende antwoorden."
    )
    themas = serializers.SerializerMethodField(help_text="Het gemiddelde van de thema's; null zonder antwoorden.")

    class Meta(ScanSerializer.Meta):
        fields = [*ScanSerializer.Meta.fields, "scores", "processenGewogen", "themas"]
        ref_name = "WeerbaarheidsscanDetail"

    def get_scores(self, obj: Scan) -> list[dict[str, Any]]:
        return TopicScoreSerializer(self.context["scores"].topics, many=True).data  # type: ignore[return-value]

    def get_processenGewogen(self, obj: Scan) -> float | None:  # noqa: N802
        return self.context["scores"].processes

    def get_themas(self, obj: Scan) -> float | None:
        return self.context["scores"].themes


class ActionSerializer(serializers.ModelSerializer[ImprovementAction]):
    uuid = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    omschrijving = serializers.CharField(source="description", read_only=True)
    procesOfThema = serializers.CharField(source="topic.key", read_only=True, allow_null=True, default=None)  # noqa: N815
    eigenaar = serializers.UUIDField(source="owner.uuid", read_only=True)
    streefdatum = serializers.DateField(source="due_date", read_only=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices, read_only=True)

    class Meta:
        model = ImprovementAction
        fields = ["uuid", "titel", "omschrijving", "procesOfThema", "eigenaar", "streefdatum", "status"]
        ref_name = "Verbeteractie"


class ActionCreateSerializer(StrictSerializer):
    titel = serializers.CharField(max_length=200)
    omschrijving = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    procesOfThema = serializers.SlugField(  # noqa: N815
        max_length=50, required=False, allow_null=True, default=None, help_text="De sleutel van een proces of thema."
    )
    eigenaar = serializers.UUIDField(help_text="Een medewerker van de eigen organisatie.")
    streefdatum = serializers.DateField()

    class Meta:
        ref_name = "VerbeteractieNieuw"


class ActionStatusSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    toelichting = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "VerbeteractieStatuswijziging"


UNKNOWN_OWNER = _("The owner must work for your own organisation.")
