# SPDX-License-Identifier: EUPL-1.2
"""API routes of awareness training under /api/v1, in their own namespace (``training_api``)."""

from django.urls import URLPattern, path

from weerbaar.training.api import views

app_name = "training_api"
urlpatterns: list[URLPattern] = [
    path("trainingen", views.ModuleListView.as_view(), name="trainingen-list"),
    path("trainingen/<uuid:uuid>", views.ModuleDetailView.as_view(), name="trainingen-detail"),
    path("trainingsresultaten", views.AttemptListView.as_view(), name="trainingsresultaten-list"),
    path("trainingsresultaten/per-afdeling", views.CompletionView.as_view(), name="trainingsresultaten-per-afdeling"),
]
