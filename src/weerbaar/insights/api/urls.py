# SPDX-License-Identifier: EUPL-1.2
"""API routes of the situational picture under /api/v1, in their own namespace (``insights_api``)."""

from django.urls import URLPattern, path

from weerbaar.insights.api import views

app_name = "insights_api"
urlpatterns: list[URLPattern] = [
    path("inzichten", views.FigureListView.as_view(), name="inzichten-list"),
    path("inzichten/<slug:figuur>", views.FigureDetailView.as_view(), name="inzichten-detail"),
]
