# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.accounts import views, views_auth

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views_auth.login_view, name="login"),
    path("inloggen/code/", views_auth.verify_view, name="verify"),
    path("inloggen/authenticator-instellen/", views_auth.enrol_view, name="enrol"),
    path("inloggen/herstelcodes/", views_auth.backup_codes_view, name="backup_codes"),
    path("wachtwoord-wijzigen/", views_auth.password_change_view, name="password_change"),
    path("uitloggen/", views_auth.logout_view, name="logout"),
    path("overal-uitloggen/", views_auth.logout_everywhere_view, name="logout_everywhere"),
    path("profiel/", views.profile_view, name="profile"),
    path("profiel/organisatie/", views.organisation_switch_view, name="organisation_switch"),
    path("profiel/herstelcodes/", views.backup_codes_regenerate_view, name="backup_codes_regenerate"),
    path("beheer/gebruikers/", views.user_list_view, name="user_list"),
    path("beheer/gebruikers/nieuw/", views.user_create_view, name="user_create"),
    path("beheer/gebruikers/<uuid:uuid>/", views.user_detail_view, name="user_detail"),
    path("beheer/gebruikers/<uuid:uuid>/rollen/", views.role_assign_view, name="role_assign"),
    path(
        "beheer/gebruikers/<uuid:uuid>/rollen/<uuid:assignment_uuid>/intrekken/",
        views.role_revoke_view,
        name="role_revoke",
    ),
    path("beheer/gebruikers/<uuid:uuid>/activeren/", views.user_reactivate_view, name="user_reactivate"),
    path(
        "beheer/gebruikers/<uuid:uuid>/<slug:action>/",
        views.user_action_view,
        name="user_action",
    ),
]
