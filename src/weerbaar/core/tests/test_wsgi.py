# SPDX-License-Identifier: EUPL-1.2
"""What ``config/wsgi.py`` leaves behind in the process that loads it (gunicorn's master under ``--preload``)."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]

PROBE = """
import gc, sys
import config.wsgi
from django.conf import settings
from django.db import connections
print(gc.get_freeze_count())
print(settings.ROOT_URLCONF in sys.modules)
print(any(c.connection is not None for c in connections.all(initialized_only=True)))
"""


def test_loading_the_application_imports_the_views_opens_no_connection_and_freezes_what_it_loaded() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", PROBE], cwd=SRC, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    frozen, urls_loaded, connected = done.stdout.split()
    # Frozen objects are never walked by the collector, so forked workers do not copy their pages; a loaded
    # Django with Weerbaar is well over a hundred thousand objects.
    assert int(frozen) > 100_000
    assert urls_loaded == "True"
    assert connected == "False"  # the forked workers must not share a connection
