# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "weerbaar.integrity"
    label = "integrity"
