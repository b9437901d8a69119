# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "weerbaar.notifications"
    label = "notifications"
