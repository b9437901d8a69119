# SPDX-License-Identifier: EUPL-1.2
"""Survey pages under a partnership (/gebiedssamenwerkingen/<uuid>/enquetes/), a survey's own pages
(/enquetes/<uuid>/) and the public response page (/enquete/<token>/)."""

from django.urls import path

from weerbaar.surveys.views import manage, respond

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
    path("enquete/bedankt/", respond.thanks_view, name="thanks"),
    path("enquete/<str:token>/", respond.respond_view, name="respond"),
]
