# SPDX-License-Identifier: EUPL-1.2
"""Where a signal belongs: the municipality where it happened, and that municipality's intake team."""

from decimal import Decimal

from django.db.models import QuerySet

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


def _own_organisations() -> QuerySet[Organisation]:
    """Municipalities' own organisations on Weerbaar, which take in their signals themselves."""
    return Organisation.objects.filter(type=OrganisationType.GEMEENTE, is_active=True)


def intake_route_for(
    *, latitude: Decimal | None, longitude: Decimal | None, chosen: Municipality | None
) -> tuple[Municipality | None, Organisation | None]:
    """``municipality_for`` and then ``intake_organisation_for`` it, in one query when the point lies in a
    municipality with its own organisation on Weerbaar (the usual case)."""
    if latitude is not None and longitude is not None:
        code = municipality_code_at(lat=float(latitude), lon=float(longitude))
        if code is not None:
            own = _own_organisations().filter(municipality__code=code).select_related("municipality").first()
            if own is not None:
                return own.municipality, own
    municipality = municipality_for(latitude=latitude, longitude=longitude, chosen=chosen)
    return municipality, intake_organisation_for(municipality)


def intake_organisation_for(municipality: Municipality | None) -> Organisation | None:
    """The municipality's own organisation on Weerbaar; else the RIEC of its region; else nobody yet."""
    if municipality is None:
        return None
    own = _own_organisations().filter(municipality=municipality).first()
    if own is not None:
        return own
    return Organisation.objects.filter(
        type=OrganisationType.RIEC, police_unit=municipality.safety_region.police_unit, is_active=True
    ).first()
