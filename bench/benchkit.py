# SPDX-License-Identifier: EUPL-1.2
"""What the PostgreSQL benchmarks share: the report line, the throwaway database, percentiles, Django."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
PYTHON = ROOT / ".venv" / "bin" / "python"


def say(text: str) -> None:
    """A line of the report (these are command-line tools; the report is their output)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def admin(sql: str) -> None:
    """Run ``sql`` on the maintenance database (CREATE/DROP DATABASE)."""
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(sql)


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q`` quantile (NaN for no values)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def django_environ(db_name: str, *, base_url: str = "http://127.0.0.1:8000", **extra: str) -> dict[str, str]:
    """The environment a benchmark runs Weerbaar under: dev settings on ``db_name``, DEBUG off, quiet logs."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db_name}",
        "DJANGO_DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "WEERBAAR_BASE_URL": base_url,
        **extra,
    }


def django_setup(db_name: str, **extra: str) -> None:
    """Configure Django in this process for ``db_name`` (see :func:`django_environ`)."""
    os.environ.update(django_environ(db_name, **extra))
    sys.path.insert(0, str(SRC))
    import django

    django.setup()


def manage(env: Mapping[str, str], *args: str) -> None:
    """Run ``manage.py args`` in ``src`` under ``env`` (its output shown); a non-zero exit raises."""
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=SRC, env=dict(env), check=True)  # noqa: S603 - our own


def manage_last_line(env: Mapping[str, str], code: str) -> str:
    """Run ``code`` in ``manage.py shell`` under ``env``; the last line it prints (its errors are shown; a
    non-zero exit raises)."""
    out = subprocess.run(  # noqa: S603 - our own manage.py
        [str(PYTHON), "manage.py", "shell", "-c", code],
        cwd=SRC,
        env=dict(env),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return out.strip().splitlines()[-1]


def manage_json(env: Mapping[str, str], code: str) -> Any:
    """`manage_last_line`, read as JSON."""
    return json.loads(manage_last_line(env, code))
