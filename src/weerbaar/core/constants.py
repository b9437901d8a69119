# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary shared by several apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalRegime(models.TextChoices):
    """The law under which an organisation supplied a piece of data (its provenance)."""

    AVG = "avg", _("GDPR (AVG)")
    WPG = "wpg", _("Police data (Wpg)")
    AWR = "awr", _("Tax data (AWR)")
    WGS = "wgs", _("Data-sharing partnerships act (Wgs)")
    BIBOB = "bibob", _("Bibob Act")
