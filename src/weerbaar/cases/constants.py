# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of integrated cases (docs/domain.md §5): RIEC work process, membership, provenance, interventions."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.core.workflow.transitions import Transitions, one_step_or


class CaseStatus(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("Created")
    HIT_NO_HIT = "hit_no_hit", _("Hit/no-hit at partners")
    VERRIJKING = "verrijking", _("Enrichment")
    ANALYSE = "analyse", _("Joint analysis")
    STRATEGIE = "strategie", _("Intervention strategy")
    UITVOERING = "uitvoering", _("Execution and monitoring")
    VERANTWOORDING = "verantwoording", _("Accountability")
    AFGESLOTEN = "afgesloten", _("Closed")


#: The RIEC work process moves forward one step at a time; a case can be closed from any open status.
CASE_TRANSITIONS = Transitions(
    one_step_or(CaseStatus.values, exit_to=CaseStatus.AFGESLOTEN),
    labels=CaseStatus.choices,
    message=_("A case with status “%(from)s” cannot go to “%(to)s”."),
)


class Classification(models.TextChoices):
    VERTROUWELIJK = "vertrouwelijk", _("Confidential")
    STRIKT_VERTROUWELIJK = "strikt_vertrouwelijk", _("Strictly confidential")


class MemberRole(models.TextChoices):
    REGIE = "regie", _("Case direction")
    DEELNEMER = "deelnemer", _("Participant")
    LEZER = "lezer", _("Reader")


class ItemKind(models.TextChoices):
    NOTITIE = "notitie", _("Note")
    DOCUMENT = "document", _("Document")
    BETROKKENE = "betrokkene", _("Subject")
    BEVINDING = "bevinding", _("Finding")


class AccessRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    TOEGEKEND = "toegekend", _("Granted")
    AFGEWEZEN = "afgewezen", _("Refused")


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEREED = "gereed", _("Done")


class InterventionStatus(models.TextChoices):
    GEPLAND = "gepland", _("Planned")
    LOPEND = "lopend", _("In progress")
    AFGEROND = "afgerond", _("Completed")
    GESTOPT = "gestopt", _("Stopped")


class MeetingKind(models.TextChoices):
    CASUSOVERLEG = "casusoverleg", _("Case meeting")
    INTEGRAAL_OVERLEG = "integraal_overleg", _("Integrated meeting")
    STUURGROEP = "stuurgroep", _("Regional steering group")


@dataclass(frozen=True)
class StepTemplate:
    code: str
    label: StrOrPromise
    #: Days after the previous step (or the start) by which this step is due; None: no statutory term.
    days: int | None


@dataclass(frozen=True)
class InterventionType:
    code: str
    label: StrOrPromise
    domain: str  # bestuurlijk, strafrechtelijk, fiscaal, overig, preventief
    legal_basis: StrOrPromise
    owner_types: tuple[str, ...]  # organisation types that may own it
    steps: tuple[StepTemplate, ...]


_CLOSURE_STEPS = (
    StepTemplate("rapportage", _("Police report to the mayor"), None),
    StepTemplate("voornemen", _("Notice of intent"), 14),
    StepTemplate("zienswijze", _("Opinion (zienswijze) received"), 14),
    StepTemplate("besluit", _("Decision"), 14),
    StepTemplate("sluiting", _("Closure period"), None),
    StepTemplate("bezwaar", _("Objection period ends"), 42),
    StepTemplate("heropening", _("Reopening"), None),
)

INTERVENTION_TYPES: dict[str, InterventionType] = {
    t.code: t
    for t in (
        InterventionType(
            "bibob",
            _("Bibob screening"),
            "bestuurlijk",
            _("Wet Bibob, articles 7 and 9"),
            ("gemeente", "provincie"),
            (
                StepTemplate("vragenformulier", _("Questionnaire returned"), 28),
                StepTemplate("eigen_onderzoek", _("Own investigation"), 28),
                StepTemplate("advies_aangevraagd", _("Advice requested from the national Bibob bureau"), None),
                # The national bureau advises within 8 weeks, extendable by 4 (Wet Bibob art. 15).
                StepTemplate("advies_ontvangen", _("Advice received (8 weeks, +4 when extended)"), 56),
                StepTemplate("conclusie", _("Conclusion: serious, lesser or no danger"), 14),
                StepTemplate("besluit", _("Decision: refuse, conditions or grant"), 14),
            ),
        ),
        InterventionType(
            "sluiting_13b",
            _("Closure under Opiumwet 13b"),
            "bestuurlijk",
            _("Opiumwet, article 13b"),
            ("gemeente",),
            _CLOSURE_STEPS,
        ),
        InterventionType(
            "sluiting_174a",
            _("Closure under Gemeentewet 174a"),
            "bestuurlijk",
            _("Gemeentewet, article 174a"),
            ("gemeente",),
            _CLOSURE_STEPS,
        ),
        InterventionType(
            "last_onder_dwangsom",
            _("Order subject to a penalty"),
            "bestuurlijk",
            _("Awb, article 5:32"),
            ("gemeente", "provincie", "omgevingsdienst", "waterschap"),
            (
                StepTemplate("voornemen", _("Notice of intent"), None),
                StepTemplate("zienswijze", _("Opinion received"), 14),
                StepTemplate("last", _("Order imposed"), 14),
                StepTemplate("begunstigingstermijn", _("Compliance period ends"), 28),
                StepTemplate("invordering", _("Penalty collected or compliance established"), None),
            ),
        ),
        InterventionType(
            "bestuursdwang",
            _("Administrative enforcement"),
            "bestuurlijk",
            _("Awb, article 5:21"),
            ("gemeente", "provincie", "omgevingsdienst", "waterschap"),
            (
                StepTemplate("voornemen", _("Notice of intent"), None),
                StepTemplate("last", _("Order imposed"), 14),
                StepTemplate("uitvoering", _("Enforcement carried out"), 28),
            ),
        ),
        InterventionType(
            "vergunning",
            _("Permit refused or withdrawn"),
            "bestuurlijk",
            _("Sector law (e.g. Alcoholwet, APV) with Wet Bibob"),
            ("gemeente", "provincie"),
            (StepTemplate("voornemen", _("Notice of intent"), None), StepTemplate("besluit", _("Decision"), 28)),
        ),
        InterventionType(
            "brp_onderzoek",
            _("Address investigation (BRP)"),
            "bestuurlijk",
            _("Wet BRP, article 2.8"),
            ("gemeente",),
            (
                StepTemplate("start", _("Investigation started"), None),
                StepTemplate("huisbezoek", _("Home visit"), 28),
                StepTemplate("besluit", _("Registration decision"), 28),
            ),
        ),
        InterventionType(
            "strafrechtelijk",
            _("Criminal investigation, seizure or confiscation"),
            "strafrechtelijk",
            _("Wetboek van Strafvordering"),
            ("politie", "om"),
            (
                StepTemplate("opsporing", _("Investigation"), None),
                StepTemplate("afdoening", _("Prosecution decision"), None),
            ),
        ),
        InterventionType(
            "fiscaal",
            _("Tax assessment and recovery"),
            "fiscaal",
            _("Algemene wet inzake rijksbelastingen"),
            ("belastingdienst",),
            (StepTemplate("aanslag", _("Assessment imposed"), None), StepTemplate("invordering", _("Recovery"), None)),
        ),
        InterventionType(
            "andere_instantie",
            _("Intervention by another agency"),
            "overig",
            _("The agency's own powers (labour inspectorate, water board, environmental agency)"),
            ("waterschap", "omgevingsdienst", "provincie", "veiligheidsregio"),
            (StepTemplate("actie", _("Action taken"), None),),
        ),
        InterventionType(
            "preventief",
            _("Preventive measure (awareness, barrier)"),
            "preventief",
            _("Municipal task (Gemeentewet art. 172)"),
            ("gemeente", "riec"),
            (StepTemplate("actie", _("Measure carried out"), None),),
        ),
    )
}

#: Running interventions of these kinds block closing a case unless the director confirms with a reason:
#: closing destroys the police data a running Bibob investigation or closure procedure may still rest on.
CLOSURE_BLOCKING_INTERVENTIONS = frozenset({"bibob", "sluiting_13b", "sluiting_174a"})
RUNNING_INTERVENTION_STATUSES = frozenset({InterventionStatus.GEPLAND.value, InterventionStatus.LOPEND.value})

#: Warn owners this many days before a step's deadline.
STEP_WARNING_DAYS = 7
#: Retention after closure (police data is destroyed at closure; the rest after this).
RETENTION_YEARS_AFTER_CLOSURE = 5
