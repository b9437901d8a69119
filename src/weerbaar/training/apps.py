# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "weerbaar.training"
    label = "training"
