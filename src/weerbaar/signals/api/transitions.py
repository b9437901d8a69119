# SPDX-License-Identifier: EUPL-1.2
"""The weighing workflow of a signal in the API: intake moves, the schakelteam's decision, privacy checks.

The same services and rules as the signal page: the intake team moves a signal to the statuses in
``INTAKE_TARGETS`` (``signals.intake``), the schakelteam decides one of ``WEIGHING_OUTCOMES``
(``signals.weigh``), and ``signal_transition`` refuses an illegal move or one whose privacy checks
(``REQUIRED_CHECKS``: 1 before source research, 2A and 2B before a plan of approach) are not on record.
Each is a POST to a sub-resource of ``/meldingen/{uuid}`` with that signal's ETag in ``If-Match``
(:mod:`weerbaar.api.concurrency`); a GET on ``statuswijzigingen`` and ``privacytoetsen`` reads the status
history (weighing decisions included) and the checks on record.
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.concurrency import ConditionalMixin, etag_response, transition, transition_schema
from weerbaar.api.fields import StrictSerializer
from weerbaar.api.permissions import request_actor
from weerbaar.api.reads import api_read_record
from weerbaar.core.policy import Actor, can, permission
from weerbaar.signals.api.serializers import SignalDetailSerializer
from weerbaar.signals.constants import INTAKE_TARGETS, WEIGHING_OUTCOMES, PrivacyCheckKind, Status
from weerbaar.signals.models import PrivacyCheck, Signal, StatusChange
from weerbaar.signals.selectors import signal_get
from weerbaar.signals.services import privacy_check_record, signal_transition

REASONING_MAX = 4000


class StatusChangeInputSerializer(StrictSerializer):
    status = serializers.ChoiceField(
        choices=[(value, label) for value, label in Status.choices if value in INTAKE_TARGETS],
        help_text="De nieuwe status. Welke vanuit de huidige status mogelijk zijn, volgt uit het werkproces; "
        "een andere stap geeft 409.",
    )
    toelichting = serializers.CharField(
        max_length=REASONING_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text="De motivering; verplicht bij elke stap behalve kwalificeren.",
    )

    class Meta:
        ref_name = "MeldingStatuswijziging"


class WeighingInputSerializer(StrictSerializer):
    besluit = serializers.ChoiceField(
        choices=[(value, label) for value, label in Status.choices if value in WEIGHING_OUTCOMES],
        help_text="Het besluit van het schakelteam over een gekwalificeerde melding.",
    )
    motivering = serializers.CharField(max_length=REASONING_MAX)

    class Meta:
        ref_name = "MeldingWeging"


class PrivacyCheckInputSerializer(StrictSerializer):
    """A written privacy check: purpose, necessity, proportionality, subsidiarity, retention (and sources)."""

    soort = serializers.ChoiceField(
        choices=PrivacyCheckKind.choices,
        help_text="1 vóór bronnenonderzoek; 2a en 2b vóór een plan van aanpak.",
    )
    doel = serializers.CharField(max_length=2000)
    noodzaak = serializers.CharField(max_length=2000)
    proportionaliteit = serializers.CharField(max_length=2000)
    subsidiariteit = serializers.CharField(max_length=2000)
    bewaartermijn = serializers.CharField(max_length=1000)
    bronnen = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    conclusiePositief = serializers.BooleanField(  # noqa: N815
        help_text="Of de toets het toestaat; alleen een positieve toets opent de volgende stap."
    )

    class Meta:
        ref_name = "PrivacytoetsNieuw"


class PrivacyCheckSerializer(serializers.ModelSerializer[PrivacyCheck]):
    uuid = serializers.UUIDField(read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=PrivacyCheckKind.choices, read_only=True)
    doel = serializers.CharField(source="purpose", read_only=True)
    noodzaak = serializers.CharField(source="necessity", read_only=True)
    proportionaliteit = serializers.CharField(source="proportionality", read_only=True)
    subsidiariteit = serializers.CharField(source="subsidiarity", read_only=True)
    bewaartermijn = serializers.CharField(source="retention", read_only=True)
    bronnen = serializers.CharField(source="sources", read_only=True)
    conclusiePositief = serializers.BooleanField(source="conclusion_positive", read_only=True)  # noqa: N815
    vastgelegdOp = serializers.DateTimeField(source="created_at", read_only=True)  # noqa: N815

    class Meta:
        model = PrivacyCheck
        fields = [
            "uuid",
            "soort",
            "doel",
            "noodzaak",
            "proportionaliteit",
            "subsidiariteit",
            "bewaartermijn",
            "bronnen",
            "conclusiePositief",
            "vastgelegdOp",
        ]
        ref_name = "Privacytoets"


class StatusChangeSerializer(serializers.ModelSerializer[StatusChange]):
    """One row of the append-only status history: who moved the signal where, when and why."""

    van = serializers.CharField(source="from_status", read_only=True, help_text="Leeg bij ontvangst.")
    naar = serializers.ChoiceField(source="to_status", choices=Status.choices, read_only=True)
    toelichting = serializers.CharField(source="reason", read_only=True)
    door = serializers.UUIDField(
        source="actor.uuid",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Het account; leeg bij een anonieme of doorgestuurde melding of een verwijderd account.",
    )
    op = serializers.DateTimeField(source="at", read_only=True)

    class Meta:
        model = StatusChange
        fields = ["van", "naar", "toelichting", "door", "op"]
        ref_name = "MeldingStatuswijzigingRegel"


#: Model field of a service error -> the field in the API body.
_CHECK_FIELDS = {
    "kind": "soort",
    "purpose": "doel",
    "necessity": "noodzaak",
    "proportionality": "proportionaliteit",
    "subsidiarity": "subsidiariteit",
    "retention": "bewaartermijn",
    "sources": "bronnen",
}


def signal_for(actor: Actor, uuid: Any, code: str) -> Signal:
    """The signal when the actor may see it and do ``code`` on it; otherwise it does not exist (404)."""
    signal = signal_get(actor=actor, uuid=uuid)
    if signal is None or not can(actor, code, signal):
        raise NotFound
    return signal


def signal_response(actor: Actor, signal: Signal) -> Response:
    """The signal as ``GET /meldingen/{uuid}`` shows it, with its new ETag; audited as a read, like that GET."""
    signal = Signal.objects.select_related("municipality").get(pk=signal.pk)
    api_read_record(actor=actor, obj=signal)
    return etag_response(SignalDetailSerializer(signal, context={"actor": actor}).data, signal)


def _signal_move(
    request: Request,
    uuid: Any,
    *,
    code: str,
    serializer_class: type[StrictSerializer],
    to_field: str,
    reason_field: str,
) -> Response:
    """Move the signal through ``signal_transition`` to the status the body names in ``to_field``, with the
    reasoning in ``reason_field`` (a refusal of the reasoning is reported on that field). The intake team's
    status change and the schakelteam's weighing decision are the same move under another permission."""
    actor = request_actor(request)
    signal = signal_for(actor, uuid, code)
    moved = transition(
        request,
        signal,
        serializer_class=serializer_class,
        field_paths={"reason": reason_field},
        apply=lambda data, version: signal_transition(
            actor=actor,
            signal=signal,
            to_status=data[to_field],
            reason=data[reason_field],
            expected_version=version,
        ),
    )
    return signal_response(actor, moved)


