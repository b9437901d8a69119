# SPDX-License-Identifier: EUPL-1.2
"""Case pages under /casussen/ (area B). Every case route answers 404 outside need-to-know."""

from django.urls import URLPattern, URLResolver, path

from weerbaar.cases import views
from weerbaar.cases.views.retention import case_destroy_view

app_name = "cases"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.case_list_view, name="list"),
    path("nieuw/", views.case_create_view, name="create"),
    path("programma/", views.programme_view, name="programme"),
    path("overleggen/", views.meeting_list_view, name="meetings"),
    path("overleggen/nieuw/", views.meeting_create_view, name="meeting_create"),
    path("overleggen/<uuid:uuid>/", views.meeting_detail_view, name="meeting"),
    path("overleggen/<uuid:uuid>/besluit/", views.meeting_decision_view, name="meeting_decision"),
    path("overleggen/<uuid:uuid>/actiepunten/", views.meeting_action_add_view, name="meeting_action_add"),
    path("<uuid:uuid>/", views.case_detail_view, name="detail"),
    path("<uuid:uuid>/toegang-aanvragen/", views.case_access_request_view, name="access_request"),
    path("<uuid:uuid>/toegang/<uuid:request_uuid>/", views.case_access_decide_view, name="access_decide"),
    path("<uuid:uuid>/status/", views.case_transition_view, name="transition"),
    path("<uuid:uuid>/vernietigen/", case_destroy_view, name="destroy"),
    path("<uuid:uuid>/afweging/", views.case_assessment_view, name="assessment"),
    path("<uuid:uuid>/deelnemers/", views.case_member_add_view, name="member_add"),
    path("<uuid:uuid>/deelnemers/<uuid:membership_uuid>/beeindigen/", views.case_member_end_view, name="member_end"),
    path("<uuid:uuid>/gegevens/", views.case_item_add_view, name="item_add"),
    path("<uuid:uuid>/betrokkenen/", views.case_subject_add_view, name="subject_add"),
    path("<uuid:uuid>/gegevens/<uuid:item_uuid>/toestemming/", views.case_consent_view, name="consent"),
    path("<uuid:uuid>/interventies/", views.case_intervention_add_view, name="intervention_add"),
    path(
        "<uuid:uuid>/interventies/<uuid:intervention_uuid>/stappen/<slug:code>/",
        views.case_step_done_view,
        name="step_done",
    ),
    path("<uuid:uuid>/interventies/<uuid:intervention_uuid>/resultaat/", views.case_result_view, name="result"),
    path("<uuid:uuid>/afsluiten/", views.case_close_view, name="close"),
    path("<uuid:uuid>/actiepunten/<uuid:action_uuid>/gereed/", views.case_action_done_view, name="action_done"),
    path("<uuid:uuid>/verantwoording.pdf", views.case_report_view, name="report"),
]
