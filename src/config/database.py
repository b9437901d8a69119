# SPDX-License-Identifier: EUPL-1.2
"""Parse ``DATABASE_URL`` into Django's DATABASES entry (sqlite and postgres only)."""

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

#: Executions of the same query on one connection after which psycopg prepares it on the server.
PREPARE_THRESHOLD = 5


def _statement_options(setting: str) -> dict[str, Any]:
    """Server-side parameter binding with prepared statements, unless ``?prepared_statements=off``.

    With parameters bound on the server, psycopg prepares a query once it has run ``PREPARE_THRESHOLD`` times
    on a connection, and PostgreSQL then skips parsing and planning it again: the same few dozen statements
    make up every request. Switch it off behind a connection pooler that cannot keep prepared statements
    (PgBouncer before 1.21 in transaction mode).
    """
    value = setting.strip().lower()
    if value in {"off", "false", "0", "no"}:
        return {}
    if value not in {"on", "true", "1", "yes"}:
        raise ImproperlyConfigured("DATABASE_URL: prepared_statements must be on or off.")
    return {"server_side_binding": True, "prepare_threshold": PREPARE_THRESHOLD}


def parse_database_url(url: str, *, base_dir: Path) -> dict[str, Any]:
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        raw = unquote(parts.path)
        # sqlite:///relative.db -> relative to the project; sqlite:////abs/path.db -> absolute.
        path = Path(raw[1:])
        name = path if path.is_absolute() else base_dir / path
        name.parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"},
        }
    if parts.scheme in {"postgres", "postgresql"}:
        options: dict[str, Any] = dict(parse_qsl(parts.query))
        options.update(_statement_options(options.pop("prepared_statements", "on")))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured("DATABASE_URL must start with sqlite:// or postgres:// (see .env.example).")
