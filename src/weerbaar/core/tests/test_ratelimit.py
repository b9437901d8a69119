# SPDX-License-Identifier: EUPL-1.2
"""The one rate limiter: atomic counting, keys without personal data, one limit shared by every process.

"Two processes" are two separate cache clients built from the same configuration, as two gunicorn workers
would build them: nothing is shared between them but the store (the database table, or Redis).
"""

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import BaseCache
from django.core.cache.backends.redis import RedisCache
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from config.cache import CACHE_TABLE, parse_cache_url
from weerbaar.core.cache import DatabaseCache
from weerbaar.core.ratelimit import (
    RateLimit,
    ratelimit_count,
    ratelimit_exceeded,
    ratelimit_hit,
    ratelimit_reset,
    ratelimit_retry_after,
)

REDIS_URL = os.environ.get("REDIS_URL", "")
RATE = RateLimit(scope="test.shared", limit=5, window_seconds=600)


def _database_client() -> BaseCache:
    config = parse_cache_url("db://", allow_local=False)
    return DatabaseCache(config["LOCATION"], {"OPTIONS": config["OPTIONS"]})


def _redis_client() -> BaseCache:
    config = parse_cache_url(REDIS_URL, allow_local=False)
    # A prefix of our own: the test never touches other keys of that Redis database.
    return RedisCache(config["LOCATION"], {"KEY_PREFIX": "weerbaar-test-ratelimit"})


@pytest.fixture
def redis_clients() -> Iterator[tuple[BaseCache, BaseCache]]:
    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set (CI sets it; see .env.example)")
    first, second = _redis_client(), _redis_client()
    ratelimit_reset(RATE, "198.51.100.7", cache=first)
    yield first, second
    ratelimit_reset(RATE, "198.51.100.7", cache=first)


def _two_processes_share_one_limit(first: BaseCache, second: BaseCache) -> None:
    ident = "198.51.100.7"
    counts = [ratelimit_hit(RATE, ident, cache=client) for client in (first, second, first, second, first)]
    assert counts == [1, 2, 3, 4, 5]
    assert ratelimit_exceeded(RATE, ident, cache=second)
    assert ratelimit_exceeded(RATE, ident, cache=first)
    assert ratelimit_count(RATE, "198.51.100.8", cache=second) == 0  # another address, its own count
    ratelimit_reset(RATE, ident, cache=second)
    assert ratelimit_count(RATE, ident, cache=first) == 0


@pytest.mark.django_db
def test_two_processes_share_one_limit_in_the_database() -> None:
    _two_processes_share_one_limit(_database_client(), _database_client())


def test_two_processes_share_one_limit_in_redis(redis_clients: tuple[BaseCache, BaseCache]) -> None:
    _two_processes_share_one_limit(*redis_clients)


def test_redis_counts_are_atomic_and_expire_with_the_window(redis_clients: tuple[BaseCache, BaseCache]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    first, _second = redis_clients
    ident = "198.51.100.7"
    clients = [_redis_client() for _ in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda i: ratelimit_hit(RATE, ident, cache=clients[i % 4]), range(40)))
    assert ratelimit_count(RATE, ident, cache=first) == 40
    raw = first._cache.get_client(write=False)  # type: ignore[attr-defined]
    (key,) = raw.keys("weerbaar-test-ratelimit:*test.shared*")
    assert 0 < raw.ttl(key) <= RATE.window_seconds + 1  # incr kept the expiry set by add


@pytest.mark.django_db
def test_database_incr_keeps_the_expiry_and_refuses_missing_keys() -> None:
    client = _database_client()
    client.set("counter", 1, timeout=5)
    client.touch("counter", timeout=1000)
    assert client.incr("counter") == 2
    assert client.incr("counter", 3) == 5
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {CACHE_TABLE} WHERE cache_key LIKE %s", ["%counter"])  # noqa: S608
        (expires,) = cursor.fetchone()
    if isinstance(expires, str):  # SQLite returns text
        expires = datetime.fromisoformat(expires)
    if timezone.is_naive(expires):
        expires = timezone.make_aware(expires, UTC)
    # Kept as touched (1000 s), not reset to the default timeout (300 s) as Django's incr would.
    assert expires > timezone.now() + timedelta(seconds=900)
    with pytest.raises(ValueError, match="not found"):
        client.incr("missing")
    client.set("gone", 1, timeout=-1)
    with pytest.raises(ValueError, match="not found"):
        client.incr("gone")


@pytest.mark.django_db
def test_database_hit_counts_in_one_transaction_and_restarts_an_expired_counter() -> None:
    client = _database_client()
    assert [client.hit("hits", timeout=60) for _ in range(3)] == [1, 2, 3]  # type: ignore[attr-defined]
    assert client.get("hits") == 3  # stored as the cache stores any value
    client.set("stale", 7, timeout=-1)
    assert client.hit("stale", timeout=60) == 1  # type: ignore[attr-defined]
    assert client.get("stale") == 1  # and it lives again, with the new expiry


@pytest.mark.django_db
def test_keys_hold_the_scope_and_a_keyed_hash_only() -> None:
    from weerbaar.core.tests.cache_keys import stored_cache_keys

    ratelimit_hit(RateLimit(scope="login.username", limit=5, window_seconds=900), "jan.jansen@example.org")
    (key,) = stored_cache_keys()
    assert "login.username" in key and "jansen" not in key and "example" not in key
    assert 0 < ratelimit_retry_after(RATE) <= RATE.window_seconds


def test_cache_url_is_parsed_like_database_url() -> None:
    assert parse_cache_url("db://", allow_local=False)["LOCATION"] == "weerbaar_cache"
    assert parse_cache_url("db://other_table", allow_local=False)["LOCATION"] == "other_table"
    redis = parse_cache_url("redis://127.0.0.1:6379/2", allow_local=False)
    assert redis == {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/2"}
    assert parse_cache_url("locmem://", allow_local=True)["BACKEND"].endswith("LocMemCache")
    for refused in ("locmem://", "memcached://x", "redis://"):
        with pytest.raises(ImproperlyConfigured):
            parse_cache_url(refused, allow_local=False)


def test_deploy_check_warns_about_a_per_process_cache() -> None:
    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=local):
        assert "weerbaar.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
    shared = {"default": parse_cache_url("redis://127.0.0.1:6379/0", allow_local=False)}
    with override_settings(CACHES=shared):
        assert "weerbaar.W001" not in {m.id for m in run_checks(include_deployment_checks=True)}
