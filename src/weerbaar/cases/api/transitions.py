# SPDX-License-Identifier: EUPL-1.2
"""What a partner system moves forward in a case: statutory steps done, consent given, memberships ended.

Each changing object is a detail resource with a strong ETag (its version) and each transition a POST to one
of its sub-resources with that ETag in ``If-Match`` (:mod:`weerbaar.api.concurrency`). The services decide,
as on the case page: the intervention's owner organisation marks its steps done, the item's supplier gives
consent, the directing organisation ends a membership. A case the caller is no member of, and an object
inside it they cannot see, is 404 exactly as for ``GET``; so is an action that is not theirs to take.
"""

from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.concurrency import ConditionalMixin, etag_header, etag_response, transition, transition_schema
from weerbaar.api.fields import StrictSerializer
from weerbaar.api.permissions import request_actor
from weerbaar.api.reads import api_read_record
from weerbaar.api.serializers import OrganisationRefSerializer
from weerbaar.cases import selectors, services
from weerbaar.cases.api.serializers import (
    CaseItemSerializer,
    InterventionSerializer,
    MembershipSerializer,
    OrganisationUuidField,
)
from weerbaar.cases.api.views import case_or_404
from weerbaar.cases.constants import INTERVENTION_TYPES
from weerbaar.cases.models import CaseItem, Intervention, ItemConsent, Membership
from weerbaar.core.policy import Actor, can, permission

STEP_CODES = sorted({step.code for template in INTERVENTION_TYPES.values() for step in template.steps})
NO_SUCH_STEP = "Deze interventie heeft geen stap met deze code; zie `stappen` van de interventie."


# --- Serializers ----------------------------------------------------------------------------------


class StepDoneInputSerializer(StrictSerializer):
    stap = serializers.ChoiceField(
        choices=STEP_CODES, help_text="De `code` van een stap uit `stappen` van deze interventie."
    )
    gereedOp = serializers.DateField(  # noqa: N815
        required=False, default=timezone.localdate, help_text="Wanneer de stap gedaan is; standaard vandaag."
    )

    class Meta:
        ref_name = "InterventieStapGereed"


class ConsentSerializer(serializers.ModelSerializer[ItemConsent]):
    organisatie = OrganisationRefSerializer(source="organisation", read_only=True, allow_null=True)
    export = serializers.BooleanField(read_only=True)
    gegevenOp = serializers.DateTimeField(source="granted_at", read_only=True)  # noqa: N815

    class Meta:
        model = ItemConsent
        fields = ["organisatie", "export", "gegevenOp"]
        ref_name = "Toestemming"


class CaseItemDetailSerializer(CaseItemSerializer):
    """An item; its supplier also sees the consents it gave (pass the actor in the context)."""

    toestemmingen = serializers.SerializerMethodField(
        help_text="Alleen voor de leverancier: aan welke organisaties (of voor export) hij toestemming gaf. "
        "Voor andere deelnemers null."
    )

    class Meta(CaseItemSerializer.Meta):
        fields = [*CaseItemSerializer.Meta.fields, "toestemmingen"]
        ref_name = "CasusStukDetail"

    @extend_schema_field(ConsentSerializer(many=True, allow_null=True))
    def get_toestemmingen(self, obj: CaseItem) -> list[dict[str, Any]] | None:
        if not services.may_consent(self.context["actor"], obj):
            return None
        consents = obj.consents.select_related("organisation").order_by("granted_at", "pk")
        return list(ConsentSerializer(consents, many=True).data)


class ConsentInputSerializer(StrictSerializer):
    organisatie = OrganisationUuidField(
        required=False, help_text="Een deelnemende organisatie die het stuk mag zien (niet samen met `export`)."
    )
    export = serializers.BooleanField(
        required=False, help_text="`true`: het stuk mag mee in exports, zoals de verantwoordingsrapportage."
    )

    class Meta:
        ref_name = "ToestemmingNieuw"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("organisatie" in attrs) == bool(attrs.get("export")):
            raise serializers.ValidationError(
                {"organisatie": "Geef een organisatie óf export: true, niet allebei en niet geen van beide."}
            )
        return attrs


