# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language

from weerbaar.core import views as core_views
from weerbaar.core.policy import public

urlpatterns = [
    path("", include("weerbaar.core.urls")),
    path("", include("weerbaar.accounts.urls")),
    path("organisaties/", include("weerbaar.organisations.urls")),
    path("audit/", include("weerbaar.audit.urls")),
    path("", include("weerbaar.signals.urls")),
    path("incidenten/", include("weerbaar.threats.urls")),
    path("casussen/", include("weerbaar.cases.urls")),
    path("correlatie/", include("weerbaar.correlation.urls")),
    path("gebiedssamenwerkingen/", include("weerbaar.partnerships.urls")),
    path("", include("weerbaar.support.urls")),
    path("", include("weerbaar.surveys.urls")),
    path("gebiedssamenwerkingen/", include("weerbaar.certification.urls")),
    path("kennis/", include("weerbaar.knowledge.urls")),
    path("integriteit/", include("weerbaar.integrity.urls")),
    path("trainingen/", include("weerbaar.training.urls")),
    path("weerbaarheid/", include("weerbaar.resilience.urls")),
    path("acties/", include("weerbaar.actions.urls")),
    path("inzichten/", include("weerbaar.insights.urls")),
    path("mijn-werk/", include("weerbaar.inbox.urls")),
    path("api/v1/", include("weerbaar.api.urls")),
    path("api/v1/", include("weerbaar.partnerships.api.urls")),
    path("api/v1/", include("weerbaar.surveys.api.urls")),
    path("api/v1/", include("weerbaar.certification.api.urls")),
    path("api/v1/", include("weerbaar.knowledge.api.urls")),
    path("api/v1/", include("weerbaar.training.api.urls")),
    path("api/v1/", include("weerbaar.resilience.api.urls")),
    path("api/v1/", include("weerbaar.insights.api.urls")),
    path("api/v1/", include("weerbaar.actions.api.urls")),
    path("i18n/taal/", public(set_language), name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
]

if settings.OIDC_ENABLED:
    from mozilla_django_oidc import views as oidc_views

    urlpatterns += [
        path(
            "oidc/authenticate/",
            public(oidc_views.OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init",
        ),
        path(
            "oidc/callback/",
            public(oidc_views.OIDCAuthenticationCallbackView.as_view()),
            name="oidc_authentication_callback",
        ),
    ]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
