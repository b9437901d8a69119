# SPDX-License-Identifier: EUPL-1.2
"""The situational picture under /inzichten/."""

from django.urls import path

from weerbaar.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("<slug:slug>.csv", views.figure_csv_view, name="csv"),
]
