# SPDX-License-Identifier: EUPL-1.2
"""The survey in the API: the list of a partnership's surveys and their results, only as the suppressed
aggregates of ``selectors.survey_results`` (figures as text: a count, "< 5" or "—"). Read-only."""

from typing import Any

from rest_framework import serializers

from weerbaar.core.disclosure import suppress
from weerbaar.surveys.constants import Purpose, QuestionKind, Status
from weerbaar.surveys.models import Survey

FIGURE = "Een aantal, of “< 5” (1 tot 4) of “—” (verborgen zodat een kleiner aantal niet terug te rekenen is)."


class SurveySerializer(serializers.ModelSerializer[Survey]):
    uuid = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    doel = serializers.ChoiceField(source="purpose", choices=Purpose.choices, read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    reacties = serializers.SerializerMethodField(help_text="Het aantal reacties; 1 tot 4 als “< 5”.")
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815

    class Meta:
        model = Survey
        fields = ["uuid", "titel", "doel", "status", "reacties", "aangemaaktOp"]
        ref_name = "Enquete"

    def get_reacties(self, obj: Survey) -> str:
        return suppress(getattr(obj, "response_count", 0), obj.threshold)


class RowSerializer(serializers.Serializer[Any]):
    antwoord = serializers.CharField(source="label", read_only=True)
    cellen = serializers.SerializerMethodField(help_text="Per kolom (respondentgroep). " + FIGURE)
    totaal = serializers.CharField(source="total.text", read_only=True, help_text=FIGURE)
    aandeel = serializers.CharField(source="share", read_only=True, help_text="Aandeel van alle reacties, of “—”.")

    class Meta:
        ref_name = "EnqueteResultaatRij"

    def get_cellen(self, obj: Any) -> list[str]:
        return [cell.text for cell in obj.cells]


class QuestionResultSerializer(serializers.Serializer[Any]):
    uuid = serializers.UUIDField(read_only=True)
    vraag = serializers.CharField(source="text", read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=QuestionKind.choices, read_only=True)
    respondentgroep = serializers.BooleanField(source="is_group", read_only=True)
    nietGetoond = serializers.BooleanField(  # noqa: N815
        source="withheld", read_only=True, help_text="Waar: de cijfers zouden naar iemand kunnen wijzen."
    )
    kolommen = serializers.ListField(source="columns", child=serializers.CharField(), read_only=True)
    kolomtotalen = serializers.SerializerMethodField()
    totaal = serializers.CharField(source="total.text", read_only=True)
    antwoorden = RowSerializer(source="rows", many=True, read_only=True)

    class Meta:
        ref_name = "EnqueteVraagResultaat"

    def get_kolomtotalen(self, obj: Any) -> list[str]:
        return [cell.text for cell in obj.column_totals]


class SurveyResultsSerializer(serializers.Serializer[Any]):
    enquete = serializers.UUIDField(source="survey", read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    doel = serializers.ChoiceField(source="purpose", choices=Purpose.choices, read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    beschikbaar = serializers.BooleanField(source="available", read_only=True)
    reden = serializers.CharField(source="reason", read_only=True)
    reacties = serializers.CharField(
        source="responses", read_only=True, help_text="Het aantal reacties; 1 tot 4 als “< 5”."
    )
    vragen = QuestionResultSerializer(source="questions", many=True, read_only=True)

    class Meta:
        ref_name = "EnqueteResultaten"
