# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "weerbaar.notifications"
    label = "notifications"

    def ready(self) -> None:
        from weerbaar.core.retention import retention_mail_sender_set
        from weerbaar.notifications.services import outbox_enqueue

        def send(recipient: str, subject: str, body: str) -> None:
            outbox_enqueue(recipient=recipient, subject=subject, body=body)

        retention_mail_sender_set(send)
