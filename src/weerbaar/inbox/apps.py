# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class InboxConfig(AppConfig):
    name = "weerbaar.inbox"
    label = "inbox"

    def ready(self) -> None:
        # The domain apps register their sections in their inbox.py; this app imports none of them.
        autodiscover_modules("inbox")
