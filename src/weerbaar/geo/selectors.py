# SPDX-License-Identifier: EUPL-1.2
"""Reference geography is public, non-personal data: readable by every logged-in actor."""

from django.db.models import QuerySet

from weerbaar.geo.models import Municipality


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("province", "safety_region__police_unit").order_by("name")
