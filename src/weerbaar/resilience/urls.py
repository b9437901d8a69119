# SPDX-License-Identifier: EUPL-1.2
"""The resilience scan's pages under /weerbaarheid/."""

from django.urls import path

from weerbaar.resilience.views import coordinator, council, respondent

app_name = "resilience"
urlpatterns = [
    path("scans/", coordinator.scan_list_view, name="list"),
    path("scans/nieuw/", coordinator.scan_open_view, name="open"),
    path("scans/<uuid:uuid>/", coordinator.scan_detail_view, name="detail"),
    path("scans/<uuid:uuid>/respondenten/", coordinator.assign_view, name="assign"),
    path("scans/<uuid:uuid>/blootstelling/", coordinator.exposure_view, name="exposure"),
    path("scans/<uuid:uuid>/afsluiten/", coordinator.scan_close_view, name="close"),
    path("scans/<uuid:uuid>/vergelijking/", coordinator.benchmark_view, name="benchmark"),
    path("scans/<uuid:uuid>/acties/nieuw/", coordinator.action_create_view, name="action_create"),
    path("mijn-scanwerk/", respondent.mine_view, name="mine"),
    path("beantwoorden/<uuid:uuid>/", respondent.answer_view, name="answer"),
    path("acties/<uuid:uuid>/", respondent.action_view, name="action"),
    path("acties/<uuid:uuid>/status/", respondent.action_status_view, name="action_status"),
    path("raad/", council.council_view, name="council"),
]
