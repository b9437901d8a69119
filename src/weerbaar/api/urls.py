# SPDX-License-Identifier: EUPL-1.2
from django.urls import include, path
from rest_framework.routers import SimpleRouter

from weerbaar.api import views

router = SimpleRouter(trailing_slash=False)
router.register("organisaties", views.OrganisationViewSet, basename="organisaties")
router.register("gemeenten", views.MunicipalityViewSet, basename="gemeenten")

app_name = "api"
urlpatterns = [
    path("openapi.json", views.OpenApiView.as_view(), name="openapi"),
    path("gebruikersprofiel", views.UserProfileView.as_view(), name="gebruikersprofiel"),
    path("", include(router.urls)),
    path("", include("weerbaar.signals.api.urls")),
    path("", include("weerbaar.threats.api.urls")),
    path("", include("weerbaar.cases.api.urls")),
    path("", include("weerbaar.correlation.api.urls")),
]
