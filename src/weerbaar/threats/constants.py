# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of area C (docs/domain.md §6): threats against office holders and staff."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.transitions import Transitions, forward_only


class VictimRole(models.TextChoices):
    BURGEMEESTER = "burgemeester", _("Mayor")
    WETHOUDER = "wethouder", _("Alderman")
    RAADSLID = "raadslid", _("Council member")
    GEMEENTESECRETARIS = "gemeentesecretaris", _("Town clerk")
    AMBTENAAR = "ambtenaar", _("Civil servant")
    OVERIG = "overig", _("Other")


OFFICE_HOLDER_ROLES = frozenset({VictimRole.BURGEMEESTER, VictimRole.WETHOUDER, VictimRole.RAADSLID})


class IncidentForm(models.TextChoices):
    VERBAAL = "verbaal", _("Verbal aggression")
    INTIMIDATIE = "intimidatie", _("Intimidation")
    BEDREIGING = "bedreiging", _("Threat")
    FYSIEK = "fysiek", _("Physical violence")
    VANDALISME = "vandalisme", _("Vandalism")
    DISCRIMINATIE = "discriminatie", _("Discrimination")
    STALKING = "stalking", _("Stalking")
    DOXING = "doxing", _("Doxing")
    WACHTEN_BIJ_HUIS = "wachten_bij_huis", _("Waiting at home")
    BEINVLOEDING = "beinvloeding", _("Undue influence or bribery")


class Channel(models.TextChoices):
    PERSOONLIJK = "persoonlijk", _("In person")
    TELEFOON = "telefoon", _("Telephone")
    BRIEF = "brief", _("Letter")
    EMAIL = "email", _("E-mail")
    SOCIAL_MEDIA = "social_media", _("Social media")
    THUIS = "thuis", _("At home or via family")


#: Channels counted as "online" in the insight figures.
ONLINE_CHANNELS = frozenset({Channel.EMAIL, Channel.SOCIAL_MEDIA})


class Target(models.TextChoices):
    PERSOON = "persoon", _("The person")
    GEZIN = "gezin", _("Family")
    ORGANISATIE = "organisatie", _("The organisation")


class LinkedProcess(models.TextChoices):
    GEEN = "geen", _("None or unknown")
    HANDHAVING = "handhaving", _("Enforcement")
    OPENBARE_ORDE = "openbare_orde", _("Public order")
    VERGUNNINGEN = "vergunningen", _("Permits")
    BIBOB = "bibob", _("Bibob screening")
    SOCIAAL_DOMEIN = "sociaal_domein", _("Social services and benefits")
    BURGERZAKEN = "burgerzaken", _("Civil affairs")
    RUIMTELIJKE_ORDENING = "ruimtelijke_ordening", _("Spatial planning")
    POLITIEK = "politiek", _("Political decision-making")
    OVERIG = "overig", _("Other")


class TriState(models.TextChoices):
    JA = "ja", _("Yes")
    NEE = "nee", _("No")
    ONBEKEND = "onbekend", _("Unknown")


class Status(models.TextChoices):
    GEMELD = "gemeld", _("Reported")
    GEREGISTREERD = "geregistreerd", _("Registered")
    OPVOLGING = "opvolging", _("Follow-up")
    AANGIFTE = "aangifte", _("Police report")
    DREIGINGSBEOORDELING = "dreigingsbeoordeling", _("Threat assessment")
    MAATREGELEN = "maatregelen", _("Protection measures")
    NAZORG = "nazorg", _("Aftercare")
    AFGESLOTEN = "afgesloten", _("Closed")


#: The order of the status machine; an incident only moves forward (steps may be skipped).
STATUS_ORDER: tuple[str, ...] = tuple(Status.values)
TRANSITIONS = Transitions(
    forward_only(STATUS_ORDER), labels=Status.choices, message=_("Choose a later status."), field="status"
)


class StepKind(models.TextChoices):
    ACKNOWLEDGE = "ontvangstbevestiging", _("Acknowledge the report")
    CONTACT_VICTIM = "contact_slachtoffer", _("Contact with the victim")
    RESPOND_PERPETRATOR = "reactie_dader", _("Response towards the perpetrator")
    POLICE_REPORT = "aangifte", _("Police report")
    THREAT_ASSESSMENT = "dreigingsbeoordeling", _("Threat assessment")
    PROTECTION = "beschermingsmaatregelen", _("Protection measures")
    AFTERCARE = "nazorg", _("Aftercare")
    EVALUATION = "evaluatie", _("Evaluation")


class StepStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "afgerond", _("Done")
    NOT_NEEDED = "niet_nodig", _("Not needed")
    CANCELLED = "geannuleerd", _("Cancelled")


#: A step is recorded once: from open to done, not needed or cancelled (closing the incident cancels it).
STEP_TRANSITIONS = Transitions(
    {StepStatus.OPEN: {StepStatus.DONE, StepStatus.NOT_NEEDED, StepStatus.CANCELLED}},
    labels=StepStatus.choices,
    message=_("This step has already been recorded."),
)


class FiledBy(models.TextChoices):
    VICTIM = "slachtoffer", _("The victim")
    EMPLOYER = "werkgever", _("The employer")


class MeasureDomain(models.TextChoices):
    WONEN = "wonen", _("Living")
    WERKEN = "werken", _("Working")
    REIZEN = "reizen", _("Travelling")
    DIGITAAL = "digitaal", _("Digital life")


class CostBearer(models.TextChoices):
    WERKGEVER = "werkgever", _("Employer")
    POLITIE = "politie", _("Police")
    RIJK = "rijk", _("Central government")
    SLACHTOFFER = "slachtoffer", _("The person themselves")
    OVERIG = "overig", _("Other")


class AssessmentOutcome(models.TextChoices):
    """The outcome of a threat assessment (usually by the police's threat-management team)."""

    GEEN_AANWIJZING = "geen_aanwijzing", _("No indication of a threat")
    ZORGELIJK = "zorgelijk", _("Cause for concern")
    ERNSTIG = "ernstig", _("Serious threat")
