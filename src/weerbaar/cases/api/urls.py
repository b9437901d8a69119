# SPDX-License-Identifier: EUPL-1.2
"""API routes of this app, included in the `api` namespace under /api/v1 (no app_name here)."""

from django.urls import URLPattern, URLResolver, path

from weerbaar.cases.api import transitions, views

CASE = "casussen/<uuid:uuid>"

urlpatterns: list[URLPattern | URLResolver] = [
    path("casussen", views.CaseCollectionView.as_view(), name="casussen-list"),
    path("casussen/_zoek", views.CaseSearchView.as_view(), name="casussen-zoeken"),
    path("casussen/<uuid:uuid>", views.CaseDetailView.as_view(), name="casussen-detail"),
    path("casussen/<uuid:uuid>/deelnemers", views.MembershipCollectionView.as_view(), name="casussen-deelnemers"),
    path("casussen/<uuid:uuid>/interventies", views.InterventionCollectionView.as_view(), name="casussen-interventies"),
    # Transitions: a detail resource with an ETag, and a POST to its sub-resource with If-Match.
    path(
        f"{CASE}/interventies/<uuid:interventieUuid>",
        transitions.InterventionDetailView.as_view(),
        name="casussen-interventies-detail",
    ),
    path(
        f"{CASE}/interventies/<uuid:interventieUuid>/gereedmeldingen",
        transitions.StepDoneView.as_view(),
        name="casussen-interventies-gereedmeldingen",
    ),
    path(f"{CASE}/stukken/<uuid:stukUuid>", transitions.CaseItemDetailView.as_view(), name="casussen-stukken-detail"),
    path(
        f"{CASE}/stukken/<uuid:stukUuid>/toestemmingen",
        transitions.ConsentView.as_view(),
        name="casussen-stukken-toestemmingen",
    ),
    path(
        f"{CASE}/deelnemers/<uuid:deelnemerUuid>",
        transitions.MembershipDetailView.as_view(),
        name="casussen-deelnemers-detail",
    ),
    path(
        f"{CASE}/deelnemers/<uuid:deelnemerUuid>/beeindiging",
        transitions.MembershipEndView.as_view(),
        name="casussen-deelnemers-beeindiging",
    ),
    path("overleggen", views.MeetingCollectionView.as_view(), name="overleggen-list"),
    path("overleggen/<uuid:uuid>", views.MeetingDetailView.as_view(), name="overleggen-detail"),
]
