# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/subjecten`` and the subjects and network of a signal or case: the same policy as the UI.

A subject exists for the caller only where its context is visible to them (404 otherwise). Correlations
outside access come back as ``treffers`` — kind of context and organisation, nothing else — and every
answer holding them is audited as a disclosure and counts towards the hourly brake. Screening is POST
(search terms never in a URL), needs a purpose, is audited and limited per hour (429 past the limit).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.errors import service_errors
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, permission
from weerbaar.correlation import services
from weerbaar.correlation.api.serializers import (
    SUBJECT_MODEL_FIELDS,
    AccessRequestInputSerializer,
    JudgementInputSerializer,
    JudgementSerializer,
    NetworkSerializer,
    ScreeningInputSerializer,
    ScreeningResultSerializer,
    SubjectAddedSerializer,
    SubjectAddSerializer,
    subject_values_from,
)
from weerbaar.correlation.contexts import provider
from weerbaar.correlation.models import Subject
from weerbaar.correlation.network import network_build, subjects_of_context
from weerbaar.correlation.selectors import subject_get
from weerbaar.correlation.services.screening import ScreeningLimitError

#: Model field -> API field, for the service's validation errors.
_API_FIELD = {model: api for api, model in SUBJECT_MODEL_FIELDS.items()} | {"kind": "soort", "reason": "reden"}


def _subject_or_404(actor: Actor, uuid: Any) -> Subject:
    subject = subject_get(actor=actor, uuid=uuid)
    if subject is None:
        raise NotFound
    return subject


def _subject_and_input(
    request: Request, uuid: Any, serializer_class: type[Serializer[Any]]
) -> tuple[Actor, Subject, Any]:
    """The caller, the subject they act on (404 when out of sight) and their validated input."""
    actor = request_actor(request)
    subject = _subject_or_404(actor, uuid)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return actor, subject, serializer.validated_data


def _correlations(actor: Actor, subject: Subject, where: str) -> dict[str, Any]:
    shown = services.correlations_show(actor=actor, subjects=[subject], where=where)
    row = shown.report.rows[0]
    return dict(
        SubjectAddedSerializer(
            {"correlaties": row, "treffersAchtergehouden": shown.withheld}, context={"actor": actor}
        ).data
    )


@extend_schema(tags=["subjecten"])
class ScreeningView(APIView):
    """Screening of a person, company or address (e.g. a Bibob quick scan), ranked and explained."""

    access_rule = permission(Perm.CORRELATION_SCREEN)

    @extend_schema(
        summary="Een persoon, bedrijf of adres screenen in alle meldingen en casussen",
        description="Resultaten die u mag zien komen met score en uitleg; elders alleen een treffer (soort en "
        "organisatie). Het doel wordt vastgelegd; het aantal zoekvragen per uur is beperkt (429).",
        request=ScreeningInputSerializer,
        responses=ScreeningResultSerializer,
    )
    def post(self, request: Request) -> Response:
        actor = request_actor(request)
        serializer = ScreeningInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        purpose, limit = data.pop("doel"), data.pop("maxResultaten", 10)
        kind, values = subject_values_from(data)
        with service_errors(_API_FIELD):
            try:
                result = services.screening_run(actor=actor, kind=kind, values=values, purpose=purpose, limit=limit)
            except ScreeningLimitError as exc:
                raise Throttled(detail="Het maximum aantal zoekvragen per uur is bereikt.") from exc
        return Response(ScreeningResultSerializer(result, context={"actor": actor}).data)


@extend_schema(tags=["subjecten"])
class SubjectDetailView(APIView):
    """One subject with its correlations. Audited (read, and disclosure when there are hits)."""

    access_rule = permission(Perm.CORRELATION_VIEW)

    @extend_schema(summary="Eén betrokkene opvragen, met zijn correlaties", responses=SubjectAddedSerializer)
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        subject = _subject_or_404(actor, uuid)
        with transaction.atomic():
            audit_event_record(actor=actor, action=AuditAction.READ, obj=subject, details={"via": "api"})
            body = _correlations(actor, subject, "api")
        return Response(body)


@extend_schema(tags=["subjecten"])
class JudgementView(APIView):
    """A person's judgement on a pair of subjects; it always wins over the model."""

    access_rule = permission(Perm.CORRELATION_JUDGE)

    @extend_schema(
        summary="Oordelen of twee betrokkenen dezelfde zijn",
        request=JudgementInputSerializer,
        responses={201: JudgementSerializer},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor, subject, data = _subject_and_input(request, uuid, JudgementInputSerializer)
        other = subject_get(actor=actor, uuid=data["ander"])
        if other is None:
            raise ValidationError({"ander": "Deze betrokkene bestaat niet, of u mag hem niet zien."})
        with service_errors(_API_FIELD):
            judgement = services.judgement_record(
                actor=actor, subject_a=subject, subject_b=other, verdict=data["oordeel"], reason=data["reden"]
            )
        return Response(JudgementSerializer(judgement, context={"actor": actor}).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["subjecten"])
class AccessRequestView(APIView):
    """Ask for access to the context of a hit (only from a real hit; the answer is always the same)."""

    access_rule = permission(Perm.CORRELATION_VIEW)

    @extend_schema(
        summary="Toegang vragen naar aanleiding van een treffer",
        request=AccessRequestInputSerializer,
        responses={202: None},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor, subject, data = _subject_and_input(request, uuid, AccessRequestInputSerializer)
        try:
            services.hit_access_request(actor=actor, via=subject, token=data["verzoekVia"], reason=data["reden"])
        except PermissionDenied as exc:
            raise ValidationError({"verzoekVia": "Hier is geen treffer om toegang voor te vragen."}) from exc
        except DjangoValidationError as exc:
            raise ValidationError({"reden": exc.messages}) from exc
        return Response(status=status.HTTP_202_ACCEPTED)


class _ContextView(APIView):
    kind = ""


@extend_schema(tags=["subjecten"])
class ContextSubjectsView(_ContextView):
    """Add a subject to a signal (intake team) or a case (member); its correlations come back at once."""

    access_rule = permission(Perm.CORRELATION_VIEW)

    @extend_schema(
        summary="Een betrokkene toevoegen; de correlaties komen direct mee terug",
        request=SubjectAddSerializer,
        responses={201: SubjectAddedSerializer},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        source = provider(self.kind)
        if source is None or source.get(actor, uuid) is None:
            raise NotFound
        serializer = SubjectAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        provenance = {
            "source_detail": data.pop("bron", ""),
            "regime": data.pop("regime", ""),
            "consent_required": data.pop("toestemmingVereist", False),
        }
        kind, values = subject_values_from(data)
        with service_errors(_API_FIELD), transaction.atomic():
            subject = source.add_subject(actor, uuid, kind, values, provenance)
            body = _correlations(actor, subject, "api")
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=["subjecten"])
class NetworkView(_ContextView):
    """The network of a signal or case: its subjects and what they are linked to (hits without content)."""

    access_rule = permission(Perm.CORRELATION_VIEW)

    @extend_schema(summary="Het netwerk van betrokkenen opvragen", responses=NetworkSerializer)
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        found = subjects_of_context(actor=actor, kind=self.kind, uuid=uuid)
        if found is None:
            raise NotFound
        ref, subjects = found
        with transaction.atomic():
            shown = services.correlations_show(actor=actor, subjects=subjects, where="api-netwerk")
            network = network_build(context=ref, subjects=subjects, report=shown.report, withheld=shown.withheld)
        return Response(NetworkSerializer(network, context={"actor": actor}).data)
