# SPDX-License-Identifier: EUPL-1.2
"""Area C in the API. Explicit camelCase fields; the home address and the perpetrator key are never fields."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from weerbaar.api.fields import PastDateTimeField, StrictModelSerializer, UniqueListField
from weerbaar.threats.constants import (
    Channel,
    CostBearer,
    IncidentForm,
    LinkedProcess,
    MeasureDomain,
    Status,
    StepKind,
    StepStatus,
    Target,
    TriState,
    VictimRole,
)
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


class IncidentSerializer(StrictModelSerializer[Incident]):
    uuid = serializers.UUIDField(read_only=True)
    nummer = serializers.CharField(source="number", read_only=True)
    organisatie = serializers.UUIDField(source="organisation.uuid", read_only=True)
    #: The account of the person affected; null when they have none (see ``betrokkene``).
    slachtoffer = serializers.UUIDField(source="victim_person.user.uuid", read_only=True, default=None, allow_null=True)
    betrokkene = VictimPersonSerializer(source="victim_person", read_only=True)
    rolSlachtoffer = serializers.ChoiceField(source="victim_role", choices=VictimRole.choices)  # noqa: N815
    vormen = UniqueListField(
        source="forms",
        child=serializers.ChoiceField(choices=IncidentForm.choices),
        min_length=1,
        error_messages={"not_unique": _("Choose each form only once.")},
    )
    kanaal = serializers.ChoiceField(source="channel", choices=Channel.choices)
    gerichtOp = serializers.ChoiceField(source="target", choices=Target.choices)  # noqa: N815
    plaats = serializers.CharField(source="place", max_length=200, required=False, allow_blank=True)
    tijdstip = PastDateTimeField(source="occurred_at")
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
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    aangifteGedaanOp = serializers.DateField(  # noqa: N815
        source="police_report_filed_at", read_only=True, allow_null=True
    )
    vptCode = serializers.CharField(source="police_report_vpt_code", read_only=True)  # noqa: N815
    gemeldOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815

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
    soort = serializers.ChoiceField(source="kind", choices=StepKind.choices)
    eigenaar = serializers.UUIDField(source="owner.uuid", default=None, allow_null=True)
    uiterlijk = serializers.DateTimeField(source="due_at")
    status = serializers.ChoiceField(choices=StepStatus.choices)
    afgerondOp = serializers.DateTimeField(source="done_at", allow_null=True)  # noqa: N815

    class Meta:
        model = FollowUpStep
        fields = ["uuid", "soort", "eigenaar", "uiterlijk", "status", "afgerondOp"]


class MeasureSerializer(serializers.ModelSerializer[ProtectionMeasure]):
    uuid = serializers.UUIDField(read_only=True)
    domein = serializers.ChoiceField(source="domain", choices=MeasureDomain.choices)
    maatregel = serializers.CharField(source="description")
    aanbieder = serializers.CharField(source="provider")
    start = serializers.DateField(source="starts_on")
    einde = serializers.DateField(source="ends_on", allow_null=True)
    kostendrager = serializers.ChoiceField(source="cost_bearer", choices=CostBearer.choices)
    evaluatiedatum = serializers.DateField(source="review_on")

    class Meta:
        model = ProtectionMeasure
        fields = ["uuid", "domein", "maatregel", "aanbieder", "start", "einde", "kostendrager", "evaluatiedatum"]
