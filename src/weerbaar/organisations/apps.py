# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "weerbaar.organisations"
    label = "organisations"
