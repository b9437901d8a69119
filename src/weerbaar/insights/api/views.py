# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/inzichten`` (the figures the caller may read) and ``/api/v1/inzichten/{figuur}`` (one figure,
filtered like the page): the same selectors, scope and suppression as ``/inzichten/``."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.permissions import request_actor
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.disclosure import rules_for
from weerbaar.core.figures import all_figures
from weerbaar.core.policy import permission
from weerbaar.insights import selectors
from weerbaar.insights.api.serializers import FigureSerializer, FigureSummarySerializer
from weerbaar.insights.audiences import audience_of
from weerbaar.insights.filters import FilterError, filters_parse

FILTERS = [
    OpenApiParameter("van", str, description="Eerste maand van de periode (jjjj-mm); standaard 11 maanden terug."),
    OpenApiParameter("tot", str, description="Laatste maand van de periode (jjjj-mm); standaard deze maand."),
    OpenApiParameter("gemeente", str, description="CBS-code van een gemeente (GM####)."),
    OpenApiParameter("fenomeen", str, description="Een fenomeen; alleen voor figuren over fenomenen."),
]


@extend_schema(tags=["inzichten"])
class FigureListView(APIView):
    """The figures the caller may read (each over the organisations of his scope)."""

    access_rule = permission(Perm.INSIGHTS_VIEW)

    @extend_schema(
        summary="Figuren opvragen",
        description="De figuren van het situatiebeeld die de aanroeper mag lezen, met hun definitie.",
        responses={200: FigureSummarySerializer(many=True)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        figures = selectors.figures_readable(actor=request_actor(request))
        data = [{"naam": f.slug, "titel": str(f.title), "definitie": str(f.definition)} for f in figures]
        return Response(FigureSummarySerializer(data, many=True).data)


@extend_schema(tags=["inzichten"])
class FigureDetailView(APIView):
    """One figure: rows by columns of counts, suppressed for the caller's audience."""

    access_rule = permission(Perm.INSIGHTS_VIEW)

    @extend_schema(
        summary="Eén figuur opvragen",
        description=(
            "Een tabel van aantallen. Cellen van één organisatie, gemeente, maand en categorie met 1 tot 4 tellen "
            "nergens mee (weggelatenCellen); voor raadsleden zijn aantallen afgerond op 5 en percentages alleen "
            "getoond bij een noemer van 100 of meer."
        ),
        parameters=[
            OpenApiParameter(
                "figuur",
                str,
                OpenApiParameter.PATH,
                enum=[f.slug for f in all_figures()],
                description="De naam van de figuur (zie /inzichten); buiten het bereik van de aanroeper: 404.",
            ),
            *FILTERS,
        ],
        responses={200: FigureSerializer},
    )
    def get(self, request: Request, figuur: str, *args: Any, **kwargs: Any) -> Response:
        actor = request_actor(request)
        figure = selectors.figure_get(actor=actor, slug=figuur)
        if figure is None:
            raise NotFound
        try:
            filters = filters_parse(request.query_params.dict())
        except FilterError as error:
            raise ValidationError({name: [message] for name, message in error.errors.items()}) from error
        audience = audience_of(actor)
        table = selectors.figure_table(actor=actor, figure=figure, filters=filters, rules=rules_for(audience)).table
        audit_event_record(
            actor=actor,
            action=AuditAction.READ,
            object_type="insights.figure",
            details={"figure": figure.slug, "audience": str(audience), "part": "api", **filters.query()},
        )
        data = {
            "naam": figure.slug,
            "titel": str(figure.title),
            "definitie": str(figure.definition),
            "publiek": str(audience),
            "kolommen": [{"code": key, "naam": label} for key, label in table.columns],
            "rijen": [
                {"code": key, "naam": label, "cellen": cells, "aandeel": table.shares[i] if table.shares else None}
                for i, ((key, label), cells) in enumerate(zip(table.rows, table.cells, strict=True))
            ],
            "totalen": table.totals,
            "weggelatenCellen": table.left_out,
            "bijgewerktOp": selectors.refreshed_at(),
        }
        return Response(FigureSerializer(data).data)
