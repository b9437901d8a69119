# SPDX-License-Identifier: EUPL-1.2
"""The situational picture under /inzichten/."""

from django.urls import path

from weerbaar.insights import views
from weerbaar.insights.reports import views as reports

app_name = "insights"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("<slug:slug>.csv", views.figure_csv_view, name="csv"),
    path("<slug:slug>.xlsx", views.figure_xlsx_view, name="xlsx"),
    path("rapporten/", reports.report_list_view, name="reports"),
    path("rapporten/nieuw", reports.report_new_view, name="report_new"),
    path("rapporten/<uuid:uuid>/", reports.report_detail_view, name="report_detail"),
    path("rapporten/<uuid:uuid>/voortgang", reports.report_progress_view, name="report_progress"),
    path("rapporten/<uuid:uuid>/opnieuw", reports.report_regenerate_view, name="report_regenerate"),
    path("rapporten/<uuid:uuid>/versies/<int:number>.pdf", reports.report_download_view, name="report_download"),
]
