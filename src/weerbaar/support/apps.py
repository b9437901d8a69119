# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "weerbaar.support"
    label = "support"
