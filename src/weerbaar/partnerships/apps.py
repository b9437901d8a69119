# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "weerbaar.partnerships"
    label = "partnerships"
