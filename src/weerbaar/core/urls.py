# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.core import views

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]
