# SPDX-License-Identifier: EUPL-1.2
"""Django's database cache with an atomic ``incr`` (the counters of :mod:`weerbaar.core.ratelimit`).

The base class increments by reading, adding and writing back with the default timeout: two processes
counting at once could lose a count, and every count would move the key's expiry. Here the row is locked
while it is incremented and its expiry is left alone, as Redis does.

``hit`` counts one attempt in one short transaction (create-if-absent, lock, increment) instead of the
two of ``add`` and ``incr`` (``add`` also counts the whole table each time, to decide on culling). On
PostgreSQL that transaction commits without waiting for the disk (``synchronous_commit`` off, for the
counter's own transaction only): a crash of the database server can lose the last fraction of a second of
counts, which a limit counted over minutes can spare; the request's own writes are never affected.
"""

import base64
import itertools
import pickle
from datetime import timedelta
from typing import Any

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, models, router, transaction
from django.utils import timezone

#: Counts of ``hit`` in this process; every ``_SWEEP_EVERY``-th also deletes expired rows.
_hits = itertools.count(1)
_SWEEP_EVERY = 1000


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        cache_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)  # type: ignore[attr-defined]  # set by BaseDatabaseCache.__init__, not in the stubs
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')}, {quote('expires')} FROM {table} WHERE {quote('cache_key')} = %s{lock}",  # noqa: S608 - identifiers quoted, value bound
                [cache_key],
            )
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))  # noqa: S301 - our own rows
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s",  # noqa: S608 - as above
                [encoded, cache_key],
            )
        return value

    def hit(self, key: Any, timeout: int, version: int | None = None) -> int:
        """Count one at ``key``; a missing or expired counter starts at 1 and lives ``timeout`` seconds."""
        cache_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)  # type: ignore[attr-defined]  # set by BaseDatabaseCache.__init__, not in the stubs
        k, v, e = quote("cache_key"), quote("value"), quote("expires")
        now = timezone.now()
        expires = connection.ops.adapt_datetimefield_value((now + timedelta(seconds=timeout)).replace(microsecond=0))
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        own_transaction = not connection.in_atomic_block
        # Identifiers quoted, values bound, in every statement below.
        with transaction.atomic(using=db), connection.cursor() as cursor:
            if own_transaction and connection.vendor == "postgresql":
                cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute(
                f"INSERT INTO {table} ({k}, {v}, {e}) VALUES (%s, %s, %s) ON CONFLICT ({k}) DO NOTHING",  # noqa: S608
                [cache_key, self._encode(0), expires],
            )
            cursor.execute(f"SELECT {v}, {e} FROM {table} WHERE {k} = %s{lock}", [cache_key])  # noqa: S608
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                value = 1
                cursor.execute(
                    f"UPDATE {table} SET {v} = %s, {e} = %s WHERE {k} = %s",  # noqa: S608
                    [self._encode(value), expires, cache_key],
                )
            else:
                value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + 1  # noqa: S301 - our own rows
                cursor.execute(f"UPDATE {table} SET {v} = %s WHERE {k} = %s", [self._encode(value), cache_key])  # noqa: S608
            if next(_hits) % _SWEEP_EVERY == 0:  # expired counters are not read again: sweep now and then
                swept_before = connection.ops.adapt_datetimefield_value(now)
                cursor.execute(f"DELETE FROM {table} WHERE {e} < %s", [swept_before])  # noqa: S608
        return int(value)

    def _encode(self, value: Any) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    @staticmethod
    def _expired(connection: Any, expires: Any) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return bool(expires < timezone.now())
