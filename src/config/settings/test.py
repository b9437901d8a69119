# SPDX-License-Identifier: EUPL-1.2
"""Test settings: fast hashing, mail in memory, tasks run immediately. Database from DATABASE_URL."""

import os

os.environ.setdefault("DATABASE_URL", "sqlite:///var/test.sqlite3")

from config.settings.dev import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DEBUG = False
# Every test has its own database state: never reuse another test's exclusion list or model.
CORRELATION_CONFIG_TTL_SECONDS = 0.0

# A test database is thrown away: PostgreSQL need not wait for the disk at every commit (the browser tests
# commit for real, and so does creating each worker's database).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
