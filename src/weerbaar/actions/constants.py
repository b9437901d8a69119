# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of joint actions: kinds, the status cycle, legal domains, reasons a location was chosen,
follow-ups and where each follow-up goes (a signal or an intervention of a case)."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.transitions import Transitions


class OperationKind(models.TextChoices):
    INTEGRALE_CONTROLE = "integrale_controle", _("Integrated inspection")
    ACTIEDAG = "actiedag", _("Action day")
    INTERVENTIETEAM = "interventieteam", _("Intervention team project")


class OperationStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    SELECTED = "selected", _("Locations selected")
    BRIEFED = "briefed", _("Briefed")
    IN_PROGRESS = "in_progress", _("In progress")
    DEBRIEFED = "debriefed", _("Debriefed")
    CLOSED = "closed", _("Closed")


#: The cycle analyse → select → prepare → check and judge → intervene → report, one step at a time; a
#: selection may be redrawn while planning is still open (selected → planning).
OPERATION_TRANSITIONS: Final = Transitions(
    {
        OperationStatus.PLANNING: {OperationStatus.SELECTED},
        OperationStatus.SELECTED: {OperationStatus.PLANNING, OperationStatus.BRIEFED},
        OperationStatus.BRIEFED: {OperationStatus.IN_PROGRESS},
        OperationStatus.IN_PROGRESS: {OperationStatus.DEBRIEFED},
        OperationStatus.DEBRIEFED: {OperationStatus.CLOSED},
        OperationStatus.CLOSED: set(),
    },
    labels=OperationStatus.choices,
)

#: Findings are recorded while the checks run (and may be completed until the debrief).
FINDING_STATUSES: Final = frozenset(
    {OperationStatus.BRIEFED.value, OperationStatus.IN_PROGRESS.value, OperationStatus.DEBRIEFED.value}
)


class LegalDomain(models.TextChoices):
    """The legal domain a partner checks from: its own powers, nobody else's."""

    BOUW = "bouw", _("Building regulations (municipality)")
    BRANDVEILIGHEID = "brandveiligheid", _("Fire safety")
    RUIMTELIJK = "ruimtelijk", _("Zoning and land use (municipality)")
    APV = "apv", _("Local bye-laws (APV)")
    POLITIE = "politie", _("Criminal law (police)")
    MILIEU = "milieu", _("Environment (environmental service)")
    FISCAAL = "fiscaal", _("Taxes (tax office)")
    DOUANE = "douane", _("Customs")
    ARBEID = "arbeid", _("Labour law (labour inspectorate)")
    VOEDSEL = "voedsel", _("Food and product safety (NVWA)")
    VEILIGHEIDSREGIO = "veiligheidsregio", _("Safety region")
    ENERGIE = "energie", _("Grid connection (grid operator)")
    VOERTUIGEN = "voertuigen", _("Vehicles (RDW)")
    TOESLAGEN = "toeslagen", _("Benefits (benefits agency)")
    RIEC = "riec", _("Information position (RIEC)")


class MemberRole(models.TextChoices):
    """Planners prepare the action under embargo and see every finding; participants join on the day and
    see their own organisation's findings."""

    PLANNER = "planner", _("Planner")
    DEELNEMER = "deelnemer", _("Participant")


class LocationReason(models.TextChoices):
    SIGNAL = "signal", _("Risk: signal")
    CASE = "case", _("Risk: case")
    CORRELATION = "correlation", _("Risk: correlation hit")
    RANDOM = "random", _("Randomly drawn")


RISK_REASONS: Final = frozenset(
    {LocationReason.SIGNAL.value, LocationReason.CASE.value, LocationReason.CORRELATION.value}
)


class Severity(models.TextChoices):
    GEEN = "geen", _("None")
    LAAG = "laag", _("Low")
    MIDDEN = "midden", _("Medium")
    HOOG = "hoog", _("High")


class Sanction(models.TextChoices):
    """What a partner did on the spot (counted in the debrief)."""

    GEEN = "geen", _("None")
    BOETE = "boete", _("Fine")
    HANDHAVING = "handhaving", _("Enforcement started")
    WERK_STILGELEGD = "werk_stilgelegd", _("Work stopped")
    SLUITING = "sluiting", _("Closure")
    INBESLAGNAME = "inbeslagname", _("Seizure")
    AANHOUDING = "aanhouding", _("Arrest")


class FollowUpKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    LAST_ONDER_DWANGSOM = "last_onder_dwangsom", _("Enforcement order with penalty")
    BESTUURLIJKE_BOETE = "bestuurlijke_boete", _("Administrative fine")
    SLUITING_BURGEMEESTER = "sluiting_burgemeester", _("Closure by the mayor")
    AANGIFTE_POLITIE = "aangifte_politie", _("Police report")
    FISCAAL_ONDERZOEK = "fiscaal_onderzoek", _("Tax investigation")
    BIBOB = "bibob", _("Bibob screening")
    ZORGVERWIJZING = "zorgverwijzing", _("Referral to care")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


#: The partner's own follow-ups, done on the spot or in its own process: no signal, no intervention.
OWN_FOLLOW_UPS: Final = frozenset({FollowUpKind.WARNING.value, FollowUpKind.BESTUURLIJKE_BOETE.value})
#: Follow-ups that become an intervention of a case when the actor names one (the case catalogue's type);
#: without a case they become a signal.
INTERVENTION_FOLLOW_UPS: Final = {
    FollowUpKind.LAST_ONDER_DWANGSOM.value: "last_onder_dwangsom",
    FollowUpKind.SLUITING_BURGEMEESTER.value: "sluiting_13b",
    FollowUpKind.BIBOB.value: "bibob",
    FollowUpKind.FISCAAL_ONDERZOEK.value: "fiscaal",
}
#: Follow-ups that always become a new signal at the intake of the location's municipality.
SIGNAL_FOLLOW_UPS: Final = frozenset({FollowUpKind.AANGIFTE_POLITIE.value, FollowUpKind.ZORGVERWIJZING.value})

#: Largest premises register one selection draws from, and the largest random share.
POOL_MAX: Final = 2000
IDEMPOTENCY_KEY_LENGTH: Final = 64
