# SPDX-License-Identifier: EUPL-1.2
"""Training in the API: modules (without the right answers or feedback: those are for the taker after an
attempt), the caller's own results, and — for the coordinator — completion per department as suppressed
figures (text: a count, "< 10" or "—"). Read-only."""

from typing import Any

from rest_framework import serializers

from weerbaar.training.constants import ModuleStatus, score_band
from weerbaar.training.models import Attempt, DilemmaCard, Module, Page, Scenario, ScenarioOption

FIGURE = "Een aantal, of “< 10” (1 tot 9) of “—” (verborgen zodat een kleiner aantal niet terug te rekenen is)."


class PageSerializer(serializers.ModelSerializer[Page]):
    volgnummer = serializers.IntegerField(source="position", read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    tekst = serializers.CharField(source="body", read_only=True)

    class Meta:
        model = Page
        fields = ["volgnummer", "titel", "tekst"]
        ref_name = "TrainingPagina"


class OptionSerializer(serializers.ModelSerializer[ScenarioOption]):
    volgnummer = serializers.IntegerField(source="position", read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)

    class Meta:
        model = ScenarioOption
        fields = ["volgnummer", "tekst"]
        ref_name = "TrainingAntwoordoptie"


class ScenarioSerializer(serializers.ModelSerializer[Scenario]):
    volgnummer = serializers.IntegerField(source="position", read_only=True)
    situatie = serializers.CharField(source="situation", read_only=True)
    vraag = serializers.CharField(source="question", read_only=True)
    opties = OptionSerializer(source="options", many=True, read_only=True)

    class Meta:
        model = Scenario
        fields = ["volgnummer", "situatie", "vraag", "opties"]
        ref_name = "TrainingPraktijkvraag"


class DilemmaSerializer(serializers.ModelSerializer[DilemmaCard]):
    volgnummer = serializers.IntegerField(source="position", read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    dilemma = serializers.CharField(read_only=True)
    overwegingen = serializers.ListField(child=serializers.CharField(), source="consideration_list", read_only=True)

    class Meta:
        model = DilemmaCard
        fields = ["volgnummer", "titel", "dilemma", "overwegingen"]
        ref_name = "TrainingDilemma"


class ModuleSerializer(serializers.ModelSerializer[Module]):
    uuid = serializers.UUIDField(read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    samenvatting = serializers.CharField(source="summary", read_only=True)
    versie = serializers.IntegerField(source="version", read_only=True)
    status = serializers.ChoiceField(choices=ModuleStatus.choices, read_only=True)
    normPercentage = serializers.IntegerField(source="pass_mark", read_only=True)  # noqa: N815

    class Meta:
        model = Module
        fields = ["uuid", "titel", "samenvatting", "versie", "status", "normPercentage"]
        ref_name = "Training"


class ModuleDetailSerializer(ModuleSerializer):
    paginas = PageSerializer(source="pages", many=True, read_only=True)
    praktijkvragen = ScenarioSerializer(source="scenarios", many=True, read_only=True)
    dilemmas = DilemmaSerializer(many=True, read_only=True)

    class Meta(ModuleSerializer.Meta):
        fields = [*ModuleSerializer.Meta.fields, "paginas", "praktijkvragen", "dilemmas"]
        ref_name = "TrainingDetail"


class AttemptSerializer(serializers.ModelSerializer[Attempt]):
    uuid = serializers.UUIDField(read_only=True)
    training = serializers.UUIDField(source="module.uuid", read_only=True)
    trainingTitel = serializers.CharField(source="module.title", read_only=True)  # noqa: N815
    score = serializers.IntegerField(read_only=True, help_text="Het percentage goed beantwoorde praktijkvragen.")
    geslaagd = serializers.BooleanField(source="passed", read_only=True)
    niveau = serializers.SerializerMethodField(help_text="voldoende, goed of uitstekend; leeg als niet geslaagd.")
    afgerondOp = serializers.DateTimeField(source="completed_at", read_only=True)  # noqa: N815

    class Meta:
        model = Attempt
        fields = ["uuid", "training", "trainingTitel", "score", "geslaagd", "niveau", "afgerondOp"]
        ref_name = "Trainingsresultaat"

    def get_niveau(self, obj: Attempt) -> str:
        return score_band(obj.score, obj.module.pass_mark) or ""


class CompletionRowSerializer(serializers.Serializer[Any]):
    afdeling = serializers.CharField(source="name", read_only=True)
    medewerkers = serializers.CharField(source="members", read_only=True, help_text=FIGURE)
    geslaagd = serializers.CharField(source="done", read_only=True, help_text=FIGURE)
    nogNiet = serializers.CharField(source="not_done", read_only=True, help_text=FIGURE)  # noqa: N815
    aandeel = serializers.CharField(source="share", read_only=True, help_text="Aandeel geslaagd, of “—”.")

    class Meta:
        ref_name = "TrainingVoortgangRij"


class CompletionSerializer(serializers.Serializer[Any]):
    training = serializers.UUIDField(source="module.uuid", read_only=True)
    trainingTitel = serializers.CharField(source="module.title", read_only=True)  # noqa: N815
    afdelingen = CompletionRowSerializer(source="rows", many=True, read_only=True)
    organisatie = CompletionRowSerializer(source="total", read_only=True, allow_null=True)

    class Meta:
        ref_name = "TrainingVoortgang"
