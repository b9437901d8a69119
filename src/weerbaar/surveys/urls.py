# SPDX-License-Identifier: EUPL-1.2
"""Survey pages under a partnership (/gebiedssamenwerkingen/<uuid>/enquetes/), a survey's own pages
(/enquetes/<uuid>/), an organisation's staff surveys (/personeelsenquetes/) and the public response page
(/enquete/<token>/)."""

from django.urls import path

from weerbaar.surveys.views import manage, respond, staff

app_name = "surveys"
urlpatterns = [
    path("gebiedssamenwerkingen/<uuid:uuid>/enquetes/", manage.survey_list_view, name="list"),
    path("gebiedssamenwerkingen/<uuid:uuid>/enquetes/nieuw/", manage.survey_create_view, name="create"),
    path("enquetes/<uuid:uuid>/", manage.survey_detail_view, name="detail"),
    path("enquetes/<uuid:uuid>/status/<slug:to_status>/", manage.survey_transition_view, name="transition"),
    path("enquetes/<uuid:uuid>/vragen/nieuw/", manage.question_add_view, name="question_add"),
    path("enquetes/<uuid:uuid>/vragen/<uuid:question_uuid>/", manage.question_edit_view, name="question_edit"),
    path(
        "enquetes/<uuid:uuid>/vragen/<uuid:question_uuid>/verwijderen/",
        manage.question_delete_view,
        name="question_delete",
    ),
    path("enquetes/<uuid:uuid>/links/", manage.links_view, name="links"),
    path("enquetes/<uuid:uuid>/resultaten/", manage.survey_results_view, name="results"),
    path("personeelsenquetes/", staff.staff_list_view, name="staff_list"),
    path("personeelsenquetes/nieuw/", staff.staff_create_view, name="staff_create"),
    path("personeelsenquetes/<uuid:uuid>/", staff.staff_detail_view, name="staff_detail"),
    path(
        "personeelsenquetes/<uuid:uuid>/status/<slug:to_status>/",
        staff.staff_transition_view,
        name="staff_transition",
    ),
    path("personeelsenquetes/<uuid:uuid>/links/", staff.staff_links_view, name="staff_links"),
    path("personeelsenquetes/<uuid:uuid>/resultaten/", staff.staff_results_view, name="staff_results"),
    path("enquete/bedankt/", respond.thanks_view, name="thanks"),
    path("enquete/<str:token>/", respond.respond_view, name="respond"),
]
