# SPDX-License-Identifier: EUPL-1.2
"""Signals: the public reporting channel (/melden/) and the staff pages (/meldingen/)."""

from weerbaar.signals import urls_intake, urls_public

app_name = "signals"
urlpatterns = [*urls_public.urlpatterns, *urls_intake.urlpatterns]
