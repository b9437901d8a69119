# SPDX-License-Identifier: EUPL-1.2
"""API routes of the area survey under /api/v1, in their own namespace (``surveys_api``)."""

from django.urls import URLPattern, path

from weerbaar.surveys.api import views

app_name = "surveys_api"
urlpatterns: list[URLPattern] = [
    path(
        "gebiedssamenwerkingen/<uuid:uuid>/enquetes",
        views.PartnershipSurveyListView.as_view(),
        name="gebiedssamenwerking-enquetes",
    ),
    path("enquetes/<uuid:uuid>/resultaten", views.SurveyResultsView.as_view(), name="enquete-resultaten"),
    path("personeelsenquetes", views.StaffSurveyListView.as_view(), name="personeelsenquetes"),
    path(
        "personeelsenquetes/<uuid:uuid>/resultaten",
        views.StaffSurveyResultsView.as_view(),
        name="personeelsenquete-resultaten",
    ),
]
