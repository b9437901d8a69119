# SPDX-License-Identifier: EUPL-1.2
"""API routes of joint actions under /api/v1, in their own namespace (``actions_api``)."""

from django.urls import URLPattern, path

from weerbaar.actions.api import views

app_name = "actions_api"
urlpatterns: list[URLPattern] = [
    path("acties", views.OperationListView.as_view(), name="acties"),
    path("acties/<uuid:uuid>", views.OperationDetailView.as_view(), name="actie"),
    path("acties/<uuid:uuid>/locaties", views.LocationListView.as_view(), name="locaties"),
    path("acties/<uuid:uuid>/bevindingen", views.FindingCollectionView.as_view(), name="bevindingen"),
    path("acties/<uuid:uuid>/opvolgingen", views.FollowUpCollectionView.as_view(), name="opvolgingen"),
    path("acties/<uuid:uuid>/debriefing", views.DebriefView.as_view(), name="debriefing"),
]
