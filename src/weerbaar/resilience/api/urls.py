# SPDX-License-Identifier: EUPL-1.2
"""API routes of the resilience scan under /api/v1, in their own namespace (``resilience_api``)."""

from django.urls import URLPattern, path

from weerbaar.resilience.api import views

app_name = "resilience_api"
urlpatterns: list[URLPattern] = [
    path("weerbaarheidsscans", views.ScanListView.as_view(), name="weerbaarheidsscans"),
    path("weerbaarheidsscans/<uuid:uuid>", views.ScanDetailView.as_view(), name="weerbaarheidsscan"),
    path("weerbaarheidsscans/<uuid:uuid>/verbeteracties", views.ActionListView.as_view(), name="verbeteracties"),
    path(
        "weerbaarheidsscans/<uuid:uuid>/verbeteracties/<uuid:actieUuid>",
        views.ActionDetailView.as_view(),
        name="verbeteractie",
    ),
    path(
        "weerbaarheidsscans/<uuid:uuid>/verbeteracties/<uuid:actieUuid>/status",
        views.ActionStatusView.as_view(),
        name="verbeteractie-status",
    ),
]
