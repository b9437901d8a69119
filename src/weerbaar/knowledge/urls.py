# SPDX-License-Identifier: EUPL-1.2
"""The knowledge base under /kennis/: barrier models and practice cases."""

from django.urls import path

from weerbaar.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("barrieremodellen/", views.model_list_view, name="models"),
    path("barrieremodellen/nieuw/", views.model_create_view, name="model_create"),
    path("barrieremodellen/<uuid:uuid>/", views.model_view, name="model"),
    path("barrieremodellen/<uuid:uuid>/bewerken/", views.model_edit_view, name="model_edit"),
    path("barrieremodellen/<uuid:uuid>/stappen/nieuw/", views.step_edit_view, name="step_add"),
    path("barrieremodellen/<uuid:uuid>/stappen/<int:position>/", views.step_edit_view, name="step_edit"),
    path(
        "barrieremodellen/<uuid:uuid>/stappen/<int:position>/verwijderen/",
        views.step_remove_view,
        name="step_remove",
    ),
    path("barrieremodellen/<uuid:uuid>/delen/", views.model_share_view, name="model_share"),
    path("barrieremodellen/<uuid:uuid>/pdf/", views.model_pdf_view, name="model_pdf"),
    path("praktijkcasussen/", views.case_list_view, name="cases"),
    path("praktijkcasussen/nieuw/", views.case_create_view, name="case_create"),
    path("praktijkcasussen/<uuid:uuid>/", views.case_view, name="case"),
    path("praktijkcasussen/<uuid:uuid>/bewerken/", views.case_edit_view, name="case_edit"),
    path("praktijkcasussen/<uuid:uuid>/delen/", views.case_share_view, name="case_share"),
]
