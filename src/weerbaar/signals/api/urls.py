# SPDX-License-Identifier: EUPL-1.2
"""API routes of this app, included in the `api` namespace under /api/v1 (no app_name here)."""

from django.urls import URLPattern, URLResolver, path

from weerbaar.signals.api import transitions, views

urlpatterns: list[URLPattern | URLResolver] = [
    path("meldingen", views.SignalCollectionView.as_view(), name="meldingen-list"),
    path("meldingen/<uuid:uuid>", views.SignalDetailView.as_view(), name="meldingen-detail"),
    path(
        "meldingen/<uuid:uuid>/statuswijzigingen",
        transitions.SignalStatusChangeView.as_view(),
        name="meldingen-statuswijzigingen",
    ),
    path("meldingen/<uuid:uuid>/wegingen", transitions.SignalWeighingView.as_view(), name="meldingen-wegingen"),
    path(
        "meldingen/<uuid:uuid>/privacytoetsen", transitions.PrivacyCheckView.as_view(), name="meldingen-privacytoetsen"
    ),
    path("publiek/meldingen", views.PublicSignalView.as_view(), name="publiek-meldingen"),
]
