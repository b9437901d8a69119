# SPDX-License-Identifier: EUPL-1.2
from django.tasks import task

from weerbaar.notifications import services


@task()
def send_outbox_message(*, message_uuid: str) -> str:
    return services.outbox_send(message_uuid=message_uuid).status


@task()
def retry_pending_outbox() -> int:
    """Re-send messages left pending (e.g. after an SMTP outage). Run periodically by the scheduler."""
    uuids = services.outbox_pending_uuids()
    for message_uuid in uuids:
        services.outbox_send(message_uuid=message_uuid)
    return len(uuids)
