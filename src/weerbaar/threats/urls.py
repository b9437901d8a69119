# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.threats import coordination_views, retention_views, views

app_name = "threats"
urlpatterns = [
    path("", views.incident_list_view, name="list"),
    path("melden/", views.incident_report_view, name="report"),
    path("inzicht/", coordination_views.insight_view, name="insight"),
    path("inzicht/export.csv", coordination_views.insight_export_view, name="insight_export"),
    path("<uuid:uuid>/", views.incident_detail_view, name="detail"),
    path("<uuid:uuid>/status/", coordination_views.incident_status_view, name="status"),
    path("<uuid:uuid>/stappen/nieuw/", coordination_views.step_add_view, name="step_add"),
    path("<uuid:uuid>/stappen/<uuid:step_uuid>/afronden/", views.step_done_view, name="step_done"),
    path("<uuid:uuid>/aangifte/", coordination_views.police_report_view, name="police_report"),
    path("<uuid:uuid>/dreigingsbeoordeling/", coordination_views.assessment_view, name="assessment"),
    path("<uuid:uuid>/maatregelen/nieuw/", coordination_views.measure_add_view, name="measure_add"),
    path(
        "<uuid:uuid>/maatregelen/<uuid:measure_uuid>/wijzigen/",
        coordination_views.measure_update_view,
        name="measure_update",
    ),
    path("<uuid:uuid>/bewijs/nieuw/", views.evidence_add_view, name="evidence_add"),
    path("<uuid:uuid>/bewijs/<uuid:evidence_uuid>/", views.evidence_download_view, name="evidence_download"),
    path("<uuid:uuid>/toegang/nieuw/", views.grant_add_view, name="grant_add"),
    path("<uuid:uuid>/toegang/<uuid:grant_uuid>/intrekken/", views.grant_revoke_view, name="grant_revoke"),
    path("<uuid:uuid>/adres/", views.address_view, name="address"),
    path("<uuid:uuid>/dader/", views.perpetrator_view, name="perpetrator"),
    path("<uuid:uuid>/bewaarplicht/", retention_views.legal_hold_view, name="legal_hold"),
    path("<uuid:uuid>/vernietigen/", retention_views.destroy_view, name="destroy"),
]
