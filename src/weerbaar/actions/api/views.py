# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/acties``: joint actions, their locations, findings, follow-ups and debrief figures, through the
same selectors, policy and services as the pages — the same need-to-know, the same embargo, the same 404
outside scope.

A finding is recorded once per ``Idempotency-Key`` (the header the signals API takes, validated by the same
rule; a client that cannot set a header sends the key as ``idempotencySleutel``). The key is the finding's
own: ``services.finding_record`` keeps it unique per action in the database, so a retry — also one racing
the first request — answers the first finding (201 with ``Idempotent-Replayed: true``), never a second one.
The same key with other content is a 422, as in the signals API.
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.actions import selectors, services
from weerbaar.actions.api.serializers import (
    DebriefSerializer,
    FindingCreateSerializer,
    FindingSerializer,
    FollowUpCreateSerializer,
    FollowUpSerializer,
    LocationSerializer,
    OperationDetailSerializer,
    OperationSerializer,
)
from weerbaar.actions.constants import IDEMPOTENCY_KEY_LENGTH
from weerbaar.actions.models import Finding, FollowUp, Location, Operation
from weerbaar.api.errors import service_errors
from weerbaar.api.idempotency import (
    IDEMPOTENCY_HEADER,
    KEY_REUSED_RESPONSE,
    REPLAYED_HEADER,
    REPLAYED_PARAMETER,
    key_parameter,
    location_parameter,
)
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.selectors import case_get
from weerbaar.core.policy import permission
from weerbaar.core.problems import PROBLEM_CONTENT_TYPE, problem_body
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation
from weerbaar.signals.idempotency import key_problem

VIEW = permission(Perm.ACTIONS_VIEW)
BODY_KEY = "idempotencySleutel"
_FINDING_FIELDS = {
    "location": "locatie",
    "domain": "domein",
    "checked": "gecontroleerd",
    "compliant": "conform",
    "legal_ground": "wettelijkeGrondslag",
    "severity": "ernst",
    "sanction": "sanctie",
    "notes": "toelichting",
    "idempotency_key": IDEMPOTENCY_HEADER,
}
_FOLLOW_UP_FIELDS = {
    "kind": "soort",
    "owner": "eigenaar",
    "due_on": "uiterlijk",
    "case": "casus",
    "municipality": "gemeente",
    "phenomenon": "fenomeen",
    "description": "omschrijving",
}
_KEY_PARAMETER = key_parameter(
    IDEMPOTENCY_KEY_LENGTH,
    f"Hooguit {IDEMPOTENCY_KEY_LENGTH} tekens (gebruik een UUID); verplicht, hier of als `{BODY_KEY}`. Een "
    "herhaling met dezelfde sleutel levert de eerste bevinding op in plaats van een tweede; dezelfde sleutel "
    "met een andere inhoud geeft 422.",
)
_LOCATION_PARAMETER = location_parameter("Pad van de bevindingen van de actie.")


def _operation(request: Request, uuid: Any) -> Operation:
    operation = selectors.operation_get(actor=request_actor(request), uuid=uuid)
    if operation is None:
        raise NotFound
    return operation


def _key(request: Request) -> str:
    """The idempotency key from the header or the body; required, one value, by the signals API's rule."""
    header = request.headers.get(IDEMPOTENCY_HEADER)
    body = request.data.get(BODY_KEY) if hasattr(request.data, "get") else None
    if header is not None and body is not None and header != body:
        raise ValidationError({BODY_KEY: [f"Verschilt van de header {IDEMPOTENCY_HEADER}."]})
    key = header if header is not None else body
    if key is None:
        raise ValidationError({IDEMPOTENCY_HEADER: ["Geef een Idempotency-Key (bijvoorbeeld een UUID)."]})
    name = IDEMPOTENCY_HEADER if header is not None else BODY_KEY
    problem = key_problem(str(key))
    if problem is None and len(str(key)) > IDEMPOTENCY_KEY_LENGTH:
        problem = f"De Idempotency-Key is te lang: hooguit {IDEMPOTENCY_KEY_LENGTH} tekens."
    if problem is not None:
        raise ValidationError({name: [problem]})
    return str(key)


