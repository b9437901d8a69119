# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.core import retention_views, views

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("bewaartermijnen/", retention_views.retention_overview_view, name="retention"),
]
