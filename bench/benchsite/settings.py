# SPDX-License-Identifier: EUPL-1.2
"""Weerbaar's settings (as `bench/benchkit.django_environ` chooses them), with the bench URLconf on top."""

from config.settings.dev import *  # noqa: F403 - the bench runs the real stack and only adds URLs

ROOT_URLCONF = "benchsite.urls"
