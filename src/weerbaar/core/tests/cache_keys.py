# SPDX-License-Identifier: EUPL-1.2
"""What the shared cache holds, for tests that prove its keys identify nobody (tests run with db://)."""

from django.conf import settings
from django.db import connection


def stored_cache_keys() -> list[str]:
    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")  # noqa: S608 - the table name from settings, quoted
        return [row[0] for row in cursor.fetchall()]
