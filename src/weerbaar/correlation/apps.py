# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class CorrelationConfig(AppConfig):
    name = "weerbaar.correlation"
    label = "correlation"
