# SPDX-License-Identifier: EUPL-1.2
"""Cases in the API: Dutch camelCase fields, UUIDs only, every bad field named with a Dutch reason.

Input is strict (unknown fields are refused). Organisations are referred to by UUID; whether an
organisation may be a member or own an intervention is the service's decision, not the serializer's.
What a case shows is decided by the selectors (need-to-know): these serializers only shape it.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from weerbaar.api.fields import StrictSerializer
from weerbaar.api.serializers import OrganisationRefSerializer
from weerbaar.cases.constants import (
    INTERVENTION_TYPES,
    CaseStatus,
    Classification,
    InterventionStatus,
    ItemKind,
    MeetingKind,
    MemberRole,
)
from weerbaar.cases.models import (
    ActionItem,
    AgendaItem,
    Case,
    CaseItem,
    Intervention,
    InterventionStep,
    Meeting,
    Membership,
)
from weerbaar.core.constants import LegalRegime
from weerbaar.organisations.models import Organisation
from weerbaar.signals.constants import Phenomenon

UNKNOWN_ORGANISATION = "Onbekende organisatie: gebruik de uuid uit /api/v1/organisaties."
MAX_SIGNALS = 50
MAX_PHENOMENA = 10

#: Model field of a service error -> the field in the API body.
SERVICE_FIELD_PATHS = {
    "title": "titel",
    "phenomena": "fenomenen",
    "classification": "classificatie",
    "signals": "meldingen",
    "organisation": "organisatie",
    "user": "gebruiker",
    "role": "rol",
    "ends_on": "lidTot",
    "type": "type",
    "owner": "eigenaar",
    "started_on": "startdatum",
    "bibob_reference": "bibobReferentie",
    "bibob_file": "bibobReferentie",
}


# --- Shared ---------------------------------------------------------------------------------------


class OrganisationUuidField(serializers.UUIDField):
    """An organisation by its UUID; an unknown one is a 400 on this field."""

    def to_internal_value(self, data: Any) -> Organisation:  # type: ignore[override]
        value = super().to_internal_value(data)
        organisation = Organisation.objects.filter(uuid=value).first()
        if organisation is None:
            raise serializers.ValidationError(UNKNOWN_ORGANISATION, code="unknown")
        return organisation


class CaseRefSerializer(serializers.ModelSerializer[Case]):
    uuid = serializers.UUIDField(read_only=True)
    nummer = serializers.CharField(source="number", read_only=True, allow_null=True)
    titel = serializers.CharField(source="title", read_only=True)

    class Meta:
        model = Case
        fields = ["uuid", "nummer", "titel"]
        ref_name = "CasusVerwijzing"


# --- Cases ----------------------------------------------------------------------------------------


class CaseSummarySerializer(serializers.ModelSerializer[Case]):
    uuid = serializers.UUIDField(read_only=True)
    nummer = serializers.CharField(source="number", read_only=True, allow_null=True)
    titel = serializers.CharField(source="title", read_only=True)
    regie = OrganisationRefSerializer(source="owner", read_only=True, help_text="De organisatie die regie voert.")
    fenomenen = serializers.ListField(
        source="phenomena", child=serializers.ChoiceField(choices=Phenomenon.choices), read_only=True
    )
    classificatie = serializers.ChoiceField(source="classification", choices=Classification.choices, read_only=True)
    status = serializers.ChoiceField(choices=CaseStatus.choices, read_only=True)
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815
    versie = serializers.IntegerField(source="version", read_only=True)

    class Meta:
        model = Case
        fields = ["uuid", "nummer", "titel", "regie", "fenomenen", "classificatie", "status", "aangemaaktOp", "versie"]
        ref_name = "CasusSamenvatting"


class CaseItemSerializer(serializers.ModelSerializer[CaseItem]):
    """An item with its provenance: which organisation supplied it, under which legal regime."""

    uuid = serializers.UUIDField(read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=ItemKind.choices, read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    inhoud = serializers.CharField(source="body", read_only=True)
    leverancier = OrganisationRefSerializer(source="supplier", read_only=True)
    regime = serializers.ChoiceField(choices=LegalRegime.choices, read_only=True)
    toestemmingVereist = serializers.BooleanField(  # noqa: N815
        source="consent_required",
        read_only=True,
        help_text="Doorgeven (aan een nieuwe deelnemer, in een export) alleen met toestemming van de leverancier.",
    )
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815

    class Meta:
        model = CaseItem
        fields = ["uuid", "soort", "titel", "inhoud", "leverancier", "regime", "toestemmingVereist", "aangemaaktOp"]
        ref_name = "CasusStuk"


class CaseDetailSerializer(CaseSummarySerializer):
    """A case with the items the caller's organisation may see; pass them in the context as ``items``."""

    afwegingVastgelegd = serializers.SerializerMethodField(  # noqa: N815
        help_text="Of de schriftelijke proportionaliteits- en subsidiariteitsafweging is vastgelegd; tot dan "
        "zijn politiegegevens (Wpg) alleen zichtbaar voor de politie zelf."
    )
    afgeslotenOp = serializers.DateTimeField(source="closed_at", read_only=True, allow_null=True)  # noqa: N815
    stukken = serializers.SerializerMethodField(help_text="Alleen de stukken die de eigen organisatie mag zien.")

    class Meta(CaseSummarySerializer.Meta):
        fields = [*CaseSummarySerializer.Meta.fields, "afwegingVastgelegd", "afgeslotenOp", "stukken"]
        ref_name = "Casus"

    def get_afwegingVastgelegd(self, obj: Case) -> bool:  # noqa: N802
        return bool(obj.assessment)

    @extend_schema_field(CaseItemSerializer(many=True))
    def get_stukken(self, obj: Case) -> list[dict[str, Any]]:
        items = self.context.get("items", [])
        return list(CaseItemSerializer(items, many=True).data)


