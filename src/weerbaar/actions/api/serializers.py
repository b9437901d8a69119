# SPDX-License-Identifier: EUPL-1.2
"""Joint actions in the API: explicit camelCase fields, organisations and objects as UUIDs, no person as a
field (the project leader and the inspectors are not in the API)."""

from typing import Any

from rest_framework import serializers

from weerbaar.actions.constants import (
    IDEMPOTENCY_KEY_LENGTH,
    FollowUpKind,
    LegalDomain,
    LocationReason,
    OperationKind,
    OperationStatus,
    Sanction,
    Severity,
)
from weerbaar.actions.models import Finding, FollowUp, Location, Operation, OperationPartner
from weerbaar.api.fields import StrictSerializer


class OperationSerializer(serializers.ModelSerializer[Operation]):
    uuid = serializers.UUIDField(read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=OperationKind.choices, read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    status = serializers.ChoiceField(choices=OperationStatus.choices, read_only=True)
    eigenaar = serializers.UUIDField(
        source="owner.uuid", read_only=True, help_text="De organisatie die de actie leidt."
    )
    eersteDag = serializers.DateField(source="starts_on", read_only=True)  # noqa: N815
    laatsteDag = serializers.DateField(source="ends_on", read_only=True)  # noqa: N815

    class Meta:
        model = Operation
        fields = ["uuid", "soort", "titel", "status", "eigenaar", "eersteDag", "laatsteDag"]
        ref_name = "Actie"


class PartnerSerializer(serializers.ModelSerializer[OperationPartner]):
    uuid = serializers.UUIDField(read_only=True)
    organisatie = serializers.UUIDField(source="organisation.uuid", read_only=True)
    organisatienaam = serializers.CharField(source="organisation.name", read_only=True)
    domein = serializers.ChoiceField(source="domain", choices=LegalDomain.choices, read_only=True)
    wettelijkeGrondslag = serializers.CharField(source="legal_basis", read_only=True)  # noqa: N815
    contact = serializers.CharField(read_only=True, help_text="Een functioneel contact (balie, piketnummer).")

    class Meta:
        model = OperationPartner
        fields = ["uuid", "organisatie", "organisatienaam", "domein", "wettelijkeGrondslag", "contact"]
        ref_name = "ActiePartner"


class OperationDetailSerializer(OperationSerializer):
    gebied = serializers.CharField(source="area_description", read_only=True)
    doelen = serializers.CharField(source="objectives", read_only=True)
    gemeenten = serializers.SerializerMethodField(help_text="CBS-codes van de gemeenten van het gebied.")
    partners = serializers.SerializerMethodField()

    class Meta(OperationSerializer.Meta):
        fields = [*OperationSerializer.Meta.fields, "gebied", "doelen", "gemeenten", "partners"]
        ref_name = "ActieDetail"

    def get_gemeenten(self, obj: Operation) -> list[str]:
        return [m.code for m in self.context["area"]]

    def get_partners(self, obj: Operation) -> list[dict[str, Any]]:
        return PartnerSerializer(self.context["partners"], many=True).data  # type: ignore[return-value]


class LocationSerializer(serializers.ModelSerializer[Location]):
    uuid = serializers.UUIDField(read_only=True)
    straat = serializers.CharField(source="street", read_only=True)
    huisnummer = serializers.CharField(source="house_number", read_only=True)
    postcode = serializers.CharField(read_only=True)
    plaats = serializers.CharField(source="city", read_only=True)
    gemeente = serializers.CharField(source="municipality.code", read_only=True, allow_null=True, default=None)
    breedtegraad = serializers.DecimalField(
        source="latitude", max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    lengtegraad = serializers.DecimalField(
        source="longitude", max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    reden = serializers.ChoiceField(
        source="reason",
        choices=LocationReason.choices,
        read_only=True,
        help_text="Waarom de locatie is gekozen; de bron zelf staat niet in de API.",
    )
    volgnummer = serializers.IntegerField(source="position", read_only=True)

    class Meta:
        model = Location
        fields = [
            "uuid",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
            "gemeente",
            "breedtegraad",
            "lengtegraad",
            "reden",
            "volgnummer",
        ]
        ref_name = "ActieLocatie"


class FindingSerializer(serializers.ModelSerializer[Finding]):
    uuid = serializers.UUIDField(read_only=True)
    locatie = serializers.UUIDField(source="location.uuid", read_only=True)
    organisatie = serializers.UUIDField(source="organisation.uuid", read_only=True)
    domein = serializers.ChoiceField(source="domain", choices=LegalDomain.choices, read_only=True)
    gecontroleerd = serializers.CharField(source="checked", read_only=True)
    conform = serializers.BooleanField(source="compliant", read_only=True)
    wettelijkeGrondslag = serializers.CharField(source="legal_ground", read_only=True)  # noqa: N815
    ernst = serializers.ChoiceField(source="severity", choices=Severity.choices, read_only=True)
    sanctie = serializers.ChoiceField(source="sanction", choices=Sanction.choices, read_only=True)
    toelichting = serializers.CharField(source="notes", read_only=True)
    vastgelegdOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815

    class Meta:
        model = Finding
        fields = [
            "uuid",
            "locatie",
            "organisatie",
            "domein",
            "gecontroleerd",
            "conform",
            "wettelijkeGrondslag",
            "ernst",
            "sanctie",
            "toelichting",
            "vastgelegdOp",
        ]
        ref_name = "ActieBevinding"


class FindingCreateSerializer(StrictSerializer):
    locatie = serializers.UUIDField(help_text="Een locatie van deze actie.")
    domein = serializers.ChoiceField(
        choices=LegalDomain.choices, help_text="Een domein waarvanuit de organisatie aan de actie deelneemt."
    )
    gecontroleerd = serializers.CharField(max_length=300)
    conform = serializers.BooleanField()
    wettelijkeGrondslag = serializers.CharField(  # noqa: N815
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="Leeg: de wettelijke grondslag van de partner.",
    )
    ernst = serializers.ChoiceField(choices=Severity.choices, required=False, default=Severity.GEEN)
    sanctie = serializers.ChoiceField(choices=Sanction.choices, required=False, default=Sanction.GEEN)
    toelichting = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    organisatie = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Alleen voor planners: de partner namens wie de bevinding wordt vastgelegd (bijvoorbeeld een "
        "private netbeheerder zonder toegang). Leeg: de eigen organisatie.",
    )
    idempotencySleutel = serializers.CharField(  # noqa: N815
        max_length=IDEMPOTENCY_KEY_LENGTH,
        required=False,
        allow_blank=False,
        help_text="Dezelfde sleutel als de header Idempotency-Key, voor een client die geen header kan zetten.",
    )

    class Meta:
        ref_name = "ActieBevindingNieuw"


class FollowUpSerializer(serializers.ModelSerializer[FollowUp]):
    uuid = serializers.UUIDField(read_only=True)
    bevinding = serializers.UUIDField(source="finding.uuid", read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=FollowUpKind.choices, read_only=True)
    eigenaar = serializers.UUIDField(source="owner.uuid", read_only=True)
    uiterlijk = serializers.DateField(source="due_on", read_only=True)
    afgerond = serializers.SerializerMethodField(help_text="Volgt de status van de melding of interventie.")
    gekoppeld = serializers.SerializerMethodField(
        help_text="`melding`, `interventie` of leeg: waar de opvolging verder loopt."
    )

    class Meta:
        model = FollowUp
        fields = ["uuid", "bevinding", "soort", "eigenaar", "uiterlijk", "afgerond", "gekoppeld"]
        ref_name = "ActieOpvolging"

    def get_afgerond(self, obj: FollowUp) -> bool:
        return bool(self.context["done"](obj))

    def get_gekoppeld(self, obj: FollowUp) -> str:
        if obj.signal_id is not None:
            return "melding"
        if obj.intervention_id is not None:
            return "interventie"
        return ""


class FollowUpCreateSerializer(StrictSerializer):
    bevinding = serializers.UUIDField()
    soort = serializers.ChoiceField(choices=FollowUpKind.choices)
    eigenaar = serializers.UUIDField(help_text="De organisatie die de opvolging uitvoert.")
    uiterlijk = serializers.DateField()
    casus = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Een casus waarvan u lid bent: een bestuurlijke of fiscale opvolging wordt daar een interventie.",
    )
    fenomeen = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    gemeente = serializers.RegexField(
        r"^GM[0-9]{4}$", required=False, allow_null=True, default=None, help_text="CBS-code (voor een melding)."
    )
    omschrijving = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "ActieOpvolgingNieuw"


class DebriefRowSerializer(serializers.Serializer[Any]):
    naam = serializers.CharField(source="label", read_only=True)
    waarden = serializers.ListField(source="values", child=serializers.CharField(), read_only=True)

    class Meta:
        ref_name = "ActieDebriefingRij"


class DebriefSerializer(serializers.Serializer[Any]):
    exact = serializers.BooleanField(
        read_only=True, help_text='true voor planners; anders zijn kleine aantallen afgeschermd ("< 5").'
    )
    locaties = serializers.CharField(source="locations", read_only=True)
    locatiesGecontroleerd = serializers.CharField(source="locations_checked", read_only=True)  # noqa: N815
    bevindingen = serializers.CharField(source="findings", read_only=True)
    aandeelConform = serializers.CharField(source="compliant_share", read_only=True)  # noqa: N815
    perDomein = DebriefRowSerializer(source="by_domain", many=True, read_only=True, allow_null=True)  # noqa: N815
    perPartner = DebriefRowSerializer(source="by_partner", many=True, read_only=True, allow_null=True)  # noqa: N815
    sancties = DebriefRowSerializer(source="sanctions", many=True, read_only=True, allow_null=True)
    opvolgingenOpen = serializers.CharField(source="follow_ups_open", read_only=True)  # noqa: N815
    opvolgingenAfgerond = serializers.CharField(source="follow_ups_done", read_only=True)  # noqa: N815

    class Meta:
        ref_name = "ActieDebriefing"
