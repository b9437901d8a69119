# SPDX-License-Identifier: EUPL-1.2
from typing import Any

import pytest
from django.core import mail

from weerbaar.notifications.models import OutboxMessage, OutboxStatus
from weerbaar.notifications.services import outbox_enqueue, outbox_send
from weerbaar.notifications.tasks import retry_pending_outbox

pytestmark = pytest.mark.django_db


def test_mail_is_sent_after_commit_by_the_task(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = outbox_enqueue(recipient="a@example.invalid", subject="Onderwerp", body="Er staat iets voor u klaar.")
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert [m.to for m in mail.outbox] == [["a@example.invalid"]]


def test_failed_send_stays_pending_and_is_retried(settings: Any) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},
        }
    }
    message = OutboxMessage.objects.create(recipient="b@example.invalid", subject="S", body="B")
    outbox_send(message_uuid=str(message.uuid))
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.attempts == 1 and message.last_error
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert retry_pending_outbox.call() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
