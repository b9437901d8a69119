# SPDX-License-Identifier: EUPL-1.2
"""API routes of the knowledge base under /api/v1, in their own namespace (``knowledge_api``)."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from weerbaar.knowledge.api import views

router = SimpleRouter(trailing_slash=False)
router.register("barrieremodellen", views.BarrierModelViewSet, basename="barrieremodellen")
router.register("praktijkcasussen", views.PracticeCaseViewSet, basename="praktijkcasussen")

app_name = "knowledge_api"
urlpatterns: list[URLPattern | URLResolver] = [path("", include(router.urls))]
