# SPDX-License-Identifier: EUPL-1.2
"""Serializers for platform resources. Field names are camelCase; identifiers are UUIDs."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation


class OrganisationRefSerializer(serializers.ModelSerializer[Organisation]):
    """An organisation where another resource refers to one: its UUID and name."""

    uuid = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="name", read_only=True)

    class Meta:
        model = Organisation
        fields = ["uuid", "naam"]
        ref_name = "OrganisatieVerwijzing"


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    uuid = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="name")
    type = serializers.ChoiceField(choices=OrganisationType.choices)
    isPrivaat = serializers.BooleanField(source="is_private", read_only=True)  # noqa: N815
    gemeentecode = serializers.CharField(source="municipality.code", default=None, allow_null=True)
    veiligheidsregiocode = serializers.CharField(source="safety_region.code", default=None, allow_null=True)
    politieEenheid = serializers.CharField(source="police_unit.name", default=None, allow_null=True)  # noqa: N815

    class Meta:
        model = Organisation
        fields = ["uuid", "naam", "type", "isPrivaat", "gemeentecode", "veiligheidsregiocode", "politieEenheid"]


class RoleSerializer(serializers.ModelSerializer[RoleAssignment]):
    organisatie = serializers.UUIDField(source="organisation.uuid")
    rol = serializers.ChoiceField(source="role", choices=Role.choices)
    geldigVanaf = serializers.DateField(source="valid_from", allow_null=True)  # noqa: N815
    geldigTot = serializers.DateField(source="valid_until", allow_null=True)  # noqa: N815

    class Meta:
        model = RoleAssignment
        fields = ["organisatie", "rol", "geldigVanaf", "geldigTot"]


class UserProfileSerializer(serializers.ModelSerializer[User]):
    uuid = serializers.UUIDField(read_only=True)
    gebruikersnaam = serializers.CharField(source="username")
    naam = serializers.CharField(source="display_name")
    screeningstatus = serializers.ChoiceField(source="screening_status", choices=ScreeningStatus.choices)
    actieveOrganisatie = serializers.SerializerMethodField()  # noqa: N815
    rollen = serializers.SerializerMethodField()
    rechten = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["uuid", "gebruikersnaam", "naam", "screeningstatus", "actieveOrganisatie", "rollen", "rechten"]

    @extend_schema_field({"type": "string", "format": "uuid", "nullable": True})
    def get_actieveOrganisatie(self, obj: User) -> str | None:  # noqa: N802
        actor = self.context["actor"]
        return str(actor.organisation.uuid) if actor.organisation is not None else None

    @extend_schema_field(RoleSerializer(many=True))
    def get_rollen(self, obj: User) -> list[dict[str, object]]:
        return list(RoleSerializer(self.context["roles"], many=True).data)

    def get_rechten(self, obj: User) -> list[str]:
        return sorted(self.context["actor"].permissions)


class MunicipalitySerializer(serializers.ModelSerializer[Municipality]):
    code = serializers.CharField()
    naam = serializers.CharField(source="name")
    provinciecode = serializers.CharField(source="province.code")
    veiligheidsregiocode = serializers.CharField(source="safety_region.code")
    politieEenheid = serializers.CharField(source="safety_region.police_unit.name")  # noqa: N815

    class Meta:
        model = Municipality
        fields = ["code", "naam", "provinciecode", "veiligheidsregiocode", "politieEenheid"]
