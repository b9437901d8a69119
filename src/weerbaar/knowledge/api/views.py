# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/barrieremodellen`` and ``/api/v1/praktijkcasussen``: read-only, the same selectors and policy
as the pages, the same 404 for what the caller does not see. Reading one is audited."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from weerbaar.accounts.constants import Perm
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import permission
from weerbaar.knowledge import selectors
from weerbaar.knowledge.api.serializers import (
    BarrierModelDetailSerializer,
    BarrierModelSerializer,
    PracticeCaseSerializer,
)
from weerbaar.knowledge.constants import Phenomenon
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.organisations.constants import OrganisationType

UUID_REGEX = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_PHENOMENON = OpenApiParameter("fenomeen", str, enum=Phenomenon.values, description="Alleen dit fenomeen.")


def _choice(request: Request, name: str, allowed: list[str]) -> str:
    value = request.query_params.get(name, "")
    if value and value not in allowed:
        raise ValidationError({name: [f"Kies een van: {', '.join(allowed)}."]})
    return value


@extend_schema(tags=["barrieremodellen"])
class BarrierModelViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[BarrierModel]):
    """Barrier models of the caller's organisation and those shared with all organisations."""

    access_rule = permission(Perm.KNOWLEDGE_VIEW)
    lookup_field = "uuid"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self) -> QuerySet[BarrierModel]:
        request = self.request
        return selectors.barrier_model_list(
            actor=request_actor(request),
            phenomenon=_choice(request, "fenomeen", Phenomenon.values),
            owner_type=_choice(request, "eigenaarType", OrganisationType.values),
        )

    def get_serializer_class(self) -> type[BaseSerializer[BarrierModel]]:
        return BarrierModelDetailSerializer if self.action == "retrieve" else BarrierModelSerializer

    @extend_schema(
        summary="Barrièremodellen opvragen",
        parameters=[
            _PHENOMENON,
            OpenApiParameter(
                "eigenaarType",
                str,
                enum=OrganisationType.values,
                description="Alleen modellen met een barrière van dit soort partner (in de huidige versie).",
            ),
        ],
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="Eén barrièremodel opvragen (de huidige versie, met stappen en versiegeschiedenis)")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = request_actor(request)
        barrier_model = selectors.barrier_model_get(actor=actor, uuid=self.kwargs["uuid"])
        version = selectors.barrier_model_version(barrier_model=barrier_model) if barrier_model else None
        if barrier_model is None or version is None:
            raise NotFound
        audit_event_record(
            actor=actor, action=AuditAction.READ, obj=barrier_model, details={"part": "api", "version": version.number}
        )
        context = {
            **self.get_serializer_context(),
            "version": version,
            "history": selectors.barrier_model_history(barrier_model=barrier_model),
        }
        return Response(BarrierModelDetailSerializer(barrier_model, context=context).data)


@extend_schema(tags=["praktijkcasussen"])
class PracticeCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[PracticeCase]):
    """Anonymised practice cases of the caller's organisation and those shared with all organisations."""

    access_rule = permission(Perm.KNOWLEDGE_VIEW)
    lookup_field = "uuid"
    lookup_value_regex = UUID_REGEX
    serializer_class = PracticeCaseSerializer

    def get_queryset(self) -> QuerySet[PracticeCase]:
        return selectors.practice_case_list(
            actor=request_actor(self.request), phenomenon=_choice(self.request, "fenomeen", Phenomenon.values)
        )

    @extend_schema(summary="Praktijkcasussen opvragen", parameters=[_PHENOMENON])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="Eén praktijkcasus opvragen")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = request_actor(request)
        case = selectors.practice_case_get(actor=actor, uuid=self.kwargs["uuid"])
        if case is None:
            raise NotFound
        audit_event_record(actor=actor, action=AuditAction.READ, obj=case, details={"part": "api"})
        return Response(self.get_serializer(case).data)