def _same_content(finding: Finding, data: dict[str, Any], location: Location) -> bool:
    """Whether a replayed request asks for the finding that is already there (what the key stands for)."""
    return (
        finding.location_id == location.pk
        and finding.domain == data["domein"]
        and finding.checked == data["gecontroleerd"].strip()
        and finding.compliant == data["conform"]
        and finding.notes == data["toelichting"].strip()
    )


def _key_reused() -> Response:
    body = problem_body(
        status=422,
        title="Idempotency-Key hergebruikt.",
        detail="Deze Idempotency-Key is eerder gebruikt voor een bevinding met een andere inhoud.",
        code="idempotency-key-hergebruikt",
    )
    response = Response(body, status=422)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


@extend_schema(tags=["acties"], summary="Acties waarvan u lid bent")
class OperationListView(ListAPIView):  # type: ignore[type-arg]
    """Joint actions the caller's organisation or the caller is a member of; a participant sees an action
    from its first day on (the embargo), its planners from the start."""

    access_rule = VIEW
    serializer_class = OperationSerializer

    def get_queryset(self) -> QuerySet[Operation]:
        return selectors.operation_list(actor=request_actor(self.request)).order_by("-starts_on", "-pk")


@extend_schema(tags=["acties"])
class OperationDetailView(APIView):
    access_rule = VIEW

    @extend_schema(summary="Eén actie met haar partners", responses={200: OperationDetailSerializer})
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        operation = _operation(request, uuid)
        context = {
            "area": selectors.operation_area(operation),
            "partners": selectors.operation_partners(actor=actor, operation=operation),
        }
        with transaction.atomic():
            audit_event_record(actor=actor, action=AuditAction.READ, obj=operation, details={"part": "api"})
        return Response(OperationDetailSerializer(operation, context=context).data)


@extend_schema(tags=["acties"], summary="De locaties van een actie")
class LocationListView(ListAPIView):  # type: ignore[type-arg]
    """The checklist's premises, in the order of the draw. Where a risk came from is not in the API."""

    access_rule = VIEW
    serializer_class = LocationSerializer

    def get_queryset(self) -> QuerySet[Location]:
        operation = _operation(self.request, self.kwargs["uuid"])
        return selectors.location_list(actor=request_actor(self.request), operation=operation)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        with transaction.atomic():
            audit_event_record(
                actor=request_actor(request),
                action=AuditAction.READ,
                obj=_operation(request, kwargs["uuid"]),
                details={"part": "api-locaties"},
            )
        return response


