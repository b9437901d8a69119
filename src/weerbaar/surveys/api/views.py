# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/gebiedssamenwerkingen/{uuid}/enquetes`` and ``/api/v1/enquetes/{uuid}/resultaten``: the same
selectors, policy and data class as the pages (``aggregaat``: every member), the same 404 outside scope.
``/api/v1/personeelsenquetes`` and ``/api/v1/personeelsenquetes/{uuid}/resultaten``: an organisation's staff
surveys (area D), for ``surveys.staff_view`` at that organisation, with a threshold of 10."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import can, permission
from weerbaar.partnerships import selectors as partnership_selectors
from weerbaar.partnerships.permissions import Shows
from weerbaar.surveys import selectors
from weerbaar.surveys.api.serializers import SurveyResultsSerializer, SurveySerializer
from weerbaar.surveys.models import Survey
from weerbaar.surveys.views._shared import AGGREGATE


@extend_schema(tags=["enquetes"], summary="Enquêtes van een gebiedssamenwerking")
class PartnershipSurveyListView(ListAPIView):  # type: ignore[type-arg]
    """The surveys of a partnership the caller is a member of, newest first."""

    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = AGGREGATE
    serializer_class = SurveySerializer

    def get_queryset(self) -> QuerySet[Survey]:
        actor = request_actor(self.request)
        partnership = partnership_selectors.partnership_get(actor=actor, uuid=self.kwargs["uuid"])
        if partnership is None or not can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, self.shown)):
            raise NotFound
        return selectors.survey_list(actor=actor, partnership=partnership).order_by("-created_at", "-pk")


@extend_schema(tags=["enquetes"])
class SurveyResultsView(APIView):
    """A survey's results, only as suppressed aggregates."""

    access_rule = permission(Perm.PARTNERSHIPS_VIEW)
    shown = AGGREGATE

    @extend_schema(
        summary="Resultaten van een enquête",
        description=(
            "Per vraag het aantal per antwoord en per respondentgroep. Aantallen van 1 tot 4 staan er als “< 5”; "
            "waar zo'n aantal uit de totalen terug te rekenen zou zijn, is ook een ander aantal verborgen (“—”). "
            "Alleen voor een gesloten enquête met ten minste 5 reacties (`beschikbaar`)."
        ),
        responses={200: SurveyResultsSerializer},
    )
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        survey = selectors.survey_get(actor=actor, uuid=uuid)
        if (
            survey is None
            or survey.partnership is None
            or not can(actor, Perm.PARTNERSHIPS_VIEW, Shows(survey.partnership, self.shown))
        ):
            raise NotFound
        audit_event_record(actor=actor, action=AuditAction.READ, obj=survey, details={"part": "api-results"})
        return Response(SurveyResultsSerializer(selectors.survey_results(survey)).data)


@extend_schema(tags=["enquetes"], summary="Personeelsenquêtes van de eigen organisatie")
class StaffSurveyListView(ListAPIView):  # type: ignore[type-arg]
    """The staff surveys of the organisation the caller acts for, newest first."""

    access_rule = permission(Perm.SURVEYS_STAFF_VIEW)
    serializer_class = SurveySerializer

    def get_queryset(self) -> QuerySet[Survey]:
        return selectors.staff_survey_list(actor=request_actor(self.request)).order_by("-created_at", "-pk")


@extend_schema(tags=["enquetes"])
class StaffSurveyResultsView(APIView):
    """A staff survey's results, only as suppressed aggregates of groups of at least 10."""

    access_rule = permission(Perm.SURVEYS_STAFF_VIEW)

    @extend_schema(
        summary="Resultaten van een personeelsenquête",
        description=(
            "Per vraag het aantal per antwoord en per respondentgroep (soort werk). Aantallen van 1 tot 9 staan er "
            "als “< 10”; waar zo'n aantal uit de totalen terug te rekenen zou zijn, is ook een ander aantal "
            "verborgen (“—”). Alleen voor een gesloten enquête met ten minste 10 reacties (`beschikbaar`)."
        ),
        responses={200: SurveyResultsSerializer},
    )
    def get(self, request: Request, uuid: Any) -> Response:
        actor = request_actor(request)
        survey = selectors.staff_survey_get(actor=actor, uuid=uuid)
        if survey is None or not can(actor, Perm.SURVEYS_STAFF_VIEW, survey):
            raise NotFound
        audit_event_record(actor=actor, action=AuditAction.READ, obj=survey, details={"part": "api-results"})
        return Response(SurveyResultsSerializer(selectors.survey_results(survey)).data)
