# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/trainingen`` (modules), ``/api/v1/trainingsresultaten`` (the caller's own attempts) and
``/api/v1/trainingsresultaten/per-afdeling`` (the coordinator's completion figures): the same selectors and
policy as the pages, the same 404 outside scope."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import permission
from weerbaar.training import selectors
from weerbaar.training.api.serializers import (
    AttemptSerializer,
    CompletionSerializer,
    ModuleDetailSerializer,
    ModuleSerializer,
)
from weerbaar.training.models import Attempt, Module


@extend_schema(tags=["trainingen"], summary="Trainingen opvragen")
class ModuleListView(ListAPIView):  # type: ignore[type-arg]
    """The published modules the caller can take: the organisation's own and those shipped with Weerbaar."""

    access_rule = permission(Perm.TRAINING_TAKE)
    serializer_class = ModuleSerializer

    def get_queryset(self) -> QuerySet[Module]:
        return selectors.module_takeable_list(actor=request_actor(self.request)).order_by("title", "-version", "pk")


@extend_schema(tags=["trainingen"], summary="Eén training opvragen")
class ModuleDetailView(RetrieveAPIView):  # type: ignore[type-arg]
    """A module with its pages, scenario questions (without the right answer) and dilemma cards."""

    access_rule = permission(Perm.TRAINING_TAKE)
    serializer_class = ModuleDetailSerializer

    def get_object(self) -> Module:
        module = selectors.module_take_get(actor=request_actor(self.request), uuid=self.kwargs["uuid"])
        if module is None:
            raise NotFound
        return selectors.module_content(module)


@extend_schema(tags=["trainingen"], summary="Eigen trainingsresultaten opvragen")
class AttemptListView(ListAPIView):  # type: ignore[type-arg]
    """The caller's own attempts, newest first. Nobody else's results are in the API."""

    access_rule = permission(Perm.TRAINING_TAKE)
    serializer_class = AttemptSerializer

    def get_queryset(self) -> QuerySet[Attempt]:
        return selectors.attempt_list(actor=request_actor(self.request)).order_by("-completed_at", "-pk")


@extend_schema(tags=["trainingen"])
class CompletionView(APIView):
    """Completion per department of every assigned module, for the resilience coordinator."""

    access_rule = permission(Perm.TRAINING_MANAGE)

    @extend_schema(
        summary="Voortgang per afdeling",
        description=(
            "Per toegewezen training het aantal medewerkers per afdeling dat geslaagd is. Een afdeling met minder "
            "dan 10 medewerkers toont geen cijfers; aantallen van 1 tot 9 staan er als “< 10”, en waar zo'n "
            "aantal uit de totalen terug te rekenen zou zijn is ook een ander aantal verborgen (“—”). Geen "
            "individuele scores."
        ),
        responses={200: CompletionSerializer(many=True)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = request_actor(request)
        tables = [
            table
            for module in selectors.completion_modules(actor=actor)
            if (table := selectors.completion_per_department(actor=actor, module=module)) is not None
        ]
        audit_event_record(
            actor=actor, action=AuditAction.READ, object_type="training.completion", details={"part": "api"}
        )
        return Response(CompletionSerializer(tables, many=True).data)
