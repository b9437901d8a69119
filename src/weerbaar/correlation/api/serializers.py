# SPDX-License-Identifier: EUPL-1.2
"""Subjects and correlations in the API (Dutch camelCase, UUIDs only, no personal data in URLs).

``BetrokkeneInvoer`` is the one input shape of a subject — used in a signal's ``betrokkenen``, when adding a
subject to a signal or a case, and for screening. ``Betrokkene`` is its output. Correlations come as
``zelfde`` (visible, with score and explanation), ``treffers`` (hit/no-hit: only the kind of context and
the organisation, never content) and ``mogelijk`` (possible matches, both sides visible).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from weerbaar.api.fields import REQUIRED, NormalisedField, PastDateField, StrictSerializer, text_field
from weerbaar.api.serializers import OrganisationRefSerializer
from weerbaar.core.constants import LegalRegime
from weerbaar.correlation import validation
from weerbaar.correlation.constants import ContextKind, LegalForm, SubjectKind, SubjectSource, Verdict
from weerbaar.correlation.contexts import ContextRef
from weerbaar.correlation.models import Subject
from weerbaar.correlation.selectors import Contribution, Correlations
from weerbaar.organisations.models import Organisation

#: API field -> model field of :class:`~weerbaar.correlation.models.Subject`.
SUBJECT_MODEL_FIELDS = {
    "voornamen": "given_names",
    "tussenvoegsel": "surname_prefix",
    "achternaam": "surname",
    "geboortedatum": "birth_date",
    "bedrijfsnaam": "company_name",
    "rechtsvorm": "legal_form",
    "kvkNummer": "kvk_number",
    "straat": "street",
    "huisnummer": "house_number",
    "huisnummertoevoeging": "house_number_addition",
    "postcode": "postcode",
    "plaats": "city",
    "bagId": "bag_id",
    "kenteken": "plate",
    "telefoonnummer": "phone",
    "email": "email",
    "iban": "iban",
}
_ADDRESS = {"straat", "huisnummer", "huisnummertoevoeging", "postcode", "plaats"}

#: Which fields each kind of subject may carry, and which of them are required.
SUBJECT_API_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    SubjectKind.PERSOON: ({"voornamen", "tussenvoegsel", "achternaam", "geboortedatum", *_ADDRESS}, {"achternaam"}),
    SubjectKind.BEDRIJF: ({"bedrijfsnaam", "rechtsvorm", "kvkNummer", *_ADDRESS}, set()),
    SubjectKind.ADRES: ({*_ADDRESS, "bagId"}, set()),
    SubjectKind.VOERTUIG: ({"kenteken"}, {"kenteken"}),
    SubjectKind.TELEFOON: ({"telefoonnummer"}, {"telefoonnummer"}),
    SubjectKind.EMAIL: ({"email"}, {"email"}),
    SubjectKind.IBAN: ({"iban"}, {"iban"}),
}


class SubjectInputSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=SubjectKind.choices)
    voornamen = text_field(120)
    tussenvoegsel = text_field(20)
    achternaam = text_field(120)
    geboortedatum = PastDateField(required=False)
    bedrijfsnaam = text_field(200)
    rechtsvorm = serializers.ChoiceField(choices=LegalForm.choices, required=False)
    kvkNummer = NormalisedField(validation.validate_kvk, max_length=12)  # noqa: N815
    straat = text_field(120)
    huisnummer = NormalisedField(validation.validate_house_number, max_length=10)
    huisnummertoevoeging = text_field(8)
    postcode = NormalisedField(validation.validate_postcode, max_length=7)
    plaats = text_field(80)
    bagId = NormalisedField(validation.validate_bag_id, max_length=20)  # noqa: N815
    kenteken = NormalisedField(validation.validate_plate, max_length=12)
    telefoonnummer = NormalisedField(validation.validate_phone, max_length=24)
    email = serializers.EmailField(
        required=False, max_length=254, error_messages={"invalid": "Vul een e-mailadres in, zoals naam@example.nl."}
    )
    iban = NormalisedField(validation.validate_iban, max_length=42)

    #: Fields of a subclass that are not values of the subject (provenance, a purpose).
    not_values: frozenset[str] = frozenset()

    class Meta:
        ref_name = "BetrokkeneInvoer"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        kind = attrs["soort"]
        allowed, required = SUBJECT_API_FIELDS[kind]
        errors: dict[str, str] = {}
        for name in sorted(set(attrs) - allowed - {"soort"} - self.not_values):
            errors[name] = f"Dit veld hoort niet bij een betrokkene van soort '{kind}'."
        for name in sorted(required - set(attrs)):
            errors[name] = REQUIRED
        if kind == SubjectKind.BEDRIJF and not attrs.get("bedrijfsnaam") and not attrs.get("kvkNummer"):
            errors["bedrijfsnaam"] = "Geef de bedrijfsnaam of het KvK-nummer."
        if kind == SubjectKind.ADRES and not (
            (attrs.get("postcode") and attrs.get("huisnummer"))
            or (attrs.get("straat") and attrs.get("huisnummer"))
            or attrs.get("bagId")
        ):
            errors["postcode"] = "Geef postcode en huisnummer, straat en huisnummer, of de BAG-identificatie."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def subject_values_from(validated: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """(kind, model values) from a validated ``SubjectInputSerializer``."""
    values = {SUBJECT_MODEL_FIELDS[k]: v for k, v in validated.items() if k != "soort"}
    return validated["soort"], values


class SubjectAddSerializer(SubjectInputSerializer):
    """A subject added to a signal or a case, with where its values come from (provenance)."""

    not_values = frozenset({"bron", "regime", "toestemmingVereist"})

    bron = serializers.CharField(
        max_length=200, required=False, help_text="Waar de gegevens vandaan komen, bv. 'KvK-uittreksel 1 maart 2026'."
    )
    regime = serializers.ChoiceField(
        choices=LegalRegime.choices,
        required=False,
        help_text="Alleen bij een casus: het wettelijk regime waaronder uw organisatie levert (standaard AVG).",
    )
    toestemmingVereist = serializers.BooleanField(  # noqa: N815
        required=False, help_text="Alleen bij een casus: delen met anderen alleen met toestemming van uw organisatie."
    )

    class Meta:
        ref_name = "BetrokkeneToevoegen"


def entity_ref(*, entity_uuid: UUID, organisation_uuid: UUID) -> UUID:
    """The entity as one organisation sees it: stable for that organisation, unrelated for any other.

    The entity's own uuid would be the same for every organisation that holds a subject of it, hidden
    contexts included, and so would let two organisations find out they hold the same person without
    the hit/no-hit procedure (and its audit) in between.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"entiteit:{organisation_uuid}:{entity_uuid}".encode(), hashlib.sha256
    ).digest()
    return UUID(bytes=digest[:16], version=4)


