# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/inzichten`` (the figures the caller may read) and ``/api/v1/inzichten/{figuur}`` (one figure,
filtered like the page): the same selectors, scope and suppression as ``/inzichten/``. The figure comes as
JSON, or with ``formaat=csv`` / ``formaat=xlsx`` as the same file the page offers (audited as an export)."""

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
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
from weerbaar.insights import exports, selectors
from weerbaar.insights.api.serializers import FigureSerializer, FigureSummarySerializer
from weerbaar.insights.audiences import audience_of
from weerbaar.insights.filters import FilterError, filters_parse

FILTERS = [
    OpenApiParameter("van", str, description="Eerste maand van de periode (jjjj-mm); standaard 11 maanden terug."),
    OpenApiParameter("tot", str, description="Laatste maand van de periode (jjjj-mm); standaard deze maand."),
    OpenApiParameter("gemeente", str, description="CBS-code van een gemeente (GM####)."),
    OpenApiParameter("fenomeen", str, description="Een fenomeen; alleen voor figuren over fenomenen."),
]
JSON = "json"
FORMAAT = OpenApiParameter(
    "formaat",
    str,
    enum=[JSON, *exports.FORMATS],
    description=(
        "json (standaard): de tabel als JSON; csv: als CSV-bestand (puntkomma's); xlsx: als spreadsheet met een "
        "tweede blad met de uitleg. Dezelfde cellen, onderdrukking en afronding."
    ),
)


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
            FORMAAT,
        ],
        responses={
            (200, "application/json"): FigureSerializer,
            (200, "text/csv"): OpenApiTypes.STR,
            (200, exports.CONTENT_TYPE): OpenApiTypes.BINARY,
        },
    )
    def get(self, request: Request, figuur: str, *args: Any, **kwargs: Any) -> Response | HttpResponse:
        actor = request_actor(request)
        figure = selectors.figure_get(actor=actor, slug=figuur)
        if figure is None:
            raise NotFound
        params = request.query_params.dict()
        file_format = params.pop("formaat", JSON).strip()
        if file_format != JSON and file_format not in exports.FORMATS:
            raise ValidationError({"formaat": [_("Choose json, csv or xlsx.")]})
        try:
            filters = filters_parse(params)
        except FilterError as error:
            raise ValidationError({name: [message] for name, message in error.errors.items()}) from error
        audience = audience_of(actor)
        table = selectors.figure_table(actor=actor, figure=figure, filters=filters, rules=rules_for(audience)).table
        audit_event_record(
            actor=actor,
            action=AuditAction.READ if file_format == JSON else AuditAction.EXPORT,
            object_type="insights.figure",
            details={
                "figure": figure.slug,
                "audience": str(audience),
                "part": "api",
                **({} if file_format == JSON else {"format": file_format}),
                **filters.query(),
            },
        )
        if file_format != JSON:
            response = HttpResponse(
                exports.figure_file(table=table, filters=filters, audience=str(audience), file_format=file_format),
                content_type=exports.FORMATS[file_format],
            )
            response["Content-Disposition"] = f'attachment; filename="{figure.slug}.{file_format}"'
            return response
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
            "drempel": table.threshold,
            "weggelatenDominantie": table.dominated,
            "bijgewerktOp": selectors.refreshed_at(),
        }
        return Response(FigureSerializer(data).data)
