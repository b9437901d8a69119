# SPDX-License-Identifier: EUPL-1.2
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse

from weerbaar.accounts.constants import Role
from weerbaar.accounts.oidc import WeerbaarOIDCBackend

pytestmark = pytest.mark.django_db


def test_oidc_routes_absent_when_disabled() -> None:
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")


def test_oidc_backend_matches_existing_accounts_only(make_org: Any, make_user: Any) -> None:
    user = make_user(organisation=make_org(), role=Role.MEDEWERKER, username="sso.user")
    backend = WeerbaarOIDCBackend.__new__(WeerbaarOIDCBackend)  # no provider configured in tests
    assert list(backend.filter_users_by_claims({"email": user.email.upper()})) == [user]
    assert not backend.filter_users_by_claims({"email": "onbekend@example.invalid"}).exists()
    assert backend.create_user({"email": "nieuw@example.invalid"}) is None
    assert not backend.verify_claims({"email": user.email, "email_verified": False})
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not backend.filter_users_by_claims({"email": user.email}).exists()
