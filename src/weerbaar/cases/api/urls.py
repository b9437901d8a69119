# SPDX-License-Identifier: EUPL-1.2
"""API routes of this app, included in the `api` namespace under /api/v1 (no app_name here)."""

from django.urls import URLPattern, URLResolver, path

from weerbaar.cases.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("casussen", views.CaseCollectionView.as_view(), name="casussen-list"),
    path("casussen/_zoek", views.CaseSearchView.as_view(), name="casussen-zoeken"),
    path("casussen/<uuid:uuid>", views.CaseDetailView.as_view(), name="casussen-detail"),
    path("casussen/<uuid:uuid>/deelnemers", views.MembershipCollectionView.as_view(), name="casussen-deelnemers"),
    path("casussen/<uuid:uuid>/interventies", views.InterventionCollectionView.as_view(), name="casussen-interventies"),
    path("overleggen", views.MeetingCollectionView.as_view(), name="overleggen-list"),
    path("overleggen/<uuid:uuid>", views.MeetingDetailView.as_view(), name="overleggen-detail"),
]
