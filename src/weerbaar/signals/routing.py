# SPDX-License-Identifier: EUPL-1.2
"""Where a signal belongs: the municipality where it happened, and that municipality's intake team."""

from decimal import Decimal

from weerbaar.geo.models import Municipality
from weerbaar.geo.spatial import municipality_code_at
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation


def municipality_for(
    *, latitude: Decimal | None, longitude: Decimal | None, chosen: Municipality | None
) -> Municipality | None:
    """The point decides when given (point-in-polygon); otherwise the municipality the reporter chose."""
    if latitude is not None and longitude is not None:
        code = municipality_code_at(lat=float(latitude), lon=float(longitude))
        if code is not None:
            return Municipality.objects.filter(code=code).first()
    return chosen


def intake_organisation_for(municipality: Municipality | None) -> Organisation | None:
    """The municipality's own organisation on Weerbaar; else the RIEC of its region; else nobody yet."""
    if municipality is None:
        return None
    own = Organisation.objects.filter(type=OrganisationType.GEMEENTE, municipality=municipality, is_active=True).first()
    if own is not None:
        return own
    return Organisation.objects.filter(
        type=OrganisationType.RIEC, police_unit=municipality.safety_region.police_unit, is_active=True
    ).first()
