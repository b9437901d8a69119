# SPDX-License-Identifier: EUPL-1.2
import pytest

from weerbaar.geo.models import Municipality, PoliceUnit, Province, SafetyRegion
from weerbaar.geo.services import geography_load

pytestmark = pytest.mark.django_db


def test_loads_cbs_2025_reference_data_idempotently() -> None:
    first = geography_load()
    second = geography_load()
    assert first == second
    assert (first.municipalities, first.provinces, first.safety_regions, first.police_units) == (342, 12, 25, 10)
    assert Municipality.objects.count() == 342 and Province.objects.count() == 12
    assert SafetyRegion.objects.count() == 25 and PoliceUnit.objects.count() == 10
    tilburg = Municipality.objects.get(code="GM0855")
    assert tilburg.name == "Tilburg"
    assert tilburg.police_unit.name == "Zeeland-West-Brabant"
    assert Municipality.objects.get(code="GM1992").safety_region.code == "VR17"  # Voorne aan Zee
