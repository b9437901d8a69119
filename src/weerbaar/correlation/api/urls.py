# SPDX-License-Identifier: EUPL-1.2
"""API routes of correlation, included in the `api` namespace under /api/v1 (no app_name here)."""

from django.urls import URLPattern, URLResolver, path

from weerbaar.correlation.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("subjecten/_zoek", views.ScreeningView.as_view(), name="subjecten-zoeken"),
    path("subjecten/<uuid:uuid>", views.SubjectDetailView.as_view(), name="subjecten-detail"),
    path("subjecten/<uuid:uuid>/oordelen", views.JudgementView.as_view(), name="subjecten-oordelen"),
    path(
        "subjecten/<uuid:uuid>/toegangsverzoeken", views.AccessRequestView.as_view(), name="subjecten-toegangsverzoeken"
    ),
    path(
        "meldingen/<uuid:uuid>/betrokkenen",
        views.ContextSubjectsView.as_view(kind="melding"),
        name="meldingen-betrokkenen",
    ),
    path(
        "casussen/<uuid:uuid>/betrokkenen", views.ContextSubjectsView.as_view(kind="casus"), name="casussen-betrokkenen"
    ),
    path("meldingen/<uuid:uuid>/netwerk", views.NetworkView.as_view(kind="melding"), name="meldingen-netwerk"),
    path("casussen/<uuid:uuid>/netwerk", views.NetworkView.as_view(kind="casus"), name="casussen-netwerk"),
]
