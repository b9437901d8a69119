# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/casussen`` and ``/api/v1/overleggen``: the same need-to-know policy as the UI.

A case exists for the caller only when their organisation (or they themselves) is an active member:
everything else — another organisation's case, an ended membership, a private partner, an unscreened
user — answers 404, on every route below a case. Reads go through :mod:`weerbaar.cases.selectors`,
writes through :mod:`weerbaar.cases.services`; a service's ``PermissionDenied`` is a 404 as well (the
resource is not there for this caller), its ``ValidationError`` a 400 with ``invalidParams`` and a stale
version a 409 problem.
"""

from contextlib import AbstractContextManager
from typing import Any

from django.db import transaction
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.concurrency import etag_header, etag_response
from weerbaar.api.errors import StaleVersion as SharedStaleVersion
from weerbaar.api.errors import service_errors as shared_service_errors
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases import selectors, services
from weerbaar.cases.api.serializers import (
    SERVICE_FIELD_PATHS,
    CaseDetailSerializer,
    CaseFilterSerializer,
    CaseInputSerializer,
    CaseSearchSerializer,
    CaseSummarySerializer,
    InterventionInputSerializer,
    InterventionSerializer,
    MeetingDetailSerializer,
    MeetingSummarySerializer,
    MembershipInputSerializer,
    MembershipSerializer,
)
from weerbaar.cases.constants import CaseStatus
from weerbaar.cases.models import Case, Meeting
from weerbaar.core.policy import Actor, can, permission
from weerbaar.signals.constants import Phenomenon
from weerbaar.signals.models import Signal
from weerbaar.signals.selectors import signal_get

UNKNOWN_SIGNAL = "Onbekende melding, of geen melding van de eigen organisatie."


class StaleVersion(SharedStaleVersion):
    default_detail = "De casus is intussen door iemand anders gewijzigd. Haal hem opnieuw op en probeer het nog eens."


def service_errors() -> AbstractContextManager[None]:
    """A case service's refusals in API terms: invalid -> 400, not allowed -> 404, stale -> 409."""
    return shared_service_errors(SERVICE_FIELD_PATHS, stale=StaleVersion)


def case_or_404(actor: Actor, uuid: Any) -> Case:
    """The case when the actor is an active member (need-to-know); otherwise it does not exist."""
    case = selectors.case_get(actor=actor, uuid=uuid)
    if case is None:
        raise NotFound
    return case


def _signals(actor: Actor, uuids: list[Any]) -> list[Signal]:
    found: list[Signal] = []
    errors: dict[str, list[str]] = {}
    for index, value in enumerate(dict.fromkeys(uuids)):
        signal = signal_get(actor=actor, uuid=value)
        if signal is None:
            errors[f"meldingen.{index}"] = [UNKNOWN_SIGNAL]
        else:
            found.append(signal)
    if errors:
        raise ValidationError(errors)
    return found


def _list_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter("status", str, enum=CaseStatus.values, description="Filter op status."),
        OpenApiParameter("fenomeen", str, enum=Phenomenon.values, description="Filter op fenomeen."),
    ]


