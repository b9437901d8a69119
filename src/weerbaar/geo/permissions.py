# SPDX-License-Identifier: EUPL-1.2
"""Municipalities and their boundaries are public reference data for everyone logged in."""

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import any_object, register

declare(
    Perm.GEO_VIEW,
    area=Area.PLATFORM,
    private_allowed=True,
    screening_required=False,
    description="Read municipalities and their boundaries.",
)

register(Perm.GEO_VIEW)(any_object)
