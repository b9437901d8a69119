# SPDX-License-Identifier: EUPL-1.2
"""Area C in the API. Explicit camelCase fields; the home address and the perpetrator key are never fields."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from weerbaar.threats.constants import Channel, IncidentForm, LinkedProcess, Target, TriState, VictimRole
from weerbaar.threats.models import FollowUpStep, Incident, ProtectionMeasure, VictimPerson


class VictimPersonSerializer(serializers.ModelSerializer[VictimPerson]):
    """The person affected: as visible as the incident itself (area C)."""

    naam = serializers.CharField(source="name", read_only=True)
    functie = serializers.ChoiceField(source="office", choices=VictimRole.choices, read_only=True)
    gemeente = serializers.UUIDField(source="municipality.uuid", read_only=True)
    account = serializers.UUIDField(source="user.uuid", read_only=True, default=None, allow_null=True)

    class Meta:
        model = VictimPerson
        fields = ["naam", "functie", "gemeente", "account"]


class IncidentSerializer(serializers.ModelSerializer[Incident]):
    uuid = serializers.UUIDField(read_only=True)
    nummer = serializers.CharField(source="number", read_only=True)
    organisatie = serializers.UUIDField(source="organisation.uuid", read_only=True)
    #: The account of the person affected; null when they have none (see ``betrokkene``).
    slachtoffer = serializers.UUIDField(source="victim_person.user.uuid", read_only=True, default=None)
    betrokkene = VictimPersonSerializer(source="victim_person", read_only=True)
    rolSlachtoffer = serializers.ChoiceField(source="victim_role", choices=VictimRole.choices)  # noqa: N815
    vormen = serializers.ListField(
        source="forms", child=serializers.ChoiceField(choices=IncidentForm.choices), min_length=1
    )
    kanaal = serializers.ChoiceField(source="channel", choices=Channel.choices)
    gerichtOp = serializers.ChoiceField(source="target", choices=Target.choices)  # noqa: N815
    plaats = serializers.CharField(source="place", max_length=200, required=False, allow_blank=True)
    tijdstip = serializers.DateTimeField(source="occurred_at")
    ernst = serializers.IntegerField(source="severity", min_value=1, max_value=5)
    omschrijving = serializers.CharField(source="description", max_length=5000)
    daderOmschrijving = serializers.CharField(  # noqa: N815
        source="perpetrator_description", max_length=2000, required=False, allow_blank=True
    )
    gemeentelijkProces = serializers.ChoiceField(  # noqa: N815
        source="linked_process", choices=LinkedProcess.choices, required=False
    )
    ondermijningGerelateerd = serializers.ChoiceField(  # noqa: N815
        source="undermining_related", choices=TriState.choices, required=False
    )
    besluitBeinvloed = serializers.ChoiceField(  # noqa: N815
        source="influenced_decision", choices=TriState.choices, required=False
    )
    toelichtingBeinvloeding = serializers.CharField(  # noqa: N815
        source="influence_explanation", max_length=2000, required=False, allow_blank=True
    )
    status = serializers.CharField(read_only=True)
    aangifteGedaanOp = serializers.DateField(source="police_report_filed_at", read_only=True)  # noqa: N815
    vptCode = serializers.CharField(source="police_report_vpt_code", read_only=True)  # noqa: N815
    gemeldOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815

    def validate_vormen(self, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise serializers.ValidationError(_("Choose each form only once."))
        return value

    class Meta:
        model = Incident
        fields = [
            "uuid",
            "nummer",
            "organisatie",
            "slachtoffer",
            "betrokkene",
            "rolSlachtoffer",
            "vormen",
            "kanaal",
            "gerichtOp",
            "plaats",
            "tijdstip",
            "ernst",
            "omschrijving",
            "daderOmschrijving",
            "gemeentelijkProces",
            "ondermijningGerelateerd",
            "besluitBeinvloed",
            "toelichtingBeinvloeding",
            "status",
            "aangifteGedaanOp",
            "vptCode",
            "gemeldOp",
        ]


class StepSerializer(serializers.ModelSerializer[FollowUpStep]):
    uuid = serializers.UUIDField(read_only=True)
    soort = serializers.CharField(source="kind")
    eigenaar = serializers.UUIDField(source="owner.uuid", default=None, allow_null=True)
    uiterlijk = serializers.DateTimeField(source="due_at")
    status = serializers.CharField()
    afgerondOp = serializers.DateTimeField(source="done_at", allow_null=True)  # noqa: N815

    class Meta:
        model = FollowUpStep
        fields = ["uuid", "soort", "eigenaar", "uiterlijk", "status", "afgerondOp"]


class MeasureSerializer(serializers.ModelSerializer[ProtectionMeasure]):
    uuid = serializers.UUIDField(read_only=True)
    domein = serializers.CharField(source="domain")
    maatregel = serializers.CharField(source="description")
    aanbieder = serializers.CharField(source="provider")
    start = serializers.DateField(source="starts_on")
    einde = serializers.DateField(source="ends_on", allow_null=True)
    kostendrager = serializers.CharField(source="cost_bearer")
    evaluatiedatum = serializers.DateField(source="review_on")

    class Meta:
        model = ProtectionMeasure
        fields = ["uuid", "domein", "maatregel", "aanbieder", "start", "einde", "kostendrager", "evaluatiedatum"]
