# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "weerbaar.notifications"
    label = "notifications"

    def ready(self) -> None:
        from weerbaar.core.retention import retention_mail_sender_set
        from weerbaar.notifications.services import outbox_enqueue

        retention_mail_sender_set(
            lambda recipient, subject, body: outbox_enqueue(recipient=recipient, subject=subject, body=body)
        )
