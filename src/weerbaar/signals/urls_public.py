# SPDX-License-Identifier: EUPL-1.2
"""Reporting routes: staff and partners under /meldingen/, the anonymous channel under /melden/."""

from django.urls import URLPattern, URLResolver, path

from weerbaar.signals import views_public

urlpatterns: list[URLPattern | URLResolver] = [
    path("meldingen/nieuw/", views_public.signal_report_view, name="report"),
    path("meldingen/nieuw/verzonden/", views_public.signal_report_done_view, name="report_done"),
    path("meldingen/mijn/", views_public.my_signal_list_view, name="my_list"),
    path("meldingen/mijn/<uuid:uuid>/", views_public.my_signal_detail_view, name="my_detail"),
    path("melden/", views_public.public_report_view, name="public_report"),
    path("melden/ontvangen/", views_public.public_received_view, name="public_received"),
    path("melden/opvolgen/", views_public.public_follow_up_view, name="public_follow_up"),
    path("melden/gemeentegrenzen.geojson", views_public.boundaries_geojson, name="boundaries_geojson"),
]
