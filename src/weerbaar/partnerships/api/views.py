# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/gebiedssamenwerkingen`` with its ``deelnemers``, and ``/api/v1/gebiedsberichten``: the same
selectors, the same policy and ceiling as the pages, the same 404 outside scope. Each view declares the
class of data it shows (``shown``); every one of them is ``operationeel`` (no person is ever a field)."""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from weerbaar.accounts.constants import Perm
from weerbaar.api.errors import service_errors
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import can, permission
from weerbaar.partnerships import selectors, services
from weerbaar.partnerships.api.serializers import (
    AlertCreateSerializer,
    AlertSerializer,
    ParticipantSerializer,
    PartnershipDetailSerializer,
    PartnershipSerializer,
)
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import AreaAlert, Participant, Partnership
from weerbaar.partnerships.permissions import Shown, Shows

UUID_REGEX = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
OPERATIONAL = Shown(DataClass.OPERATIONEEL)
#: Model field -> API field, for a service's refusal.
_ALERT_FIELDS = {
    "theme": "thema",
    "text": "tekst",
    "location_text": "locatie",
    "latitude": "breedtegraad",
    "longitude": "lengtegraad",
    "guidance": "handelingsperspectief",
}
_NO_PARTNERSHIP = "Onbekende gebiedssamenwerking, of u mag er geen gebiedsbericht naar sturen."


def _partnership(request: Request, uuid: UUID | str, shown: Shown) -> Partnership:
    actor = request_actor(request)
    partnership = selectors.partnership_get(actor=actor, uuid=uuid, data_class=shown.required)
    if partnership is None or not can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, shown)):
        raise NotFound
    return partnership


@extend_schema(tags=["gebiedssamenwerkingen"])
class PartnershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Partnership]):
    """Area partnerships in which the caller receives operational data."""

    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = OPERATIONAL
    lookup_field = "uuid"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self) -> QuerySet[Partnership]:
        return selectors.partnership_list(actor=request_actor(self.request), data_class=self.shown.required)

    def get_serializer_class(self) -> type[BaseSerializer[Partnership]]:
        return PartnershipDetailSerializer if self.action == "retrieve" else PartnershipSerializer

    @extend_schema(summary="Gebiedssamenwerkingen opvragen")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="Eén gebiedssamenwerking opvragen")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partnership = _partnership(request, self.kwargs["uuid"], self.shown)
        audit_event_record(
            actor=request_actor(request), action=AuditAction.READ, obj=partnership, details={"part": "api"}
        )
        return Response(self.get_serializer(partnership).data)


@extend_schema(tags=["gebiedssamenwerkingen"], summary="Deelnemers van een gebiedssamenwerking")
class ParticipantListView(ListAPIView):  # type: ignore[type-arg]
    """The organisations taking part, with what each receives at most (no representatives: persons are not
    in the API)."""

    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = OPERATIONAL
    serializer_class = ParticipantSerializer

    def get_queryset(self) -> QuerySet[Participant]:
        partnership = _partnership(self.request, self.kwargs["uuid"], self.shown)
        return selectors.participant_list(actor=request_actor(self.request), partnership=partnership)


@extend_schema(tags=["gebiedsberichten"])
class AlertViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet[AreaAlert]
):
    """Area alerts the caller receives; sending one needs ``partnerships.alert`` in that partnership."""

    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = OPERATIONAL
    lookup_field = "uuid"
    lookup_value_regex = UUID_REGEX

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return AlertCreateSerializer if self.action == "create" else AlertSerializer

    def get_queryset(self) -> QuerySet[AreaAlert]:
        alerts = selectors.alert_list(actor=request_actor(self.request)).order_by("-sent_at", "-pk")
        wanted = self.request.query_params.get("gebiedssamenwerking")
        if wanted is not None and self.action == "list":
            try:
                UUID(wanted)
            except ValueError as exc:
                raise ValidationError({"gebiedssamenwerking": ["Geef de UUID van een gebiedssamenwerking."]}) from exc
            alerts = alerts.filter(partnership__uuid=wanted)
        return alerts

    @extend_schema(
        summary="Gebiedsberichten opvragen",
        parameters=[
            OpenApiParameter(
                "gebiedssamenwerking",
                UUID,
                description="Alleen de berichten van deze gebiedssamenwerking.",
            )
        ],
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="Eén gebiedsbericht opvragen")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Een gebiedsbericht sturen",
        description=(
            "Een niet-persoonlijk bericht aan de partners van de gebiedssamenwerking. Teksten met een kenteken, "
            "e-mailadres, telefoonnummer, rekeningnummer of adres worden geweigerd (400)."
        ),
        request=AlertCreateSerializer,
        responses={201: AlertSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = request_actor(request)
        serializer = AlertCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        partnership = selectors.partnership_get(
            actor=actor, uuid=data["gebiedssamenwerking"], data_class=self.shown.required
        )
        if partnership is None or not can(actor, Perm.PARTNERSHIPS_ALERT, partnership):
            raise ValidationError({"gebiedssamenwerking": [_NO_PARTNERSHIP]})
        with service_errors(_ALERT_FIELDS):
            alert = services.alert_send(
                actor=actor,
                partnership=partnership,
                theme=data["thema"],
                text=data["tekst"],
                location_text=data["locatie"],
                latitude=data["breedtegraad"],
                longitude=data["lengtegraad"],
                guidance=data["handelingsperspectief"],
            )
        shown = selectors.alert_list(actor=actor).get(pk=alert.pk)
        headers = {"Location": reverse("partnerships_api:gebiedsberichten-detail", kwargs={"uuid": alert.uuid})}
        return Response(AlertSerializer(shown).data, status=201, headers=headers)
