# SPDX-License-Identifier: EUPL-1.2
"""API routes of the certification cycle under /api/v1, in their own namespace (``certification_api``)."""

from django.urls import path

from weerbaar.certification.api import views

P = "gebiedssamenwerkingen/<uuid:uuid>/"
app_name = "certification_api"
urlpatterns = [
    path(f"{P}maatregelen", views.MeasureListView.as_view(), name="maatregelen-list"),
    path(f"{P}maatregelen/<uuid:measure_uuid>", views.MeasureDetailView.as_view(), name="maatregelen-detail"),
    path(f"{P}maatregelen/<uuid:measure_uuid>/status", views.MeasureStatusView.as_view(), name="maatregelen-status"),
    path(f"{P}schouwen", views.WalkListView.as_view(), name="schouwen-list"),
    path(f"{P}schouwen/<uuid:walk_uuid>", views.WalkDetailView.as_view(), name="schouwen-detail"),
    path(f"{P}certificaten", views.CertificateListView.as_view(), name="certificaten-list"),
]