class SubjectSerializer(serializers.ModelSerializer[Subject]):
    uuid = serializers.UUIDField()
    soort = serializers.ChoiceField(source="kind", choices=SubjectKind.choices)
    voornamen = serializers.CharField(source="given_names")
    tussenvoegsel = serializers.CharField(source="surname_prefix")
    achternaam = serializers.CharField(source="surname")
    geboortedatum = serializers.DateField(source="birth_date", allow_null=True)
    bedrijfsnaam = serializers.CharField(source="company_name")
    rechtsvorm = serializers.ChoiceField(source="legal_form", choices=LegalForm.choices, allow_blank=True)
    kvkNummer = serializers.CharField(source="kvk_number")  # noqa: N815
    straat = serializers.CharField(source="street")
    huisnummer = serializers.CharField(source="house_number")
    huisnummertoevoeging = serializers.CharField(source="house_number_addition")
    postcode = serializers.CharField()
    plaats = serializers.CharField(source="city")
    bagId = serializers.CharField(source="bag_id")  # noqa: N815
    kenteken = serializers.CharField(source="plate")
    telefoonnummer = serializers.CharField(source="phone")
    email = serializers.CharField()
    iban = serializers.CharField()
    geleverdDoor = serializers.UUIDField(source="supplied_by.uuid", allow_null=True, default=None)  # noqa: N815
    bron = serializers.ChoiceField(source="source", choices=SubjectSource.choices)
    bronDetail = serializers.CharField(source="source_detail")  # noqa: N815
    regime = serializers.ChoiceField(choices=LegalRegime.choices)
    entiteit = serializers.SerializerMethodField(
        help_text="Wie dezelfde is, heeft dezelfde waarde — binnen uw organisatie. Een andere organisatie ziet voor "
        "dezelfde entiteit een andere waarde, zodat niemand via dit kenmerk andermans vindplaatsen kan koppelen."
    )

    class Meta:
        model = Subject
        fields = [
            "uuid",
            "soort",
            *SUBJECT_MODEL_FIELDS,
            "geleverdDoor",
            "bron",
            "bronDetail",
            "regime",
            "entiteit",
        ]
        ref_name = "Betrokkene"

    @extend_schema_field({"type": "string", "format": "uuid", "nullable": True})
    def get_entiteit(self, subject: Subject) -> str | None:
        actor = self.context.get("actor")
        organisation = getattr(actor, "organisation", None)
        if subject.entity is None or organisation is None:
            return None
        return str(entity_ref(entity_uuid=subject.entity.uuid, organisation_uuid=organisation.uuid))


