# SPDX-License-Identifier: EUPL-1.2
"""Shared pieces of the partnership services: the policy check, the acting user, rounding of places."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from weerbaar.accounts.models import User
from weerbaar.core.policy import Actor, can
from weerbaar.partnerships.constants import COORDINATE_DECIMALS


def require(actor: Actor, code: str, obj: Any = None) -> None:
    """Refuse with ``PermissionDenied`` unless the policy allows ``code`` (on ``obj``); views answer 404."""
    if not can(actor, code, obj):
        raise PermissionDenied


def acting_user(actor: Actor) -> User:
    if actor.user is None:
        raise ValidationError(_("Log in first."))
    return actor.user


def approximate(value: Decimal | float | None) -> Decimal | None:
    """A coordinate kept at about 100 m (docs/partnerships.md): an area, not a front door."""
    if value is None:
        return None
    step = Decimal(1).scaleb(-COORDINATE_DECIMALS)
    return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def point_pair(latitude: Any, longitude: Any) -> tuple[Decimal | None, Decimal | None]:
    """Both coordinates or neither (a readable error for half a point)."""
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": _("Give both latitude and longitude, or neither.")})
    return approximate(latitude), approximate(longitude)
