# SPDX-License-Identifier: EUPL-1.2
"""``make run``: the demo settings, with static files served as in production.

Collected by ``collectstatic`` into STATIC_ROOT with hashed names, compressed (gzip, and Brotli where
installed) and, being immutable, cached by the browser for a year; the development settings serve them
straight from the apps' folders, uncompressed, for editing without a build step.
"""

# The development settings first: they provide the environment the base settings read.
# isort: off
from config.settings.dev import *
from config.settings.dev import STORAGES
from config.settings.base import STORAGES as PRODUCTION_STORAGES
# isort: on

STORAGES = {**STORAGES, "staticfiles": PRODUCTION_STORAGES["staticfiles"]}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
