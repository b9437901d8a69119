# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "weerbaar.knowledge"
    label = "knowledge"
