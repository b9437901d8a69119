# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "weerbaar.geo"
    label = "geo"
