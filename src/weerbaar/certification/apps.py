# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "weerbaar.certification"
    label = "certification"

    def ready(self) -> None:
        from weerbaar.certification import inbox, navigation  # noqa: F401 - registrations
