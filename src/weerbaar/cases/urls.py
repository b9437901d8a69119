# SPDX-License-Identifier: EUPL-1.2
from django.urls import URLPattern, URLResolver

app_name = "cases"
urlpatterns: list[URLPattern | URLResolver] = []
