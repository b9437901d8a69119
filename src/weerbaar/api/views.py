# SPDX-License-Identifier: EUPL-1.2
"""Platform resources: organisations, the caller's profile, reference geography."""

from typing import Any

from django.core.signals import setting_changed
from django.db.models import QuerySet
from django.dispatch import receiver
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import RoleAssignment
from weerbaar.api.permissions import request_actor
from weerbaar.api.serializers import MunicipalitySerializer, OrganisationSerializer, UserProfileSerializer
from weerbaar.api.strictness import DeclaredQueryParameters
from weerbaar.core.policy import AUTHENTICATED, PUBLIC, permission
from weerbaar.geo.models import Municipality
from weerbaar.geo.selectors import municipality_list
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.selectors import organisation_list

#: The generated OpenAPI document per (API version, language), built on the first request of a process.
_DOCUMENTS: dict[tuple[str | None, str | None], dict[str, Any]] = {}


@receiver(setting_changed)
def _forget_documents(**_kwargs: Any) -> None:
    _DOCUMENTS.clear()  # the document is built from the settings (servers, version, hooks)


class OpenApiView(SpectacularJSONAPIView):
    access_rule = PUBLIC
    authentication_classes: list[Any] = []
    # drf-spectacular's own view allows anyone and reads ``lang`` and ``version``: here it takes no parameters.
    permission_classes = [DeclaredQueryParameters]

    def _get_schema_response(self, request: Request) -> Response:
        """The document, generated once per process: it depends on the code and the settings only (it is
        public, so not filtered per caller), and generating it costs some 80 ms of CPU, which an anonymous
        caller could otherwise ask for as often as the throttle allows."""
        version = self.api_version or request.version or self._get_version_parameter(request)  # type: ignore[no-untyped-call]
        key = (version, translation.get_language())
        if key not in _DOCUMENTS:
            generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
            _DOCUMENTS[key] = generator.get_schema(  # type: ignore[no-untyped-call]
                request=request, public=self.serve_public
            )
        filename = self._get_filename(request, version)  # type: ignore[no-untyped-call]
        return Response(data=_DOCUMENTS[key], headers={"Content-Disposition": f'inline; filename="{filename}"'})


@extend_schema(tags=["organisaties"])
class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Organisation]):
    """Partner organisations on Weerbaar (a public directory of names, types and regions)."""

    access_rule = permission(Perm.ORGANISATIONS_VIEW)
    serializer_class = OrganisationSerializer
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def get_queryset(self) -> QuerySet[Organisation]:
        org_type = self.request.query_params.get("type")
        if org_type is not None and org_type not in OrganisationType.values:
            raise ValidationError({"type": [f"Onbekend type; kies uit: {', '.join(OrganisationType.values)}."]})
        return organisation_list(actor=request_actor(self.request), type=org_type or "")

    @extend_schema(
        summary="Organisaties opvragen",
        parameters=[
            OpenApiParameter("type", str, enum=OrganisationType.values, description="Filter op type organisatie.")
        ],
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="Eén organisatie opvragen")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)


@extend_schema(tags=["gemeenten"])
class MunicipalityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Municipality]):
    """The 342 municipalities of 2025 (CBS), with province, safety region and police unit."""

    access_rule = permission(Perm.GEO_VIEW)
    serializer_class = MunicipalitySerializer
    lookup_field = "code"
    lookup_value_regex = "GM[0-9]{4}"

    def get_queryset(self) -> QuerySet[Municipality]:
        return municipality_list()

    @extend_schema(summary="Gemeenten opvragen")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="Eén gemeente opvragen")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)


@extend_schema(tags=["gebruikersprofiel"])
class UserProfileView(APIView):
    """The caller: roles, active organisation and resulting permissions."""

    access_rule = AUTHENTICATED

    @extend_schema(summary="Eigen gebruikersprofiel opvragen", responses=UserProfileSerializer)
    def get(self, request: Request) -> Response:
        actor = request_actor(request)
        user = actor.user
        if user is None:  # unreachable: the access rule requires an authenticated actor
            raise NotAuthenticated
        roles = RoleAssignment.objects.current().filter(user=user).select_related("organisation")
        return Response(UserProfileSerializer(user, context={"actor": actor, "roles": roles}).data)
