# SPDX-License-Identifier: EUPL-1.2
"""File stored persons under the name keys (``keys.person_name_keys``) they were stored without.

Used by migrations 0003 and 0004 (with the historical models) and by ``manage.py correlation_name_keys`` (to finish
or repeat it). Idempotent and restartable: persons are read in batches by ascending id, each batch inserts
only the (key, subject) rows that are missing and commits on its own, so an interrupted run resumes where
it stopped and a second run inserts nothing. Registrations may go on meanwhile: a new subject is filed under
these keys by the resolver itself, and a batch that reads it as well inserts nothing for it.

At a million persons it adds up to six rows per person (about 3.5 M rows for the first four keys); the batches keep each
transaction and each statement small (``BATCH`` persons, their ids as one range).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from linkage import keys

BATCH = 5000


def name_key_rows(row: dict[str, Any]) -> list[int]:
    """The name-key hashes a person row (its comparison columns) is filed under."""
    return [keys.key_hash(k) for k in dict.fromkeys(keys.person_name_keys(keys.Form.of(row)))]


def person_name_keys_backfill(
    *,
    subject_model: Any,
    key_model: Any,
    batch: int = BATCH,
    after: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Insert the missing name-key rows of every person subject with an id above ``after``; returns how many
    rows were inserted. ``progress(last_id, inserted)`` is called after each batch."""
    inserted = 0
    last = after
    while True:
        rows = list(
            subject_model.objects.filter(kind=keys.PERSON, pk__gt=last)
            .order_by("pk")
            .values("id", *keys.FORM_FIELDS)[:batch]
        )
        if not rows:
            return inserted
        wanted = {(h, row["id"]) for row in rows for h in name_key_rows(row)}
        low, high = rows[0]["id"], rows[-1]["id"]
        with transaction.atomic():
            present = set(
                key_model.objects.filter(
                    subject_id__gte=low, subject_id__lte=high, key__in={h for h, _s in wanted}
                ).values_list("key", "subject_id")
            )
            missing = [key_model(key=h, subject_id=s) for h, s in wanted - present]
            key_model.objects.bulk_create(missing, batch_size=batch)
        inserted += len(missing)
        last = high
        if progress is not None:
            progress(last, inserted)


def migration_forwards(apps: Any, schema_editor: Any) -> None:
    """The step of the data migrations that file persons under name keys (0003, 0004): the backfill with the
    historical models. Each migration runs it once; a later one adds only the keys added since."""
    person_name_keys_backfill(
        subject_model=apps.get_model("correlation", "Subject"),
        key_model=apps.get_model("correlation", "SubjectKey"),
    )
