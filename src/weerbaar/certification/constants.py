# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of the KVO certification cycle of an area partnership (docs/certification.md)."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.transitions import Transitions


class Phase(models.TextChoices):
    """Where a round of the cycle stands."""

    OPZET = "opzet", _("Set-up")
    NULMETING = "nulmeting", _("Baseline measurement")
    PLAN = "plan_van_aanpak", _("Plan of approach")
    AUDIT = "audit_aangevraagd", _("Audit requested")
    GECERTIFICEERD = "gecertificeerd", _("Certified")
    HERCERTIFICERING = "hercertificering", _("Recertification started")


#: The cycle's legal moves: forward one step; a negative audit goes back to the plan of approach;
#: recertification closes the round (the service opens the next one).
PHASE_TRANSITIONS = Transitions(
    {
        Phase.OPZET: {Phase.NULMETING},
        Phase.NULMETING: {Phase.PLAN},
        Phase.PLAN: {Phase.AUDIT},
        Phase.AUDIT: {Phase.GECERTIFICEERD, Phase.PLAN},
        Phase.GECERTIFICEERD: {Phase.HERCERTIFICERING},
    },
    labels=Phase.choices,
    message=_("A cycle in phase “%(from)s” cannot go to “%(to)s”."),
    field="to_phase",
)


class MeasurementKind(models.TextChoices):
    NULMETING = "0-meting", _("Baseline (0-meting)")
    EENMETING = "1-meting", _("Follow-up (1-meting)")


class Theme(models.TextChoices):
    """The themes of the rural handbook an analysis, finding or measure is about."""

    DRUGSAFVAL = "drugsafval", _("Drug waste")
    DRUGSPRODUCTIE = "drugsproductie", _("Drug production in buildings")
    LEEGSTAND = "leegstand", _("Vacant farm buildings")
    DIEFSTAL = "diefstal", _("Theft and burglary")
    AFVALDUMPING = "afvaldumping", _("Waste dumping")
    STROPERIJ = "stroperij", _("Poaching")
    VERLICHTING = "verlichting", _("Lighting and overview")
    COMMUNICATIE = "communicatie", _("Communication and reporting")
    WEERBAARHEID = "weerbaarheid", _("Resilience of entrepreneurs")
    OVERIG = "overig", _("Other")


class TimeOfDay(models.TextChoices):
    DAG = "dag", _("By day")
    DONKER = "donker", _("After dark")


class MeasureStatus(models.TextChoices):
    GEPLAND = "gepland", _("Planned")
    IN_UITVOERING = "in_uitvoering", _("In progress")
    UITGEVOERD = "uitgevoerd", _("Carried out")
    VERVALLEN = "vervallen", _("Dropped")


MEASURE_TRANSITIONS = Transitions(
    {
        MeasureStatus.GEPLAND: {MeasureStatus.IN_UITVOERING, MeasureStatus.UITGEVOERD, MeasureStatus.VERVALLEN},
        MeasureStatus.IN_UITVOERING: {MeasureStatus.UITGEVOERD, MeasureStatus.VERVALLEN, MeasureStatus.GEPLAND},
        MeasureStatus.UITGEVOERD: {MeasureStatus.IN_UITVOERING},
        MeasureStatus.VERVALLEN: {MeasureStatus.GEPLAND},
    },
    labels=MeasureStatus.choices,
    message=_("A measure with status “%(from)s” cannot go to “%(to)s”."),
    field="status",
)


class CertificationBody(models.TextChoices):
    KIWA = "kiwa_ncp", "Kiwa NCP"
    DASS = "dass", "DASS"


class AuditResult(models.TextChoices):
    POSITIEF = "positief", _("Positive")
    NEGATIEF = "negatief", _("Negative")


class CertificateLevel(models.TextChoices):
    BASIS = "basis", _("Basis samenwerken")
    CONTINU = "continu", _("Continu samenwerken")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEREED = "gereed", _("Done")


class ReminderKind(models.TextChoices):
    RECERT_6 = "hercertificering_6m", _("Recertification in six months")
    RECERT_3 = "hercertificering_3m", _("Recertification in three months")
    EVALUATION = "jaarevaluatie", _("Yearly evaluation")


#: The scheme a certificate is issued under today.
SCHEME_VERSION: Final = "KVO 4.0"
#: A certificate is valid this many years.
VALID_YEARS: Final = 3
#: The readiness gate: this many measures carried out, each with evidence, before the audit.
MEASURES_BEFORE_AUDIT: Final = 4
#: Reminders ahead of a certificate's end, in months.
RECERT_REMINDER_MONTHS: Final = (6, 3)
TEXT_MAX: Final = 4000
