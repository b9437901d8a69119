# SPDX-License-Identifier: EUPL-1.2
from django.urls import URLPattern, URLResolver

app_name = "threats"
urlpatterns: list[URLPattern | URLResolver] = []
