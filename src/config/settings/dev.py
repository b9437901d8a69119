# SPDX-License-Identifier: EUPL-1.2
"""Local development and the quick start (``make run``): plain HTTP on loopback, SQLite by default."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-weerbaar-quickstart-key-0123456789")
os.environ.setdefault("AUDIT_CHAIN_KEY", "dev-only-audit-chain-key")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from config.settings.base import *
from config.settings.base import SECURE_CSP, STORAGES

DEBUG = os.environ.get("DJANGO_DEBUG", "false").lower() == "true"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Plain HTTP on loopback: cookies cannot be Secure or use the __Host- prefix.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "weerbaar-session"
CSRF_COOKIE_NAME = "weerbaar-csrf"
SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SECURE_CSP = SECURE_CSP

# Demo data (synthetic) may be loaded only with these settings.
DEMO_ALLOWED = True
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-Weerbaar-2026")

# Serve static files straight from the apps' static folders (no collectstatic step for the quick start).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
