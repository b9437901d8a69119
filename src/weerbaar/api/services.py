# SPDX-License-Identifier: EUPL-1.2
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.api.models import ApiToken, token_digest
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record

TOKEN_PREFIX = "wbr_"  # noqa: S105 - a public prefix that makes leaked tokens recognisable


@transaction.atomic
def api_token_issue(*, user: User, name: str = "cli", days_valid: int | None = 365) -> tuple[ApiToken, str]:
    """Issue a bearer token for ``user``, acting for their current organisation. Returns it once."""
    actor = actor_for(user=user)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        organisation=actor.organisation,
        name=name,
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(raw),
        expires_at=timezone.now() + timedelta(days=days_valid) if days_valid else None,
    )
    token.full_clean()
    token.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.TOKEN_ISSUED, obj=user, details={"token": str(token.uuid)})
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
