# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/weerbaarheidsscans`` and their ``verbeteracties``: the coordinator's selectors, policy and services,
the same 404 outside the own organisation. A status change is a transition with ``If-Match``."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import User
from weerbaar.api.concurrency import ConditionalMixin, etag_header, etag_response, transition, transition_schema
from weerbaar.api.errors import service_errors
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import permission
from weerbaar.resilience import selectors, services
from weerbaar.resilience.api.serializers import (
    UNKNOWN_OWNER,
    ActionCreateSerializer,
    ActionSerializer,
    ActionStatusSerializer,
    ScanDetailSerializer,
    ScanSerializer,
)
from weerbaar.resilience.models import ImprovementAction, Scan

MANAGE = permission(Perm.RESILIENCE_MANAGE)
_FIELDS = {
    "title": "titel",
    "description": "omschrijving",
    "owner": "eigenaar",
    "due_date": "streefdatum",
    "topic": "procesOfThema",
}


def _scan(request: Request, uuid: Any) -> Scan:
    scan = selectors.scan_get(actor=request_actor(request), uuid=uuid)
    if scan is None:
        raise NotFound
    return scan


def _action(request: Request, uuid: Any, action_uuid: Any) -> ImprovementAction:
    scan = _scan(request, uuid)
    action = selectors.action_list(actor=request_actor(request), scan=scan).filter(uuid=action_uuid).first()
    if action is None or not services.may_move(request_actor(request), action):
        raise NotFound
    return action


@extend_schema(tags=["weerbaarheidsscans"], summary="Weerbaarheidsscans van de eigen organisatie")
class ScanListView(ListAPIView):  # type: ignore[type-arg]
    access_rule = MANAGE
    serializer_class = ScanSerializer

    def get_queryset(self) -> QuerySet[Scan]:
        return selectors.scan_list(actor=request_actor(self.request)).order_by("-opened_at", "-pk")


@extend_schema(tags=["weerbaarheidsscans"])
class ScanDetailView(APIView):
    """One scan with its consolidated scores per process and theme (never an individual answer)."""

    access_rule = MANAGE

    @extend_schema(summary="Eén weerbaarheidsscan met de samengevoegde scores", responses={200: ScanDetailSerializer})
    def get(self, request: Request, uuid: Any) -> Response:
        scan = _scan(request, uuid)
        audit_event_record(actor=request_actor(request), action=AuditAction.READ, obj=scan, details={"part": "api"})
        return Response(ScanDetailSerializer(scan, context={"scores": selectors.scan_scores(scan)}).data)


@extend_schema(tags=["weerbaarheidsscans"])
class ActionListView(APIView):
    access_rule = MANAGE

    @extend_schema(summary="Verbeteracties van een weerbaarheidsscan", responses={200: ActionSerializer(many=True)})
    def get(self, request: Request, uuid: Any) -> Response:
        scan = _scan(request, uuid)
        actions = selectors.action_list(actor=request_actor(request), scan=scan)
        return Response(ActionSerializer(actions, many=True).data)

    @extend_schema(
        summary="Een verbeteractie toevoegen",
        request=ActionCreateSerializer,
        responses={201: ActionSerializer},
        parameters=[etag_header(201)],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        scan = _scan(request, uuid)
        serializer = ActionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        owner = User.objects.filter(uuid=data["eigenaar"]).first()
        if owner is None:
            raise ValidationError({"eigenaar": [str(UNKNOWN_OWNER)]})
        topic = None
        if data["procesOfThema"]:
            topic = scan.scan_model.topics.filter(key=data["procesOfThema"]).first()
            if topic is None:
                raise ValidationError({"procesOfThema": ["Onbekend proces of thema."]})
        with service_errors(_FIELDS):
            action = services.action_create(
                actor=actor,
                scan=scan,
                title=data["titel"],
                description=data["omschrijving"],
                owner=owner,
                due_date=data["streefdatum"],
                topic=topic,
            )
        return etag_response(ActionSerializer(action).data, action, status_code=201)


@extend_schema(tags=["weerbaarheidsscans"])
class ActionDetailView(ConditionalMixin, APIView):
    access_rule = MANAGE

    @extend_schema(summary="Eén verbeteractie", responses=ActionSerializer, parameters=[etag_header(200)])
    def get(self, request: Request, uuid: Any, actieUuid: Any) -> Response:  # noqa: N803
        action = _action(request, uuid, actieUuid)
        return etag_response(ActionSerializer(action).data, action)


@extend_schema(tags=["weerbaarheidsscans"])
class ActionStatusView(ConditionalMixin, APIView):
    access_rule = MANAGE

    @transition_schema(
        summary="De status van een verbeteractie wijzigen",
        description="`open` → `in_uitvoering`, `afgerond` of `vervallen`; `in_uitvoering` → `afgerond`, "
        "`vervallen` of terug naar `open`. Afgerond en vervallen zijn eindstatussen (409).",
        request=ActionStatusSerializer,
        response=ActionSerializer,
    )
    def post(self, request: Request, uuid: Any, actieUuid: Any) -> Response:  # noqa: N803
        actor = request_actor(request)
        action = _action(request, uuid, actieUuid)
        moved = transition(
            request,
            action,
            serializer_class=ActionStatusSerializer,
            field_paths={"reason": "toelichting"},
            apply=lambda data, version: services.action_status_change(
                actor=actor,
                action=action,
                to_status=data["status"],
                reason=data["toelichting"],
                expected_version=version,
            ),
        )
        moved = ImprovementAction.objects.select_related("owner", "topic").get(pk=moved.pk)
        return etag_response(ActionSerializer(moved).data, moved)
