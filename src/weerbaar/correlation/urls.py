# SPDX-License-Identifier: EUPL-1.2
"""Correlation pages under /correlatie/. No personal data in any URL: searches are POSTed."""

from django.urls import URLPattern, URLResolver, path

from weerbaar.correlation import views

app_name = "correlation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.overview_view, name="overview"),
    path("screening/", views.screening_view, name="screening"),
    path("subjecten/<uuid:uuid>/", views.subject_detail_view, name="subject"),
    path("subjecten/<uuid:uuid>/oordeel/", views.judge_view, name="judge"),
    path("subjecten/<uuid:uuid>/toegang/", views.request_access_view, name="request_access"),
    path("verzoeken/<uuid:uuid>/", views.inquiry_answer_view, name="inquiry_answer"),
    path("netwerk/<slug:kind>/<uuid:uuid>/", views.network_view, name="network"),
    path("netwerk/<slug:kind>/<uuid:uuid>/export/", views.network_export_view, name="network_export"),
    path("uitsluitingen/", views.exclusions_view, name="exclusions"),
    path("uitsluitingen/<uuid:uuid>/verwijderen/", views.exclusion_remove_view, name="exclusion_remove"),
    path("herberekenen/", views.resolve_view, name="resolve"),
]
