# SPDX-License-Identifier: EUPL-1.2
"""Events as the page and the export show them: objects and people by number or name, details as text."""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.describers import Description, audit_objects_describe, audit_type_label, destroyed
from weerbaar.audit.models import AuditEvent
from weerbaar.core.policy import Actor

USER_TYPE = "accounts.user"
ORGANISATION_TYPE = "organisations.organisation"


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    who: Description | None
    object: Description | None
    details: list[tuple[str, str]]
    #: The name of the object's type, for an event about a whole type (a search or an export).
    type_label: str


def _plain(value: Any) -> str:
    if value is None or value in ("", [], {}):
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_plain(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def details_readable(details: Any) -> list[tuple[str, str]]:
    """The details as (key, value) lines, in the order they were written."""
    if not isinstance(details, dict):
        return [("", _plain(details))] if details else []
    return [(str(key), _plain(value)) for key, value in details.items()]


def event_rows(*, actor: Actor, events: Iterable[AuditEvent]) -> list[EventRow]:
    """The rows of one page: every object and person described in one batch per type."""
    events = list(events)
    refs = [(event.object_type, event.object_uuid) for event in events]
    refs += [(USER_TYPE, event.actor_uuid) for event in events]
    described = audit_objects_describe(actor=actor, refs=refs)
    gone = destroyed()
    # A removed account still has the name the trail stored; "(destroyed)" would hide who acted.
    described = {ref: d for ref, d in described.items() if not (ref[0] == USER_TYPE and d == gone)}
    return [
        EventRow(
            event=event,
            who=described.get((USER_TYPE, event.actor_uuid)) if event.actor_uuid else None,
            object=described.get((event.object_type, event.object_uuid)) if event.object_uuid else None,
            details=details_readable(event.details),
            type_label=audit_type_label(event.object_type) if event.object_type else "",
        )
        for event in events
    ]


def _cell(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(*, actor: Actor, events: Iterable[AuditEvent], batch: int = 500) -> Iterator[str]:
    """The export as CSV lines, described a batch at a time so a large trail streams in constant memory."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(
        [
            _("Time"),
            _("Who"),
            _("Organisation"),
            _("Action"),
            _("Object type"),
            _("Object"),
            _("Object UUID"),
            _("Purpose"),
            _("Details"),
            _("Request id"),
            _("Event UUID"),
        ]
    )
    iterator = iter(events)
    while chunk := list(islice(iterator, batch)):
        for row in event_rows(actor=actor, events=chunk):
            event = row.event
            who = row.who.label if row.who is not None else event.actor_display
            yield writer.writerow(
                [
                    _cell(value)
                    for value in (
                        timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
                        who,
                        event.organisation_display,
                        str(event.get_action_display()),
                        event.object_type,
                        row.object.label if row.object is not None else row.type_label,
                        str(event.object_uuid or ""),
                        event.purpose,
                        "; ".join(f"{key}: {value}" if key else value for key, value in row.details),
                        event.request_id,
                        str(event.uuid),
                    )
                ]
            )