class MembershipEndInputSerializer(StrictSerializer):
    """No fields: the membership ends today."""

    class Meta:
        ref_name = "DeelnemerschapEinde"


# --- Lookups: 404 for whatever the caller may not see or not act on ----------------------------------


def _one[M: Model](rows: QuerySet[M], uuid: Any) -> M:
    """The object with this UUID among ``rows`` (of a case the actor is a member of, as they may see them)."""
    found = rows.filter(uuid=uuid).first()
    if found is None:
        raise NotFound
    return found


def _intervention(actor: Actor, uuid: Any, intervention_uuid: Any) -> Intervention:
    case = case_or_404(actor, uuid)
    return _one(case.interventions.select_related("owner").prefetch_related("steps"), intervention_uuid)


def _item(actor: Actor, uuid: Any, item_uuid: Any) -> CaseItem:
    case = case_or_404(actor, uuid)
    return _one(selectors.case_items_visible(actor=actor, case=case), item_uuid)


def _membership(actor: Actor, uuid: Any, membership_uuid: Any) -> Membership:
    case = case_or_404(actor, uuid)
    return _one(selectors.case_members(actor=actor, case=case), membership_uuid)


def _intervention_response(intervention: Intervention) -> Response:
    """The intervention with its steps and its ETag."""
    return etag_response(InterventionSerializer(intervention).data, intervention)


def _item_response(actor: Actor, item: CaseItem) -> Response:
    """The item with its ETag; a read of case content, audited like the case's own ``GET``."""
    api_read_record(actor=actor, obj=item, case=str(item.case.uuid))
    return etag_response(CaseItemDetailSerializer(item, context={"actor": actor}).data, item)


# --- Interventions --------------------------------------------------------------------------------


@extend_schema(tags=["casussen"])
class InterventionDetailView(ConditionalMixin, APIView):
    """One intervention of a case with its statutory steps; its ETag changes with every step and result."""

    access_rule = permission(Perm.CASES_VIEW)

    @extend_schema(
        summary="Eén interventie van een casus opvragen",
        responses=InterventionSerializer,
        parameters=[etag_header(200)],
    )
    def get(self, request: Request, uuid: Any, interventieUuid: Any) -> Response:  # noqa: N803
        return _intervention_response(_intervention(request_actor(request), uuid, interventieUuid))


@extend_schema(tags=["casussen"])
class StepDoneView(ConditionalMixin, APIView):
    """The intervention's owner organisation marks a statutory step done."""

    access_rule = permission(Perm.CASES_VIEW)

    @transition_schema(
        summary="Een wettelijke stap van een interventie gereedmelden",
        description="Alleen de organisatie die de interventie uitvoert (de eigenaar). De termijnen van de volgende "
        "stappen tellen vanaf deze datum; een geplande interventie gaat lopen. Een datum in de toekomst geeft 400, "
        "een afgesloten casus 409. Stuur de ETag van `GET /casussen/{uuid}/interventies/{interventieUuid}`.",
        request=StepDoneInputSerializer,
        response=InterventionSerializer,
    )
    def post(self, request: Request, uuid: Any, interventieUuid: Any) -> Response:  # noqa: N803
        actor = request_actor(request)
        intervention = _intervention(actor, uuid, interventieUuid)
        if not services.may_manage_intervention(actor, intervention):
            raise NotFound

        def apply(data: dict[str, Any], version: int) -> None:
            step = intervention.steps.filter(code=data["stap"]).first()
            if step is None:
                raise ValidationError({"stap": [NO_SUCH_STEP]})
            services.intervention_step_done(actor=actor, step=step, done_on=data["gereedOp"], expected_version=version)

        transition(
            request,
            intervention,
            serializer_class=StepDoneInputSerializer,
            field_paths={"done_on": "gereedOp"},
            apply=apply,
        )
        return _intervention_response(_intervention(actor, uuid, interventieUuid))


