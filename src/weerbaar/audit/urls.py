# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_list_view, name="list"),
    path("export.csv", views.audit_export_view, name="export"),
    path("ketencontrole/", views.audit_verify_view, name="verify"),
]
