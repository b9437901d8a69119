# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/gebiedssamenwerkingen/{uuid}/maatregelen``, ``…/schouwen`` and ``…/certificaten``: the same
selectors, policy and ceiling as the pages, the same 404 outside scope. Every view declares the class of
data it shows (``shown``): all ``operationeel``; photos of findings are never in the API."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.concurrency import ConditionalMixin, etag_header, etag_response, transition, transition_schema
from weerbaar.api.errors import service_errors
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.certification import scopes, selectors, services
from weerbaar.certification.api.serializers import (
    CertificateSerializer,
    MeasureCreateSerializer,
    MeasureSerializer,
    MeasureStatusSerializer,
    WalkDetailSerializer,
    WalkSerializer,
)
from weerbaar.certification.models import Certificate, CertificationCycle, InspectionWalk, Measure
from weerbaar.core.policy import Actor, can, permission
from weerbaar.partnerships import selectors as partnership_selectors
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.permissions import Shown, Shows

OPERATIONAL = Shown(DataClass.OPERATIONEEL)
_MEASURE_FIELDS = {
    "theme": "thema",
    "title": "titel",
    "description": "toelichting",
    "owner": "eigenaar",
    "executor": "uitvoerder",
    "deadline": "deadline",
}
#: A refused move is a 409 (not a field error); the evidence text is a field the caller sent.
_STATUS_FIELDS = {"evidence": "bewijs"}


def _partnership(request: Request, uuid: Any) -> Partnership:
    actor = request_actor(request)
    partnership = partnership_selectors.partnership_get(actor=actor, uuid=uuid, data_class=OPERATIONAL.required)
    if partnership is None or not can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, OPERATIONAL)):
        raise NotFound
    return partnership


def _cycle(request: Request, partnership: Partnership) -> CertificationCycle | None:
    return selectors.cycle_current(actor=request_actor(request), partnership=partnership)


def _measure(request: Request, uuid: Any, measure_uuid: Any) -> tuple[Actor, Measure]:
    partnership = _partnership(request, uuid)
    cycle = _cycle(request, partnership)
    actor = request_actor(request)
    measure = selectors.measure_get(actor=actor, cycle=cycle, uuid=measure_uuid) if cycle else None
    if measure is None:
        raise NotFound
    return actor, measure


@extend_schema(tags=["gebiedssamenwerkingen"])
class MeasureListView(ListAPIView):  # type: ignore[type-arg]
    """The measures matrix of the partnership's current round; its managers add measures."""

    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = OPERATIONAL
    serializer_class = MeasureSerializer

    def get_queryset(self) -> QuerySet[Measure]:
        partnership = _partnership(self.request, self.kwargs["uuid"])
        cycle = _cycle(self.request, partnership)
        if cycle is None:
            return Measure.objects.none()
        return selectors.measure_list(actor=request_actor(self.request), cycle=cycle)

    @extend_schema(summary="Maatregelen van een gebiedssamenwerking opvragen")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Een maatregel toevoegen",
        description="Alleen wie de gebiedssamenwerking beheert. Eigenaar en uitvoerder zijn actieve deelnemers; "
        "teksten met een kenteken, e-mailadres, telefoonnummer, rekeningnummer of adres worden geweigerd (400).",
        request=MeasureCreateSerializer,
        responses={201: MeasureSerializer},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        partnership = _partnership(request, uuid)
        if not can(actor, Perm.PARTNERSHIPS_MANAGE, partnership):
            raise NotFound
        cycle = _cycle(request, partnership)
        serializer = MeasureCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if cycle is None:
            raise ValidationError({"body": ["De certificering van deze gebiedssamenwerking is nog niet begonnen."]})
        participants = {p.uuid: p for p in partnership.participants.filter(left_at__isnull=True)}
        missing = {
            name: ["Geef de UUID van een actieve deelnemer."]
            for name in ("eigenaar", "uitvoerder")
            if data[name] not in participants
        }
        if missing:
            raise ValidationError(missing)
        with service_errors(_MEASURE_FIELDS):
            measure = services.measure_create(
                actor=actor,
                cycle=cycle,
                theme=data["thema"],
                title=data["titel"],
                description=data["toelichting"],
                owner=participants[data["eigenaar"]],
                executor=participants[data["uitvoerder"]],
                deadline=data["deadline"],
            )
        location = reverse(
            "certification_api:maatregelen-detail", kwargs={"uuid": partnership.uuid, "measure_uuid": measure.uuid}
        )
        response = etag_response(MeasureSerializer(measure).data, measure, status_code=201)
        response["Location"] = location
        return response


