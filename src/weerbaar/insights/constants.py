# SPDX-License-Identifier: EUPL-1.2
"""The kinds of report the situational picture makes, and the states of their making."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    #: The situational picture of one municipality (or all of the organisation's), with the analyst's text.
    ONDERMIJNINGSBEELD = "ondermijningsbeeld", _("Situational picture of undermining")
    #: The report to the council that may be published: the public audience's rules.
    RAAD_OPENBAAR = "raadsrapportage_openbaar", _("Report to the council (public)")
    #: The report to the council in confidence: the council's rules.
    RAAD_VERTROUWELIJK = "raadsrapportage_vertrouwelijk", _("Report to the council (confidential)")
    #: The RIEC's annual accountability figures, for one calendar year.
    JAARVERANTWOORDING = "jaarverantwoording", _("RIEC annual accountability")
    #: The progress of the area partnerships the organisation leads, for their working groups: alerts,
    #: certification rounds and the measures matrix only, under the partners' rules.
    VOORTGANG_GEBIED = "voortgang_gebiedssamenwerking", _("Progress report of the area partnerships")


#: The kinds a council member may download (besides the makers of reports).
COUNCIL_KINDS = frozenset({ReportKind.RAAD_OPENBAAR, ReportKind.RAAD_VERTROUWELIJK})


class ReportStatus(models.TextChoices):
    QUEUED = "wachtrij", _("Waiting")
    RUNNING = "bezig", _("Being made")
    DONE = "klaar", _("Ready")
    FAILED = "mislukt", _("Failed")
