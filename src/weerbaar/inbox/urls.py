# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("samenvatting/", views.digest_preference_view, name="digest"),
]
