# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestPreference(models.Model):
    """Whether a user gets the daily "My work" mail (counts only). No row: no mail."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    daily = models.BooleanField(_("daily e-mail summary"), default=False)
    #: The day the last digest went out, so a second run on the same day sends nothing.
    last_sent_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
