# SPDX-License-Identifier: EUPL-1.2
"""API routes of this app, included in the `api` namespace under /api/v1 (no app_name here)."""

from django.urls import URLPattern, URLResolver, path

from weerbaar.signals.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("meldingen", views.SignalCollectionView.as_view(), name="meldingen-list"),
    path("meldingen/<uuid:uuid>", views.SignalDetailView.as_view(), name="meldingen-detail"),
    path("publiek/meldingen", views.PublicSignalView.as_view(), name="publiek-meldingen"),
]
