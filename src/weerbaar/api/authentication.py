# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from weerbaar.accounts.selectors import actor_for
from weerbaar.api.models import ApiToken, token_digest
from weerbaar.core.policy import is_verified


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``; the actor acts for the organisation the token was issued for."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _sep, raw = header.partition(" ")
        if keyword != self.keyword:
            return None
        raw = raw.strip()
        if not raw or " " in raw:
            raise exceptions.AuthenticationFailed(_("Malformed bearer token."))
        token = (
            ApiToken.objects.select_related("user", "organisation")
            .filter(digest=token_digest(raw), revoked_at__isnull=True)
            .first()
        )
        now = timezone.now()
        if token is None or not token.user.is_active or (token.expires_at and token.expires_at < now):
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        request._request.actor = actor_for(  # type: ignore[attr-defined]  # noqa: SLF001 - DRF wraps the Django request
            user=token.user,
            organisation_uuid=token.organisation.uuid if token.organisation else None,
            via_token=True,
        )
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """Browser sessions count only after the second factor (CSRF enforced as usual)."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user, _auth = result
        if not is_verified(user):
            return None
        return result
