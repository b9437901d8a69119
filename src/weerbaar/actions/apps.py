# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "weerbaar.actions"
    label = "actions"