@extend_schema(tags=["meldingen"])
class SignalStatusChangeView(ConditionalMixin, APIView):
    """The status history of a signal (``signals.view``); the intake team moves it on (``signals.intake``)."""

    access_rule = permission(Perm.SIGNALS_VIEW)

    @extend_schema(
        summary="De statusgeschiedenis van een melding opvragen",
        description="Elke stap met motivering, ook de wegingsbesluiten van het schakelteam, oudste eerst.",
        responses=StatusChangeSerializer(many=True),
    )
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        signal = signal_for(actor, uuid, Perm.SIGNALS_VIEW)
        api_read_record(actor=actor, obj=signal, part="statuswijzigingen")
        changes = signal.status_changes.select_related("actor").order_by("at", "id")
        return Response(StatusChangeSerializer(changes, many=True).data)

    @transition_schema(
        summary="De status van een melding wijzigen (meldpunt)",
        description="Kwalificeren, buiten scope, plan van aanpak of afronden, met motivering. Het werkproces "
        "bepaalt welke stap vanuit de huidige status kan; een plan van aanpak vraagt eerst privacytoetsen 2A en "
        "2B met een positieve conclusie (`POST /meldingen/{uuid}/privacytoetsen`). Een geweigerde stap geeft 409 "
        "met de reden. Het besluit van het schakelteam gaat via `POST /meldingen/{uuid}/wegingen`.",
        request=StatusChangeInputSerializer,
        response=SignalDetailSerializer,
    )
    def post(self, request: Request, uuid: Any) -> Response:
        return _signal_move(
            request,
            uuid,
            code=Perm.SIGNALS_INTAKE,
            serializer_class=StatusChangeInputSerializer,
            to_field="status",
            reason_field="toelichting",
        )


