# SPDX-License-Identifier: EUPL-1.2
"""API routes of this app, included in the `api` namespace under /api/v1 (no app_name here)."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from weerbaar.threats.api import transitions, views

router = SimpleRouter(trailing_slash=False)
router.register("incidenten", views.IncidentViewSet, basename="incidenten")

urlpatterns: list[URLPattern | URLResolver] = [
    path("incidenten/<uuid:uuid>/stappen", views.StepListView.as_view(), name="incident-stappen"),
    path("incidenten/<uuid:uuid>/stappen/<uuid:stapUuid>", transitions.StepDetailView.as_view(), name="incident-stap"),
    path(
        "incidenten/<uuid:uuid>/stappen/<uuid:stapUuid>/afhandeling",
        transitions.StepSettleView.as_view(),
        name="incident-stap-afhandeling",
    ),
    path("incidenten/<uuid:uuid>/maatregelen", views.MeasureListView.as_view(), name="incident-maatregelen"),
    path("", include(router.urls)),
]