@extend_schema(tags=["acties"])
class FindingCollectionView(GenericAPIView[Finding]):
    """Findings of an action: a partner reads only its own organisation's, planners read all of them."""

    access_rule = VIEW
    serializer_class = FindingSerializer

    @extend_schema(summary="Bevindingen van een actie", responses=FindingSerializer(many=True))
    def get(self, request: Request, uuid: Any) -> Response:
        operation = _operation(request, uuid)
        findings = selectors.finding_list(actor=request_actor(request), operation=operation).order_by(
            "created_at", "pk"
        )
        page = self.paginate_queryset(findings)
        return self.get_paginated_response(FindingSerializer(page, many=True).data)

    @extend_schema(
        summary="Een bevinding vastleggen",
        description="Eén bevinding per Idempotency-Key: een herhaling (ook een gelijktijdige) geeft de eerste "
        "bevinding terug met `Idempotent-Replayed: true`, nooit een tweede.",
        request=FindingCreateSerializer,
        parameters=[_KEY_PARAMETER, REPLAYED_PARAMETER, _LOCATION_PARAMETER],
        responses={201: FindingSerializer, **KEY_REUSED_RESPONSE},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        operation = _operation(request, uuid)
        key = _key(request)
        serializer = FindingCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        location = selectors.location_get(actor=actor, operation=operation, uuid=data["locatie"])
        if location is None:
            raise ValidationError({"locatie": ["Onbekende locatie van deze actie."]})
        organisation = None
        if data["organisatie"] is not None:
            organisation = Organisation.objects.filter(uuid=data["organisatie"], is_active=True).first()
            if organisation is None:
                raise ValidationError({"organisatie": ["Onbekende organisatie."]})
        with service_errors(_FINDING_FIELDS):
            recorded = services.finding_record(
                actor=actor,
                operation=operation,
                location=location,
                domain=data["domein"],
                checked=data["gecontroleerd"],
                compliant=data["conform"],
                idempotency_key=key,
                organisation=organisation,
                legal_ground=data["wettelijkeGrondslag"],
                severity=data["ernst"],
                sanction=data["sanctie"],
                notes=data["toelichting"],
            )
        if not recorded.created and not _same_content(recorded.finding, data, location):
            return _key_reused()
        headers = {"Location": reverse("actions_api:bevindingen", kwargs={"uuid": operation.uuid})}
        if not recorded.created:
            headers[REPLAYED_HEADER] = "true"
        return Response(FindingSerializer(recorded.finding).data, status=201, headers=headers)


@extend_schema(tags=["acties"])
class FollowUpCollectionView(GenericAPIView[FollowUp]):
    """Follow-ups of the findings the caller may read; a new one becomes a signal or an intervention of a
    case where its kind asks for it (the status then flows back from there)."""

    access_rule = VIEW
    serializer_class = FollowUpSerializer

    @extend_schema(summary="Opvolgingen van een actie", responses=FollowUpSerializer(many=True))
    def get(self, request: Request, uuid: Any) -> Response:
        operation = _operation(request, uuid)
        follow_ups = selectors.follow_up_list(actor=request_actor(request), operation=operation)
        page = self.paginate_queryset(follow_ups)
        context = {"done": selectors.follow_up_done}
        return self.get_paginated_response(FollowUpSerializer(page, many=True, context=context).data)

    @extend_schema(
        summary="Een opvolging vastleggen", request=FollowUpCreateSerializer, responses={201: FollowUpSerializer}
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        operation = _operation(request, uuid)
        serializer = FollowUpCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        finding = selectors.finding_get(actor=actor, operation=operation, uuid=data["bevinding"])
        if finding is None:
            raise ValidationError({"bevinding": ["Onbekende bevinding van deze actie."]})
        owner = Organisation.objects.filter(uuid=data["eigenaar"], is_active=True).first()
        if owner is None:
            raise ValidationError({"eigenaar": ["Onbekende organisatie."]})
        case = None
        if data["casus"] is not None:
            case = case_get(actor=actor, uuid=data["casus"])
            if case is None:
                raise ValidationError({"casus": ["Onbekende casus, of u bent er geen lid van."]})
        municipality = None
        if data["gemeente"]:
            municipality = Municipality.objects.filter(code=data["gemeente"]).first()
            if municipality is None:
                raise ValidationError({"gemeente": ["Onbekende gemeente."]})
        with service_errors(_FOLLOW_UP_FIELDS):
            follow_up = services.follow_up_create(
                actor=actor,
                finding=finding,
                kind=data["soort"],
                owner=owner,
                due_on=data["uiterlijk"],
                case=case,
                description=data["omschrijving"],
                phenomenon=data["fenomeen"],
                municipality=municipality,
            )
        context = {"done": selectors.follow_up_done}
        return Response(FollowUpSerializer(follow_up, context=context).data, status=201)


@extend_schema(tags=["acties"])
class DebriefView(APIView):
    access_rule = VIEW

    @extend_schema(
        summary="De cijfers van de debriefing",
        description="Planners lezen exacte aantallen; andere leden lezen ze afgeschermd: 1 tot en met 4 als "
        '"< 5", aanvullende afscherming tegen het totaal, geen percentage over een kleine groep.',
        responses={200: DebriefSerializer},
    )
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        operation = _operation(request, uuid)
        debrief = selectors.operation_debrief(actor=actor, operation=operation)
        if debrief is None:
            raise NotFound
        with transaction.atomic():
            audit_event_record(actor=actor, action=AuditAction.READ, obj=operation, details={"part": "api-debriefing"})
        return Response(DebriefSerializer(debrief).data)