# --- Items and consent ----------------------------------------------------------------------------


@extend_schema(tags=["casussen"])
class CaseItemDetailView(ConditionalMixin, APIView):
    """One item the caller's organisation may see, with its provenance. Every read is audited."""

    access_rule = permission(Perm.CASES_VIEW)

    @extend_schema(
        summary="Eén stuk van een casus opvragen", responses=CaseItemDetailSerializer, parameters=[etag_header(200)]
    )
    def get(self, request: Request, uuid: Any, stukUuid: Any) -> Response:  # noqa: N803
        actor = request_actor(request)
        return _item_response(actor, _item(actor, uuid, stukUuid))


@extend_schema(tags=["casussen"])
class ConsentView(ConditionalMixin, APIView):
    """The supplier consents to show its item to another member organisation, or to export it."""

    access_rule = permission(Perm.CASES_VIEW)

    @transition_schema(
        summary="Toestemming geven om een stuk te delen of te exporteren (leverancier)",
        description="Alleen de organisatie die het stuk leverde. Met `organisatie` ziet die deelnemer het stuk; met "
        "`export: true` mag het mee in exports. Nooit aan een private partner. Toestemming die er al is, geeft "
        "hetzelfde antwoord zonder nieuwe versie. Intrekken kan (nog) niet, ook niet in de webinterface.",
        request=ConsentInputSerializer,
        response=CaseItemDetailSerializer,
    )
    def post(self, request: Request, uuid: Any, stukUuid: Any) -> Response:  # noqa: N803
        actor = request_actor(request)
        item = _item(actor, uuid, stukUuid)
        if not services.may_consent(actor, item):
            raise NotFound
        transition(
            request,
            item,
            serializer_class=ConsentInputSerializer,
            field_paths={"organisation": "organisatie"},
            apply=lambda data, version: services.item_consent_grant(
                actor=actor,
                item=item,
                organisation=data.get("organisatie"),
                export=bool(data.get("export")),
                expected_version=version,
            ),
        )
        return _item_response(actor, _item(actor, uuid, stukUuid))


# --- Memberships ----------------------------------------------------------------------------------


@extend_schema(tags=["casussen"])
class MembershipDetailView(ConditionalMixin, APIView):
    """One active membership of a case."""

    access_rule = permission(Perm.CASES_VIEW)

    @extend_schema(
        summary="Eén deelnemer van een casus opvragen", responses=MembershipSerializer, parameters=[etag_header(200)]
    )
    def get(self, request: Request, uuid: Any, deelnemerUuid: Any) -> Response:  # noqa: N803
        membership = _membership(request_actor(request), uuid, deelnemerUuid)
        return etag_response(MembershipSerializer(membership).data, membership)


@extend_schema(tags=["casussen"])
class MembershipEndView(ConditionalMixin, APIView):
    """The directing organisation ends a membership today."""

    access_rule = permission(Perm.CASES_MANAGE)

    @transition_schema(
        summary="Een deelnemerschap beëindigen (regievoerder)",
        description="Het deelnemerschap eindigt vandaag: de deelnemer ziet de casus meteen niet meer, en "
        "`GET` op dit deelnemerschap geeft daarna 404. De regievoerende organisatie blijft deelnemer zolang de "
        "casus open is (409). Zonder inhoud, of met `{}`.",
        request=MembershipEndInputSerializer,
        response=MembershipSerializer,
    )
    def post(self, request: Request, uuid: Any, deelnemerUuid: Any) -> Response:  # noqa: N803
        actor = request_actor(request)
        membership = _membership(actor, uuid, deelnemerUuid)
        if not can(actor, Perm.CASES_MANAGE, membership.case):
            raise NotFound
        ended = transition(
            request,
            membership,
            serializer_class=MembershipEndInputSerializer,
            apply=lambda data, version: services.membership_end(
                actor=actor, membership=membership, expected_version=version
            ),
        )
        ended = Membership.objects.select_related("organisation", "user").get(pk=ended.pk)
        return etag_response(MembershipSerializer(ended).data, ended)
