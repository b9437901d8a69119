# SPDX-License-Identifier: EUPL-1.2
"""Awareness training under /trainingen/."""

from django.urls import path

from weerbaar.training.views import figures, manage, take

app_name = "training"
urlpatterns = [
    path("", take.mine_view, name="mine"),
    path("modules/<uuid:uuid>/", take.module_view, name="module"),
    path("modules/<uuid:uuid>/afbeeldingen/<int:position>/", take.page_image_view, name="image"),
    path("resultaten/<uuid:uuid>/", take.attempt_view, name="attempt"),
    path("resultaten/<uuid:uuid>/certificaat/", take.certificate_view, name="certificate"),
    path("voortgang/", figures.completion_view, name="completion"),
    path("voortgang/afdeling/", figures.department_view, name="department"),
    path("voortgang/organisatie/", figures.overview_view, name="overview"),
    path("beheer/", manage.manage_view, name="manage"),
    path("beheer/nieuw/", manage.module_create_view, name="create"),
    path("beheer/<uuid:uuid>/", manage.module_edit_view, name="edit"),
    path("beheer/<uuid:uuid>/publiceren/", manage.module_publish_view, name="publish"),
]
