# SPDX-License-Identifier: EUPL-1.2
"""OIDC single sign-on (off by default; ``OIDC_ENABLED=true`` and the ``OIDC_*`` variables switch it on).

The identity provider replaces the password step only. Accounts are never created from a token: the
e-mail claim must match an active account that a functional administrator made, roles still come from
Weerbaar, and the Weerbaar second factor is still asked.
"""

from typing import Any

from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from weerbaar.accounts.models import User


class WeerbaarOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email = claims.get("email")
        if not email:
            return User.objects.none()
        return User.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims: dict[str, Any]) -> None:
        return None