@extend_schema(tags=["gebiedssamenwerkingen"])
class MeasureDetailView(APIView):
    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = OPERATIONAL

    @extend_schema(
        summary="Eén maatregel opvragen",
        responses=MeasureSerializer,
        parameters=[etag_header(200)],
    )
    def get(self, request: Request, uuid: Any, measure_uuid: Any) -> Response:
        _actor, measure = _measure(request, uuid, measure_uuid)
        return etag_response(MeasureSerializer(measure).data, measure)


@extend_schema(tags=["gebiedssamenwerkingen"])
class MeasureStatusView(ConditionalMixin, APIView):
    """The status and evidence of a measure: its managers and the representatives of its owner or executor."""

    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = OPERATIONAL

    @transition_schema(
        summary="De status en het bewijs van een maatregel wijzigen",
        description="Gepland, in uitvoering, uitgevoerd of vervallen, met het bewijs. Beheerders en de "
        "vertegenwoordigers van de eigenaar of uitvoerder. Een stap die de maatregel niet kan zetten geeft 409.",
        request=MeasureStatusSerializer,
        response=MeasureSerializer,
    )
    def post(self, request: Request, uuid: Any, measure_uuid: Any) -> Response:
        actor, measure = _measure(request, uuid, measure_uuid)
        if not scopes.is_measure_updatable(actor, measure):
            raise NotFound
        moved = transition(
            request,
            measure,
            serializer_class=MeasureStatusSerializer,
            field_paths=_STATUS_FIELDS,
            apply=lambda data, version: services.measure_progress(
                actor=actor,
                measure=measure,
                expected_version=version,
                status=data["status"],
                evidence=data["bewijs"],
                reason=data["toelichting"],
            ),
        )
        return etag_response(MeasureSerializer(moved).data, moved)


@extend_schema(tags=["gebiedssamenwerkingen"], summary="Schouwen van een gebiedssamenwerking opvragen")
class WalkListView(ListAPIView):  # type: ignore[type-arg]
    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = OPERATIONAL
    serializer_class = WalkSerializer

    def get_queryset(self) -> QuerySet[InspectionWalk]:
        partnership = _partnership(self.request, self.kwargs["uuid"])
        cycle = _cycle(self.request, partnership)
        if cycle is None:
            return InspectionWalk.objects.none()
        return selectors.walk_list(actor=request_actor(self.request), cycle=cycle)


@extend_schema(tags=["gebiedssamenwerkingen"])
class WalkDetailView(APIView):
    """One walk with its findings; photos are never in the API (they may show people)."""

    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = OPERATIONAL

    @extend_schema(summary="Eén schouw met bevindingen opvragen", responses=WalkDetailSerializer)
    def get(self, request: Request, uuid: Any, walk_uuid: Any) -> Response:
        actor = request_actor(request)
        partnership = _partnership(request, uuid)
        cycle = _cycle(request, partnership)
        walk = selectors.walk_get(actor=actor, cycle=cycle, uuid=walk_uuid) if cycle else None
        if walk is None:
            raise NotFound
        with transaction.atomic():
            audit_event_record(
                actor=actor, action=AuditAction.READ, obj=partnership, details={"walk": str(walk.uuid), "via": "api"}
            )
        findings = selectors.finding_list(actor=actor, walk=walk)
        return Response(WalkDetailSerializer(walk, context={"findings": findings}).data)


@extend_schema(tags=["gebiedssamenwerkingen"], summary="Certificaten van een gebiedssamenwerking opvragen")
class CertificateListView(ListAPIView):  # type: ignore[type-arg]
    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = OPERATIONAL
    serializer_class = CertificateSerializer

    def get_queryset(self) -> QuerySet[Certificate]:
        partnership = _partnership(self.request, self.kwargs["uuid"])
        return selectors.certificate_list(actor=request_actor(self.request), partnership=partnership)
