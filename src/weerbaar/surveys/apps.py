# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "weerbaar.surveys"
    label = "surveys"
