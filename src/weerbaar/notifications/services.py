# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from weerbaar.notifications.models import OutboxMessage, OutboxStatus

MAX_ATTEMPTS = 5


@transaction.atomic
def outbox_enqueue(*, recipient: str, subject: str, body: str) -> OutboxMessage:
    """Store a mail in the outbox; the worker sends it once the transaction has committed.

    Mail bodies are notifications only ("there is something for you in Weerbaar"), never case content.
    """
    from weerbaar.notifications.tasks import send_outbox_message

    message = OutboxMessage(recipient=recipient, subject=subject, body=body)
    message.full_clean()
    message.save(force_insert=True)
    transaction.on_commit(lambda: send_outbox_message.enqueue(message_uuid=str(message.uuid)))
    return message


@transaction.atomic
def outbox_send(*, message_uuid: str) -> OutboxMessage:
    message = OutboxMessage.objects.select_for_update().get(uuid=message_uuid)
    if message.status != OutboxStatus.PENDING:
        return message
    message.attempts += 1
    try:
        send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient])
    except OSError as exc:  # SMTP and socket errors; the message stays pending for a retry
        message.last_error = type(exc).__name__
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxStatus.FAILED
        message.save(update_fields=["attempts", "last_error", "status"])
        return message
    message.status = OutboxStatus.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return message


def outbox_pending_uuids() -> list[str]:
    return [str(u) for u in OutboxMessage.objects.filter(status=OutboxStatus.PENDING).values_list("uuid", flat=True)]