@extend_schema(tags=["meldingen"])
class SignalWeighingView(ConditionalMixin, APIView):
    """The schakelteam's weighing decision on a qualified signal."""

    access_rule = permission(Perm.SIGNALS_WEIGH)

    @transition_schema(
        summary="Het wegingsbesluit over een melding vastleggen (schakelteam)",
        description="Geen actie, intern opgepakt, extern doorgezet of bronnenonderzoek, met motivering. Alleen "
        "een gekwalificeerde melding wordt gewogen; bronnenonderzoek vraagt eerst privacytoets 1 met een "
        "positieve conclusie. Een geweigerd besluit geeft 409 met de reden.",
        request=WeighingInputSerializer,
        response=SignalDetailSerializer,
    )
    def post(self, request: Request, uuid: Any) -> Response:
        return _signal_move(
            request,
            uuid,
            code=Perm.SIGNALS_WEIGH,
            serializer_class=WeighingInputSerializer,
            to_field="besluit",
            reason_field="motivering",
        )


@extend_schema(tags=["meldingen"])
class PrivacyCheckView(ConditionalMixin, APIView):
    """The privacy checks on record (``signals.view``); the intake team records one (``signals.intake``)."""

    access_rule = permission(Perm.SIGNALS_VIEW)

    @extend_schema(
        summary="De privacytoetsen bij een melding opvragen",
        description="Alle vastgelegde toetsen (1, 2A, 2B), oudste eerst; alleen een positieve toets opent de stap "
        "waarvoor hij nodig is.",
        responses=PrivacyCheckSerializer(many=True),
    )
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        signal = signal_for(actor, uuid, Perm.SIGNALS_VIEW)
        api_read_record(actor=actor, obj=signal, part="privacytoetsen")
        return Response(PrivacyCheckSerializer(signal.privacy_checks.order_by("created_at", "id"), many=True).data)

    @transition_schema(
        summary="Een privacytoets bij een melding vastleggen (meldpunt)",
        description="Schriftelijk: doel, noodzaak, proportionaliteit, subsidiariteit, bewaartermijn (en bij toets 1 "
        "de bronnen). Toets 1 gaat vooraf aan bronnenonderzoek, 2A en 2B aan een plan van aanpak. Een toets "
        "voegt een vastlegging toe en laat de versie (ETag) van de melding ongemoeid, dus het antwoord heeft geen "
        "ETag; If-Match is toch verplicht, zodat de toets hoort bij de melding zoals die gelezen is. Een "
        "afgeronde melding krijgt geen toets meer (409).",
        request=PrivacyCheckInputSerializer,
        response=PrivacyCheckSerializer,
        code=status.HTTP_201_CREATED,
        with_etag=False,
    )
    def post(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        signal = signal_for(actor, uuid, Perm.SIGNALS_INTAKE)
        check = transition(
            request,
            signal,
            serializer_class=PrivacyCheckInputSerializer,
            field_paths=_CHECK_FIELDS,
            apply=lambda data, version: privacy_check_record(
                actor=actor,
                signal=signal,
                kind=data["soort"],
                purpose=data["doel"],
                necessity=data["noodzaak"],
                proportionality=data["proportionaliteit"],
                subsidiarity=data["subsidiariteit"],
                retention=data["bewaartermijn"],
                sources=data["bronnen"],
                conclusion_positive=data["conclusiePositief"],
                expected_version=version,
            ),
        )
        # No ETag here: in a 201 it would name the new check. The signal's own ETag has not changed.
        return Response(PrivacyCheckSerializer(check).data, status=status.HTTP_201_CREATED)
