# SPDX-License-Identifier: EUPL-1.2
"""Staff pages of signals under /meldingen/ (area B). Route names live in the ``signals`` namespace."""

from django.urls import URLPattern, URLResolver, path

from weerbaar.signals import views_intake as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("meldingen/", views.signal_list_view, name="list"),
    path("meldingen/kaart/", views.signal_map_view, name="map"),
    path("meldingen/kaart/data.geojson", views.signal_map_data_view, name="map_data"),
    path("meldingen/achterstallig/", views.signal_overdue_view, name="overdue"),
    path("meldingen/schakelteam/", views.meeting_list_view, name="meetings"),
    path("meldingen/schakelteam/nieuw/", views.meeting_create_view, name="meeting_create"),
    path("meldingen/schakelteam/<uuid:uuid>/", views.meeting_detail_view, name="meeting"),
    path("meldingen/<uuid:uuid>/", views.signal_detail_view, name="detail"),
    path("meldingen/<uuid:uuid>/bijlagen/<uuid:attachment_uuid>/", views.signal_attachment_view, name="attachment"),
    path("meldingen/<uuid:uuid>/status/", views.signal_transition_view, name="transition"),
    path("meldingen/<uuid:uuid>/weging/", views.signal_weigh_view, name="weigh"),
    path("meldingen/<uuid:uuid>/privacytoets/", views.signal_privacy_check_view, name="privacy_check"),
    path("meldingen/<uuid:uuid>/vraag/", views.signal_message_view, name="message"),
    path("meldingen/<uuid:uuid>/bewaarplicht/", views.signal_legal_hold_view, name="legal_hold"),
    path("meldingen/<uuid:uuid>/vernietigen/", views.signal_destroy_view, name="destroy"),
    path("meldingen/<uuid:uuid>/drugsafval/", views.signal_drug_waste_view, name="drug_waste"),
    path("meldingen/<uuid:uuid>/bewijspakket/", views.signal_evidence_view, name="evidence"),
    path("meldingen/<uuid:uuid>/betrokkenen/", views.signal_subject_add_view, name="subject_add"),
]
