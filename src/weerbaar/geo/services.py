# SPDX-License-Identifier: EUPL-1.2
"""Load the CBS 2025 reference geography from ``geo/data`` (idempotent)."""

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from weerbaar.geo.models import Municipality, PoliceUnit, Province, SafetyRegion

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class GeographyCounts:
    police_units: int
    safety_regions: int
    provinces: int
    municipalities: int


@transaction.atomic
def geography_load(*, data_dir: Path = DATA_DIR) -> GeographyCounts:
    units: dict[str, PoliceUnit] = {}
    regions: dict[str, SafetyRegion] = {}
    with (data_dir / "veiligheidsregios.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            unit = units.get(row["police_unit"])
            if unit is None:
                unit, _ = PoliceUnit.objects.get_or_create(name=row["police_unit"])
                units[unit.name] = unit
            region, _ = SafetyRegion.objects.update_or_create(
                code=row["vr_code"], defaults={"name": row["vr_name"], "police_unit": unit}
            )
            regions[region.code] = region
    provinces: dict[str, Province] = {}
    count = 0
    with (data_dir / "gemeenten_2025.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            province = provinces.get(row["province_code"])
            if province is None:
                province, _ = Province.objects.update_or_create(
                    code=row["province_code"], defaults={"name": row["province_name"]}
                )
                provinces[province.code] = province
            Municipality.objects.update_or_create(
                code=row["gm_code"],
                defaults={
                    "name": row["name"],
                    "province": province,
                    "safety_region": regions[row["vr_code"]],
                    "centroid_lon": Decimal(row["lon"]),
                    "centroid_lat": Decimal(row["lat"]),
                },
            )
            count += 1
    return GeographyCounts(len(units), len(regions), len(provinces), count)
