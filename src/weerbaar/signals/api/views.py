# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/meldingen`` for partner systems and ``/api/v1/publiek/meldingen`` for the anonymous channel.

Both honour ``Idempotency-Key`` (see :mod:`weerbaar.signals.idempotency`). The anonymous endpoint has no
authentication at all and a strict throttle whose counters live in the shared cache under a keyed hash of
the address — no address or user agent is written anywhere.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.concurrency import etag_header, etag_response
from weerbaar.api.idempotency import (
    IDEMPOTENCY_HEADER,
    KEY_REUSED_RESPONSE,
    REPLAYED_HEADER,
    REPLAYED_PARAMETER,
    key_parameter,
    location_parameter,
)
from weerbaar.api.permissions import request_actor
from weerbaar.api.throttling import RateLimitThrottle
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import PUBLIC, Actor, can, permission
from weerbaar.core.problems import PROBLEM_CONTENT_TYPE, problem_body
from weerbaar.signals.api.serializers import (
    SERVICE_FIELD_PATHS,
    PublicSignalCreatedSerializer,
    PublicSignalInputSerializer,
    SignalCreatedSerializer,
    SignalDetailSerializer,
    SignalFilterSerializer,
    SignalInputSerializer,
    SignalSummarySerializer,
    signal_input_from,
)
from weerbaar.signals.constants import Channel, Phenomenon, Status
from weerbaar.signals.idempotency import (
    MAX_KEY_LENGTH,
    PUBLIC_CLIENT,
    IdempotencyKeyReusedError,
    IdempotentOutcome,
    key_problem,
    request_hash,
    signal_create_once,
    signal_replay,
)
from weerbaar.signals.models import Signal
from weerbaar.signals.selectors import SignalFilters, signal_get, signal_list
from weerbaar.signals.services import signal_create

RECEIPT_SHOWN_ONCE = (
    "De ontvangstcode is alleen bij de eerste ontvangst van deze melding getoond en wordt niet leesbaar "
    "bewaard; hij kan niet opnieuw worden getoond."
)
RECEIPT_EXPLAINED = (
    "Bewaar deze ontvangstcode goed: hij wordt maar één keer getoond. Met de code kunt u later informatie "
    "toevoegen en vragen van het meldpunt beantwoorden. Wij weten niet wie u bent en kunnen u dus niet "
    "uit onszelf benaderen."
)

_IDEMPOTENCY_PARAMETER = key_parameter(
    MAX_KEY_LENGTH,
    "Hooguit 128 tekens (gebruik een UUID). Een herhaling met dezelfde sleutel en dezelfde inhoud "
    "levert de eerste melding op in plaats van een tweede; dezelfde sleutel met andere inhoud geeft 422.",
)
_LOCATION_PARAMETER = location_parameter("Pad van de melding: `/api/v1/meldingen/{uuid}`.")


def _key_reused() -> Response:
    body = problem_body(
        status=422,
        title="Idempotency-Key hergebruikt.",
        detail="Deze Idempotency-Key is eerder gebruikt voor een verzoek met een andere inhoud.",
        code="idempotency-key-hergebruikt",
    )
    response = Response(body, status=422)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def _idempotency_key(request: Request) -> str | None:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return None
    problem = key_problem(key)
    if problem is not None:
        raise ValidationError({IDEMPOTENCY_HEADER: [problem]})
    return key


def _submit(
    request: Request,
    *,
    serializer_class: type[SignalInputSerializer],
    client: str,
    channel: str,
    actor: Actor | None,
    context: dict[str, Any],
) -> IdempotentOutcome:
    """Validate and record a signal once per Idempotency-Key. Raises IdempotencyKeyReusedError."""
    key = _idempotency_key(request)
    body_hash = request_hash(request.data)
    if key is not None:
        # A replay is decided before validation: the first request was valid when it was recorded.
        replay = signal_replay(client=client, key=key, body_hash=body_hash)
        if replay is not None:
            return replay
    serializer = serializer_class(data=request.data, context=context)
    serializer.is_valid(raise_exception=True)
    data = signal_input_from(serializer.validated_data, channel=channel)

    def create() -> tuple[Signal, str | None]:
        return signal_create(actor=actor, data=data)

    try:
        if key is None:
            signal, receipt = create()
            return IdempotentOutcome(signal=signal, receipt=receipt, replayed=False)
        return signal_create_once(client=client, key=key, body_hash=body_hash, create=create)
    except DjangoValidationError as exc:
        raise _as_api_error(exc) from exc


def _as_api_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {
                SERVICE_FIELD_PATHS.get(name, name): [str(m) for m in messages]
                for name, messages in exc.message_dict.items()
            }
        )
    return ValidationError({"body": exc.messages})


def _reporter_channel(actor: Actor) -> str:
    if actor.organisation is not None and actor.organisation.is_private:
        return Channel.GEBIEDSPARTNER
    return Channel.KETENPARTNER if actor.via_token else Channel.MEDEWERKER