def _organisation(ref: ContextRef) -> dict[str, Any]:
    organisation = Organisation.objects.filter(pk=ref.organisation_id).first() if ref.organisation_id else None
    if organisation is None:
        return {"uuid": None, "naam": ref.organisation_name}
    return dict(OrganisationRefSerializer(organisation).data)


class ContextSerializer(serializers.Serializer[ContextRef]):
    """Where a visible subject is named: the signal or case, with its number and owner."""

    soort = serializers.ChoiceField(source="kind", choices=ContextKind.choices)
    uuid = serializers.UUIDField()
    nummer = serializers.CharField(source="label")
    organisatie = serializers.SerializerMethodField()

    class Meta:
        ref_name = "Vindplaats"

    @extend_schema_field(OrganisationRefSerializer)
    def get_organisatie(self, ref: ContextRef) -> dict[str, Any]:
        return _organisation(ref)


class HitSerializer(serializers.Serializer[ContextRef]):
    """A context outside the caller's access that holds the same subject: its kind and organisation only."""

    soort = serializers.ChoiceField(source="kind", choices=ContextKind.choices)
    organisatie = serializers.SerializerMethodField()

    class Meta:
        ref_name = "Treffer"

    @extend_schema_field(OrganisationRefSerializer)
    def get_organisatie(self, ref: ContextRef) -> dict[str, Any]:
        return _organisation(ref)


class ContributionSerializer(serializers.Serializer[Contribution]):
    kenmerk = serializers.CharField(source="feature")
    omschrijving = serializers.CharField(source="label")
    bijdrage = serializers.FloatField(source="weight", help_text="In bits; de bijdragen tellen op tot de score.")

    class Meta:
        ref_name = "Uitlegregel"


class MatchSerializer(serializers.Serializer[Any]):
    betrokkene = SubjectSerializer(source="subject")
    vindplaats = ContextSerializer(source="context")
    score = serializers.FloatField(allow_null=True, help_text="Log2 van de odds dat het dezelfde is; >0: dezelfde.")
    uitleg = ContributionSerializer(source="explanation", many=True)

    class Meta:
        ref_name = "Overeenkomst"


class HitRowSerializer(serializers.Serializer[Any]):
    treffer = HitSerializer(source="context")
    verzoekVia = serializers.CharField(  # noqa: N815
        source="token", help_text="Kenmerk voor een toegangsverzoek; zegt niets over de vindplaats."
    )

    class Meta:
        ref_name = "TrefferRegel"


class CorrelationsSerializer(serializers.Serializer[Correlations]):
    betrokkene = SubjectSerializer(source="subject")
    zelfde = MatchSerializer(source="same", many=True)
    treffers = HitRowSerializer(source="hits", many=True)
    mogelijk = MatchSerializer(source="possible", many=True)

    class Meta:
        ref_name = "Correlaties"


