# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.audit import views

app_name = "audit"
urlpatterns = [path("", views.audit_list_view, name="list")]
