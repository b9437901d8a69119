# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.partnerships.views import alerts, directory, pages, participants

app_name = "partnerships"
urlpatterns = [
    path("", pages.partnership_list_view, name="list"),
    path("nieuw/", pages.partnership_create_view, name="create"),
    path("<uuid:uuid>/", pages.partnership_detail_view, name="detail"),
    path("<uuid:uuid>/inrichting/", pages.partnership_edit_view, name="edit"),
    path("<uuid:uuid>/vertegenwoordigers/", pages.representative_list_view, name="representatives"),
    path(
        "<uuid:uuid>/vertegenwoordigers/<uuid:representative_uuid>/beeindigen/",
        pages.representative_end_view,
        name="representative_end",
    ),
    path("<uuid:uuid>/deelnemers/nieuw/", participants.participant_add_view, name="participant_add"),
    path("<uuid:uuid>/deelnemers/<uuid:participant_uuid>/", participants.participant_view, name="participant"),
    path(
        "<uuid:uuid>/deelnemers/<uuid:participant_uuid>/vertrek/",
        participants.participant_leave_view,
        name="participant_leave",
    ),
    path(
        "<uuid:uuid>/deelnemers/<uuid:participant_uuid>/vertegenwoordigers/nieuw/",
        participants.representative_add_view,
        name="representative_add",
    ),
    path("<uuid:uuid>/documenten/nieuw/", participants.document_add_view, name="document_add"),
    path("<uuid:uuid>/documenten/<uuid:document_uuid>/", participants.document_download_view, name="document_download"),
    path("<uuid:uuid>/gids/", directory.directory_view, name="directory"),
    path("<uuid:uuid>/gids/kaart.geojson", directory.directory_map_view, name="directory_map"),
    path("<uuid:uuid>/gids/gids.vcf", directory.directory_vcards_view, name="directory_vcards"),
    path("<uuid:uuid>/gids/<uuid:entry_uuid>.vcf", directory.directory_vcard_view, name="directory_vcard"),
    path("<uuid:uuid>/gids/eigen/<uuid:participant_uuid>/", directory.directory_edit_view, name="directory_edit"),
    path("<uuid:uuid>/berichten/", alerts.alert_list_view, name="alerts"),
    path("<uuid:uuid>/berichten/nieuw/", alerts.alert_compose_view, name="alert_compose"),
    path("<uuid:uuid>/berichten/<uuid:alert_uuid>/", alerts.alert_detail_view, name="alert"),
]