@extend_schema(tags=["casussen"])
class CaseCollectionView(GenericAPIView[Case]):
    """The cases the caller's organisation is a member of; creating a case (``cases.manage``)."""

    access_rule = permission(Perm.CASES_VIEW)
    serializer_class = CaseSummarySerializer

    @extend_schema(
        summary="Casussen opvragen waarvan de eigen organisatie deelnemer is",
        parameters=_list_parameters(),
        responses=CaseSummarySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        actor = request_actor(request)
        serializer = CaseFilterSerializer(data=request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        params = serializer.validated_data
        filters = selectors.CaseFilters(status=params.get("status", ""), phenomenon=params.get("fenomeen", ""))
        page = self.paginate_queryset(selectors.case_list(actor=actor, filters=filters))
        return self.get_paginated_response(CaseSummarySerializer(page, many=True).data)

    @extend_schema(
        summary="Een casus aanmaken (regie bij de eigen organisatie)",
        request=CaseInputSerializer,
        responses={201: CaseSummarySerializer},
    )
    def post(self, request: Request) -> Response:
        actor = request_actor(request)
        if not can(actor, Perm.CASES_MANAGE):
            raise NotFound
        serializer = CaseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        signals = _signals(actor, data.get("meldingen", []))
        with service_errors():
            case = services.case_create(
                actor=actor,
                title=data["titel"],
                phenomena=data["fenomenen"],
                classification=data["classificatie"],
                signals=signals,
            )
        headers = {"Location": reverse("api:casussen-detail", kwargs={"uuid": case.uuid})}
        return Response(CaseSummarySerializer(case).data, status=status.HTTP_201_CREATED, headers=headers)


@extend_schema(tags=["casussen"])
class CaseSearchView(GenericAPIView[Case]):
    """Search by number or title within the caller's cases. POST, so the search text never lands in a log."""

    access_rule = permission(Perm.CASES_VIEW)
    serializer_class = CaseSummarySerializer

    @extend_schema(
        summary="Zoeken in de eigen casussen (nummer en titel)",
        request=CaseSearchSerializer,
        responses=CaseSummarySerializer(many=True),
    )
    def post(self, request: Request) -> Response:
        actor = request_actor(request)
        serializer = CaseSearchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.case_title_search(actor=actor, text=serializer.validated_data["tekst"]))
        return self.get_paginated_response(CaseSummarySerializer(page, many=True).data)


@extend_schema(tags=["casussen"])
class CaseDetailView(APIView):
    """One case with the items the caller's organisation may see. Every read is audited."""

    access_rule = permission(Perm.CASES_VIEW)

    @extend_schema(
        summary="Eén casus opvragen, met de zichtbare stukken",
        responses=CaseDetailSerializer,
        parameters=[etag_header(200)],
    )
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        case = case_or_404(actor, uuid)
        items = list(selectors.case_items_visible(actor=actor, case=case))
        with transaction.atomic():
            audit_event_record(
                actor=actor, action=AuditAction.READ, obj=case, details={"via": "api", "items": len(items)}
            )
        return etag_response(CaseDetailSerializer(case, context={"items": items}).data, case)


@extend_schema(tags=["casussen"])
class MembershipCollectionView(APIView):
    """The active members of a case; the directing organisation invites another organisation."""

    access_rule = permission(Perm.CASES_VIEW)

    @extend_schema(summary="Deelnemers van een casus opvragen", responses=MembershipSerializer(many=True))
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        case = case_or_404(actor, uuid)
        return Response(MembershipSerializer(selectors.case_members(actor=actor, case=case), many=True).data)

    @extend_schema(
        summary="Een organisatie als deelnemer toevoegen (alleen de regievoerder)",
        description="Een private partner kan nooit deelnemer zijn. Stukken waarvoor de leverancier toestemming "
        "moet geven, ziet de nieuwe deelnemer pas na die toestemming.",
        request=MembershipInputSerializer,
        responses={201: MembershipSerializer},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        case = case_or_404(actor, uuid)
        if not can(actor, Perm.CASES_MANAGE, case):
            raise NotFound
        serializer = MembershipInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_errors():
            membership = services.membership_add(
                actor=actor, case=case, organisation=data["organisatie"], role=data["rol"], ends_on=data.get("lidTot")
            )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["casussen"])
class InterventionCollectionView(APIView):
    """The intervention strategy of a case: interventions with their statutory steps and results."""

    access_rule = permission(Perm.CASES_VIEW)

    @extend_schema(summary="Interventies van een casus opvragen", responses=InterventionSerializer(many=True))
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        case = case_or_404(actor, uuid)
        interventions = case.interventions.select_related("owner").prefetch_related("steps")
        return Response(InterventionSerializer(interventions, many=True).data)

    @extend_schema(
        summary="Een interventie toevoegen",
        description="De stappen en wettelijke termijnen volgen uit het type en tellen vanaf de startdatum.",
        request=InterventionInputSerializer,
        responses={201: InterventionSerializer},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        case = case_or_404(actor, uuid)
        serializer = InterventionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_errors():
            intervention = services.intervention_add(
                actor=actor,
                case=case,
                type=data["type"],
                owner=data["eigenaar"],
                started_on=data.get("startdatum"),
                bibob_reference=data.get("bibobReferentie", ""),
            )
        intervention = case.interventions.select_related("owner").prefetch_related("steps").get(pk=intervention.pk)
        return Response(InterventionSerializer(intervention).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["overleggen"])
class MeetingCollectionView(GenericAPIView[Meeting]):
    """Meetings with a case the caller may see on the agenda, or hosted by their organisation."""

    access_rule = permission(Perm.CASES_VIEW)
    serializer_class = MeetingSummarySerializer

    @extend_schema(summary="Overleggen opvragen", responses=MeetingSummarySerializer(many=True))
    def get(self, request: Request) -> Response:
        actor = request_actor(request)
        meetings = selectors.meeting_list(actor=actor).select_related("host").order_by("-date", "-id")
        page = self.paginate_queryset(meetings)
        return self.get_paginated_response(MeetingSummarySerializer(page, many=True).data)


@extend_schema(tags=["overleggen"])
class MeetingDetailView(APIView):
    """One meeting; its agenda shows only the cases the caller may see. Every read is audited."""

    access_rule = permission(Perm.CASES_VIEW)

    @extend_schema(summary="Eén overleg opvragen", responses=MeetingDetailSerializer)
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        meeting = selectors.meeting_get(actor=actor, uuid=uuid)
        if meeting is None:
            raise NotFound
        agenda = list(
            meeting.agenda.filter(case__in=selectors.case_list(actor=actor))
            .select_related("case")
            .prefetch_related("actions__owner")
        )
        with transaction.atomic():
            audit_event_record(actor=actor, action=AuditAction.READ, obj=meeting, details={"via": "api"})
        return Response(MeetingDetailSerializer(meeting, context={"agenda": agenda}).data)
