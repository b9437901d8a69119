# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/incidenten`` with its steps and measures — the same selectors, the same 404 outside scope."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from weerbaar.accounts.constants import Perm
from weerbaar.api.errors import service_errors
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import can, permission
from weerbaar.threats import selectors, services
from weerbaar.threats.api.serializers import IncidentSerializer, MeasureSerializer, StepSerializer
from weerbaar.threats.models import FollowUpStep, Incident, ProtectionMeasure

#: Model field -> API field, for a service's refusal.
_FIELD_PATHS = {"forms": "vormen", "victim_role": "rolSlachtoffer", "occurred_at": "tijdstip", "severity": "ernst"}
UUID_REGEX = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@extend_schema(tags=["incidenten"])
class IncidentViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Incident]
):
    """Incidents of aggression and threats the caller may see (as victim, coordinator or grantee)."""

    access_rule = permission(Perm.THREATS_VIEW)
    serializer_class = IncidentSerializer
    lookup_field = "uuid"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self) -> QuerySet[Incident]:
        return selectors.incident_list(actor=request_actor(self.request))

    @extend_schema(summary="Incidenten opvragen")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        audit_event_record(
            actor=request_actor(request),
            action=AuditAction.READ,
            object_type="threats.incident",
            details={"part": "api_list"},
        )
        return response

    @extend_schema(summary="Eén incident opvragen")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incident = self.get_object()
        services.incident_read_record(actor=request_actor(request), incident=incident, what="api")
        return Response(self.get_serializer(incident).data)

    @extend_schema(summary="Een incident melden (als slachtoffer)")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = request_actor(request)
        if actor.user is None or not can(actor, Perm.THREATS_REPORT):
            raise NotFound
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors(_FIELD_PATHS):
            incident = services.incident_report(actor=actor, victim=actor.user, data=dict(serializer.validated_data))
        return Response(self.get_serializer(incident).data, status=201)


class _IncidentChildList(ListAPIView):  # type: ignore[type-arg]
    access_rule = permission(Perm.THREATS_VIEW)

    def incident(self) -> Incident:
        incident = selectors.incident_get(actor=request_actor(self.request), uuid=self.kwargs["uuid"])
        if incident is None:
            raise NotFound
        return incident


@extend_schema(tags=["incidenten"], summary="Vervolgstappen van een incident")
class StepListView(_IncidentChildList):
    serializer_class = StepSerializer

    def get_queryset(self) -> QuerySet[FollowUpStep]:
        incident = self.incident()
        services.incident_read_record(actor=request_actor(self.request), incident=incident, what="api_steps")
        return selectors.step_list(actor=request_actor(self.request), incident=incident)


@extend_schema(tags=["incidenten"], summary="Beschermingsmaatregelen van een incident")
class MeasureListView(_IncidentChildList):
    serializer_class = MeasureSerializer

    def get_queryset(self) -> QuerySet[ProtectionMeasure]:
        incident = self.incident()
        services.incident_read_record(actor=request_actor(self.request), incident=incident, what="api_measures")
        return selectors.measure_list(actor=request_actor(self.request), incident=incident)
