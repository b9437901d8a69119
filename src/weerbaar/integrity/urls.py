# SPDX-License-Identifier: EUPL-1.2
"""The staff member's pages and the integrity coordinator's desk, under /integriteit/."""

from django.urls import path

from weerbaar.integrity import views

app_name = "integrity"
urlpatterns = [
    path("melden/", views.report_new_view, name="report_new"),
    path("mijn-meldingen/", views.own_list_view, name="own_list"),
    path("mijn-meldingen/<uuid:uuid>/", views.own_detail_view, name="own_detail"),
    path("meldingen/", views.desk_view, name="desk"),
    path("meldingen/<uuid:uuid>/", views.detail_view, name="detail"),
    path("meldingen/<uuid:uuid>/notitie/", views.note_view, name="note"),
    path("meldingen/<uuid:uuid>/status/", views.status_view, name="status"),
    path("meldingen/<uuid:uuid>/incident/", views.to_incident_view, name="to_incident"),
    path("meldingen/<uuid:uuid>/signaal/", views.to_signal_view, name="to_signal"),
    path("meldingen/<uuid:uuid>/vernietigen/", views.destroy_view, name="destroy"),
]
