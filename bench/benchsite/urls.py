# SPDX-License-Identifier: EUPL-1.2
"""Weerbaar's URLs plus the two minimal views the stack is measured against."""

from django.urls import path

from benchsite import views
from config.urls import urlpatterns as weerbaar_urlpatterns

urlpatterns = [
    path("_bench/rijen", views.row_insert, name="bench-insert"),
    path("_bench/rijen/<int:pk>", views.row_read, name="bench-read"),
    *weerbaar_urlpatterns,
]
