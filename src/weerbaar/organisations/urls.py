# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list_view, name="list"),
    path("nieuw/", views.organisation_create_view, name="create"),
    path("<uuid:uuid>/", views.organisation_detail_view, name="detail"),
    path("<uuid:uuid>/wijzigen/", views.organisation_update_view, name="update"),
]