class SubjectAddedSerializer(serializers.Serializer[Any]):
    correlaties = CorrelationsSerializer()
    treffersAchtergehouden = serializers.BooleanField(  # noqa: N815
        help_text="Waar: het maximum aantal treffers per uur is bereikt; treffers zijn weggelaten."
    )

    class Meta:
        ref_name = "BetrokkeneToegevoegd"


class ScreeningInputSerializer(SubjectInputSerializer):
    soort = serializers.ChoiceField(
        choices=[(kind.value, kind.label) for kind in (SubjectKind.PERSOON, SubjectKind.BEDRIJF, SubjectKind.ADRES)],
        help_text="Screenen kan op een persoon, een bedrijf of een adres.",
    )
    doel = serializers.CharField(max_length=500, help_text="Het doel van de zoekvraag; wordt vastgelegd in de audit.")
    maxResultaten = serializers.IntegerField(required=False, min_value=1, max_value=25, default=10)  # noqa: N815

    class Meta:
        ref_name = "ScreeningVraag"

    not_values = frozenset({"doel", "maxResultaten"})


class ScreeningResultSerializer(serializers.Serializer[Any]):
    resultaten = MatchSerializer(source="found", many=True)
    treffers = HitSerializer(source="hits", many=True)
    meerMetGelijkeScore = serializers.BooleanField(  # noqa: N815
        source="tied",
        help_text="Alleen bij personen: meer personen dan getoond scoren even hoog als de laatst getoonde (vaak "
        "een veelvoorkomende naam zonder geboortedatum of adres); wie daarvan getoond wordt, is toeval. Voeg een "
        "geboortedatum of adres toe.",
    )

    class Meta:
        ref_name = "ScreeningAntwoord"


class JudgementInputSerializer(StrictSerializer):
    ander = serializers.UUIDField(help_text="De andere betrokkene van het paar.")
    oordeel = serializers.ChoiceField(choices=Verdict.choices)
    reden = serializers.CharField(max_length=2000)

    class Meta:
        ref_name = "OordeelInvoer"


class JudgementSerializer(serializers.Serializer[Any]):
    uuid = serializers.UUIDField()
    oordeel = serializers.ChoiceField(source="verdict", choices=Verdict.choices)
    reden = serializers.CharField(source="reason")
    op = serializers.DateTimeField(source="at")

    class Meta:
        ref_name = "Oordeel"


class AccessRequestInputSerializer(StrictSerializer):
    verzoekVia = serializers.CharField(max_length=64, help_text="`verzoekVia` van de treffer.")  # noqa: N815
    reden = serializers.CharField(max_length=2000)

    class Meta:
        ref_name = "ToegangsverzoekInvoer"


class NodeSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    soort = serializers.ChoiceField(
        source="kind",
        choices=[("context", "vindplaats"), ("subject", "betrokkene"), ("hit", "treffer")],
        help_text="context (een melding of casus), subject (een betrokkene) of hit (een treffer elders).",
    )
    tekst = serializers.CharField(source="label")
    groep = serializers.ChoiceField(
        source="group",
        choices=[*ContextKind.choices, *SubjectKind.choices],
        help_text="De soort vindplaats of de soort betrokkene.",
    )

    class Meta:
        ref_name = "Knoop"


class EdgeSerializer(serializers.Serializer[Any]):
    van = serializers.CharField(source="source")
    naar = serializers.CharField(source="target")
    relatie = serializers.ChoiceField(
        source="relation",
        choices=[
            ("named_in", "genoemd in"),
            ("same", "dezelfde"),
            ("possible", "mogelijk dezelfde"),
            ("hit", "treffer"),
        ],
    )
    score = serializers.FloatField(allow_null=True)

    class Meta:
        ref_name = "Verbinding"


class NetworkSerializer(serializers.Serializer[Any]):
    knopen = serializers.SerializerMethodField()
    verbindingen = EdgeSerializer(source="edges", many=True)
    treffersAchtergehouden = serializers.BooleanField(source="withheld")  # noqa: N815

    class Meta:
        ref_name = "Netwerk"

    @extend_schema_field(NodeSerializer(many=True))
    def get_knopen(self, network: Any) -> list[dict[str, Any]]:
        return NodeSerializer(list(network.nodes.values()), many=True).data  # type: ignore[return-value]