@extend_schema(tags=["meldingen"])
class SignalCollectionView(GenericAPIView[Signal]):
    """Signals of the caller's intake organisation (area B), and reporting in by partner systems.

    Reporting (POST) is open to every partner, private ones included; the list (GET) additionally needs
    ``signals.view`` — for everybody else the list does not exist (404), as the policy prescribes.
    """

    access_rule = permission(Perm.SIGNALS_REPORT)
    serializer_class = SignalSummarySerializer

    def _filters(self, request: Request) -> SignalFilters:
        serializer = SignalFilterSerializer(data=request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        params = serializer.validated_data
        return SignalFilters(
            phenomenon=params.get("fenomeen", ""),
            status=params.get("status", ""),
            since=params.get("ontvangenVanaf"),
            until=params.get("ontvangenTot"),
            municipality_code=params.get("gemeentecode", ""),
        )

    @extend_schema(
        summary="Meldingen van de eigen organisatie opvragen",
        parameters=[
            OpenApiParameter("fenomeen", str, enum=Phenomenon.values, description="Filter op fenomeen."),
            OpenApiParameter("status", str, enum=Status.values, description="Filter op status."),
            OpenApiParameter("ontvangenVanaf", OpenApiTypes.DATE, description="Ontvangen op of na deze datum."),
            OpenApiParameter("ontvangenTot", OpenApiTypes.DATE, description="Ontvangen op of vóór deze datum."),
            OpenApiParameter("gemeentecode", str, pattern="^GM[0-9]{4}$", description="CBS-code van de gemeente."),
        ],
        responses=SignalSummarySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        actor = request_actor(request)
        if not can(actor, Perm.SIGNALS_VIEW):
            raise NotFound
        queryset = signal_list(actor=actor, filters=self._filters(request))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(SignalSummarySerializer(page, many=True).data)

    @extend_schema(
        summary="Een melding indienen (partnersysteem)",
        request=SignalInputSerializer,
        parameters=[_IDEMPOTENCY_PARAMETER, REPLAYED_PARAMETER, _LOCATION_PARAMETER],
        responses={201: SignalCreatedSerializer, **KEY_REUSED_RESPONSE},
    )
    def post(self, request: Request) -> Response:
        actor = request_actor(request)
        if actor.user is None:  # unreachable: the access rule requires an authenticated actor
            raise NotFound
        try:
            outcome = _submit(
                request,
                serializer_class=SignalInputSerializer,
                client=str(actor.user.uuid),
                channel=_reporter_channel(actor),
                actor=actor,
                context={"may_forward": can(actor, Perm.SIGNALS_INTAKE)},
            )
        except IdempotencyKeyReusedError:
            return _key_reused()
        headers = {"Location": reverse("api:meldingen-detail", kwargs={"uuid": outcome.signal.uuid})}
        if outcome.replayed:
            headers[REPLAYED_HEADER] = "true"
        return Response(SignalCreatedSerializer(outcome.signal).data, status=status.HTTP_201_CREATED, headers=headers)


@extend_schema(tags=["meldingen"])
class SignalDetailView(APIView):
    """One signal of the caller's intake organisation; 404 for any other. Every read is audited."""

    access_rule = permission(Perm.SIGNALS_VIEW)

    @extend_schema(summary="Eén melding opvragen", responses=SignalDetailSerializer, parameters=[etag_header(200)])
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        signal = signal_get(actor=actor, uuid=uuid)
        if signal is None:
            raise NotFound
        with transaction.atomic():
            audit_event_record(actor=actor, action=AuditAction.READ, obj=signal, details={"via": "api"})
        return etag_response(SignalDetailSerializer(signal, context={"actor": actor}).data, signal)


class PublicSignalThrottle(RateLimitThrottle):
    """At most 30 anonymous submissions a minute per address.

    Counted through :mod:`weerbaar.core.ratelimit` in the shared cache under a keyed hash of the address,
    never the address itself. Behind a proxy, set DRF's ``NUM_PROXIES`` so the address is the client's.
    """

    scope = "publiek-meldingen"
    rate = "30/minute"


@extend_schema(tags=["publiek"])
class PublicSignalView(APIView):
    """Anonymous reporting: no log-in, nothing stored about who or where the request came from."""

    access_rule = PUBLIC
    authentication_classes: list[Any] = []
    throttle_classes = [PublicSignalThrottle]

    @extend_schema(
        summary="Anoniem een melding indienen",
        description="Geeft eenmalig een ontvangstcode (minstens 80 bits). Bewaard wordt alleen een hash ervan, "
        "en niets over de melder: geen IP-adres, geen user agent. Een herhaling met dezelfde Idempotency-Key en "
        "inhoud geeft hetzelfde nummer, maar de ontvangstcode is dan leeg (`null`). Alleen precies hetzelfde "
        "verzoek (sleutel én inhoud) krijgt het nummer terug; dezelfde sleutel met een andere inhoud geeft 422. "
        "Gebruik als sleutel een willekeurige UUID.",
        request=PublicSignalInputSerializer,
        parameters=[_IDEMPOTENCY_PARAMETER, REPLAYED_PARAMETER],
        responses={201: PublicSignalCreatedSerializer, **KEY_REUSED_RESPONSE},
    )
    def post(self, request: Request) -> Response:
        try:
            outcome = _submit(
                request,
                serializer_class=PublicSignalInputSerializer,
                client=PUBLIC_CLIENT,
                channel=Channel.ANONIEM,
                actor=None,
                context={},
            )
        except IdempotencyKeyReusedError:
            return _key_reused()
        body = {
            "nummer": outcome.signal.number,
            "ontvangstcode": outcome.receipt,
            "detail": RECEIPT_SHOWN_ONCE if outcome.replayed else RECEIPT_EXPLAINED,
        }
        headers = {REPLAYED_HEADER: "true"} if outcome.replayed else {}
        return Response(PublicSignalCreatedSerializer(body).data, status=status.HTTP_201_CREATED, headers=headers)
