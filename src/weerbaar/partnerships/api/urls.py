# SPDX-License-Identifier: EUPL-1.2
"""API routes of area A under /api/v1, in their own namespace (``partnerships_api``), included by the
project's URL configuration next to the platform's API."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from weerbaar.partnerships.api import views

router = SimpleRouter(trailing_slash=False)
router.register("gebiedssamenwerkingen", views.PartnershipViewSet, basename="gebiedssamenwerkingen")
router.register("gebiedsberichten", views.AlertViewSet, basename="gebiedsberichten")

app_name = "partnerships_api"
urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "gebiedssamenwerkingen/<uuid:uuid>/deelnemers",
        views.ParticipantListView.as_view(),
        name="gebiedssamenwerking-deelnemers",
    ),
    path("", include(router.urls)),
]