class CaseInputSerializer(StrictSerializer):
    titel = serializers.CharField(
        max_length=200, help_text="Een werktitel zonder persoonsgegevens, zoals 'Schuur Biezenmortel — drugsafval'."
    )
    fenomenen = serializers.ListField(
        child=serializers.ChoiceField(choices=Phenomenon.choices),
        allow_empty=False,
        max_length=MAX_PHENOMENA,
        error_messages={"empty": "Kies minstens één fenomeen."},
    )
    classificatie = serializers.ChoiceField(
        choices=Classification.choices, required=False, default=Classification.VERTROUWELIJK
    )
    meldingen = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        max_length=MAX_SIGNALS,
        help_text="UUID's van meldingen van de eigen organisatie waaruit de casus ontstaat.",
    )

    class Meta:
        ref_name = "CasusNieuw"

    def validate_fenomenen(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class CaseFilterSerializer(StrictSerializer):
    """Query parameters of the list. Personal data is never a query parameter (search: ``POST _zoek``)."""

    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    fenomeen = serializers.ChoiceField(choices=Phenomenon.choices, required=False)
    page = serializers.CharField(required=False)  # checked by the paginator
    pageSize = serializers.CharField(required=False)  # noqa: N815


class CaseSearchSerializer(StrictSerializer):
    tekst = serializers.CharField(
        min_length=2,
        max_length=200,
        help_text="Zoekt op casusnummer en titel (hooguit vijf woorden, alle moeten voorkomen), alleen binnen de "
        "casussen waarvan de eigen organisatie deelnemer is.",
    )

    class Meta:
        ref_name = "CasusZoekvraag"


# --- Members --------------------------------------------------------------------------------------


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    uuid = serializers.UUIDField(read_only=True)
    organisatie = OrganisationRefSerializer(source="organisation", read_only=True)
    gebruiker = serializers.UUIDField(
        source="user.uuid",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Bij een persoonlijk deelnemer; leeg wanneer de hele organisatie deelneemt.",
    )
    rol = serializers.ChoiceField(source="role", choices=MemberRole.choices, read_only=True)
    lidSinds = serializers.DateTimeField(source="joined_at", read_only=True)  # noqa: N815
    lidTot = serializers.DateField(source="ends_on", read_only=True, allow_null=True)  # noqa: N815

    class Meta:
        model = Membership
        fields = ["uuid", "organisatie", "gebruiker", "rol", "lidSinds", "lidTot"]
        ref_name = "Deelnemer"


class MembershipInputSerializer(StrictSerializer):
    organisatie = OrganisationUuidField(help_text="De organisatie die deelnemer wordt (geen private partner).")
    rol = serializers.ChoiceField(
        choices=[(r.value, r.label) for r in MemberRole if r != MemberRole.REGIE],
        required=False,
        default=MemberRole.DEELNEMER,
    )
    lidTot = serializers.DateField(  # noqa: N815
        required=False, allow_null=True, help_text="Einddatum van het deelnemerschap."
    )

    class Meta:
        ref_name = "DeelnemerNieuw"


# --- Interventions --------------------------------------------------------------------------------


class InterventionStepSerializer(serializers.ModelSerializer[InterventionStep]):
    code = serializers.CharField(read_only=True)
    omschrijving = serializers.CharField(source="label", read_only=True)
    volgorde = serializers.IntegerField(source="position", read_only=True)
    uiterlijk = serializers.DateField(source="due_on", read_only=True, allow_null=True)
    gereed = serializers.DateField(source="done_on", read_only=True, allow_null=True)

    class Meta:
        model = InterventionStep
        fields = ["code", "omschrijving", "volgorde", "uiterlijk", "gereed"]
        ref_name = "InterventieStap"


class InterventionSerializer(serializers.ModelSerializer[Intervention]):
    uuid = serializers.UUIDField(read_only=True)
    type = serializers.ChoiceField(choices=sorted(INTERVENTION_TYPES), read_only=True)
    naam = serializers.SerializerMethodField()
    wettelijkeGrondslag = serializers.CharField(source="legal_basis", read_only=True)  # noqa: N815
    eigenaar = OrganisationRefSerializer(source="owner", read_only=True)
    status = serializers.ChoiceField(choices=InterventionStatus.choices, read_only=True)
    startdatum = serializers.DateField(source="started_on", read_only=True, allow_null=True)
    stappen = InterventionStepSerializer(source="steps", many=True, read_only=True)
    sluitingMaanden = serializers.IntegerField(source="closure_months", read_only=True, allow_null=True)  # noqa: N815
    vergunningGeweigerd = serializers.BooleanField(source="permit_refused", read_only=True)  # noqa: N815
    bedragOpgelegd = serializers.DecimalField(  # noqa: N815
        source="amount_levied", max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )
    bedragInbeslaggenomen = serializers.DecimalField(  # noqa: N815
        source="amount_seized", max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = Intervention
        fields = [
            "uuid",
            "type",
            "naam",
            "wettelijkeGrondslag",
            "eigenaar",
            "status",
            "startdatum",
            "stappen",
            "sluitingMaanden",
            "vergunningGeweigerd",
            "bedragOpgelegd",
            "bedragInbeslaggenomen",
        ]
        ref_name = "Interventie"

    def get_naam(self, obj: Intervention) -> str:
        template = INTERVENTION_TYPES.get(obj.type)
        return str(template.label) if template is not None else obj.type


class InterventionInputSerializer(StrictSerializer):
    type = serializers.ChoiceField(
        choices=sorted(INTERVENTION_TYPES), help_text="Een interventie uit de catalogus, zoals sluiting_13b of bibob."
    )
    eigenaar = OrganisationUuidField(
        help_text="De deelnemende organisatie die de interventie uitvoert (het type moet bij haar passen)."
    )
    startdatum = serializers.DateField(
        required=False, allow_null=True, help_text="Vanaf hier worden de wettelijke termijnen geteld."
    )
    bibobReferentie = serializers.CharField(  # noqa: N815
        max_length=40, required=False, allow_blank=True, help_text="Alleen bij bibob: het kenmerk van het dossier."
    )

    class Meta:
        ref_name = "InterventieNieuw"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("bibobReferentie") and attrs["type"] != "bibob":
            raise serializers.ValidationError({"bibobReferentie": "Alleen bij een Bibob-screening."})
        return attrs


# --- Meetings -------------------------------------------------------------------------------------


class ActionItemSerializer(serializers.ModelSerializer[ActionItem]):
    uuid = serializers.UUIDField(read_only=True)
    omschrijving = serializers.CharField(source="description", read_only=True)
    eigenaar = OrganisationRefSerializer(source="owner", read_only=True)
    uiterlijk = serializers.DateField(source="due_on", read_only=True)
    gereed = serializers.DateField(source="done_on", read_only=True, allow_null=True)

    class Meta:
        model = ActionItem
        fields = ["uuid", "omschrijving", "eigenaar", "uiterlijk", "gereed"]
        ref_name = "Actiepunt"


class AgendaItemSerializer(serializers.ModelSerializer[AgendaItem]):
    casus = CaseRefSerializer(source="case", read_only=True)
    besluit = serializers.CharField(source="decision", read_only=True)
    acties = ActionItemSerializer(source="actions", many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["casus", "besluit", "acties"]
        ref_name = "Agendapunt"


class MeetingSummarySerializer(serializers.ModelSerializer[Meeting]):
    uuid = serializers.UUIDField(read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=MeetingKind.choices, read_only=True)
    datum = serializers.DateField(source="date", read_only=True)
    organisator = OrganisationRefSerializer(source="host", read_only=True)

    class Meta:
        model = Meeting
        fields = ["uuid", "soort", "datum", "organisator"]
        ref_name = "OverlegSamenvatting"


class MeetingDetailSerializer(MeetingSummarySerializer):
    """A meeting; pass the agenda items on cases the caller may see in the context as ``agenda``."""

    agenda = serializers.SerializerMethodField(help_text="Alleen de punten over casussen die u mag zien.")

    class Meta(MeetingSummarySerializer.Meta):
        fields = [*MeetingSummarySerializer.Meta.fields, "agenda"]
        ref_name = "Overleg"

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, obj: Meeting) -> list[dict[str, Any]]:
        return list(AgendaItemSerializer(self.context.get("agenda", []), many=True).data)
