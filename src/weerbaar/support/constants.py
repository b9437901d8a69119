# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of the trusted contact's desk: "I have been approached" reports and support referrals.

See docs/support.md. Nothing here is enforcement: the desk is kept apart from signals, cases and
correlation, and only reaches area B by filing a signal through the signals services (``filing.py``).
"""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm, Role
from weerbaar.core.workflow.transitions import Transitions


class AskedFor(models.TextChoices):
    """What the entrepreneur was asked to do."""

    SCHUUR_HUREN = "schuur_huren", _("Rent out a barn, shed or land")
    OPSLAG = "opslag", _("Store goods")
    MACHINES_GROND = "machines_grond", _("Use of machinery or land")
    KOPEN_PACHTEN = "kopen_pachten", _("Buy or lease the farm or part of it")
    OVERIG = "overig", _("Something else")


class WhenApproached(models.TextChoices):
    AFGELOPEN_WEEK = "week", _("In the past week")
    AFGELOPEN_MAAND = "maand", _("In the past month")
    HALF_JAAR = "half_jaar", _("One to six months ago")
    LANGER = "langer", _("Longer ago")


class ReportRoute(models.TextChoices):
    ANONIEM = "anoniem", _("Anonymously, straight to the intake team")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("In confidence, through the trusted contact")


class ReportStatus(models.TextChoices):
    NIEUW = "nieuw", _("New")
    IN_GESPREK = "in_gesprek", _("In contact")
    GEMELD = "gemeld", _("Filed as a signal")
    GESLOTEN = "gesloten", _("Closed without a signal")


REPORT_TRANSITIONS: Final = Transitions(
    {
        ReportStatus.NIEUW: frozenset({ReportStatus.IN_GESPREK, ReportStatus.GEMELD, ReportStatus.GESLOTEN}),
        ReportStatus.IN_GESPREK: frozenset({ReportStatus.GEMELD, ReportStatus.GESLOTEN}),
        ReportStatus.GEMELD: frozenset(),
        ReportStatus.GESLOTEN: frozenset(),
    },
    labels=ReportStatus.choices,
    message=_("A report with status “%(from)s” cannot go to “%(to)s”."),
)
#: The statuses a trusted contact moves a report to by hand; "filed" is reached only by filing the signal.
REPORT_MANUAL_TARGETS: Final = frozenset({ReportStatus.IN_GESPREK, ReportStatus.GESLOTEN})
REPORT_OPEN: Final = frozenset({ReportStatus.NIEUW, ReportStatus.IN_GESPREK})


class ProviderKind(models.TextChoices):
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Trusted contact")
    ERFBETREDERS = "erfbetreders", _("Farm-support volunteers")
    SCHULDHULP = "schuldhulp", _("Debt help")
    BEDRIJFSCOACH = "bedrijfscoach", _("Agricultural coach")
    OVERIG = "overig", _("Other")


class ReferredVia(models.TextChoices):
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("The trusted contact")
    ERFBETREDER = "erfbetreder", _("A farm visitor (vet, feed adviser, accountant)")


class ConsentMethod(models.TextChoices):
    MONDELING = "mondeling", _("Verbally")
    SCHRIFTELIJK = "schriftelijk", _("In writing")


class ReferralStatus(models.TextChoices):
    VERWEZEN = "verwezen", _("Referred")
    IN_CONTACT = "in_contact", _("In contact")
    ONDERSTEUND = "ondersteund", _("Supported")
    AFGEWEZEN = "afgewezen", _("Declined")
    GESLOTEN = "gesloten", _("Closed")


REFERRAL_TRANSITIONS: Final = Transitions(
    {
        ReferralStatus.VERWEZEN: frozenset(
            {ReferralStatus.IN_CONTACT, ReferralStatus.AFGEWEZEN, ReferralStatus.GESLOTEN}
        ),
        ReferralStatus.IN_CONTACT: frozenset(
            {ReferralStatus.ONDERSTEUND, ReferralStatus.AFGEWEZEN, ReferralStatus.GESLOTEN}
        ),
        ReferralStatus.ONDERSTEUND: frozenset({ReferralStatus.GESLOTEN}),
        ReferralStatus.AFGEWEZEN: frozenset({ReferralStatus.GESLOTEN}),
        ReferralStatus.GESLOTEN: frozenset(),
    },
    labels=ReferralStatus.choices,
    message=_("A referral with status “%(from)s” cannot go to “%(to)s”."),
)
REFERRAL_OPEN: Final = frozenset({ReferralStatus.VERWEZEN, ReferralStatus.IN_CONTACT})

#: The support codes; both are refused to anyone who also holds an enforcement code (``permissions.py``).
SUPPORT_CODES: Final = frozenset({Perm.SUPPORT_VIEW, Perm.SUPPORT_REFER})

#: Roles that enforce, investigate or prosecute, or handle signals and cases: whoever holds one of these, in
#: any organisation, is refused the support codes. Reporting a signal in is not enforcement.
ENFORCEMENT_ROLES: Final = frozenset(
    {
        Role.MELDPUNT,
        Role.SCHAKELTEAM,
        Role.CASUSREGISSEUR,
        Role.RIEC_ANALIST,
        Role.PROGRAMMAMANAGER,
        Role.BOA,
        Role.WIJKAGENT,
    }
)
#: Permission codes that read signals, cases or subjects, or send enforcement alerts to an area.
ENFORCEMENT_CODES: Final = frozenset(
    {
        Perm.SIGNALS_VIEW,
        Perm.SIGNALS_INTAKE,
        Perm.SIGNALS_WEIGH,
        Perm.SIGNALS_EXPORT,
        Perm.CASES_VIEW,
        Perm.CASES_MANAGE,
        Perm.CASES_PROGRAMME,
        Perm.CORRELATION_VIEW,
        Perm.CORRELATION_SCREEN,
        Perm.CORRELATION_JUDGE,
        Perm.CORRELATION_MANAGE,
    }
)

#: What the entrepreneur is told on the form and on the confirmation (SAAR and 112).
SAFETY_ADVICE: Final = _(
    "In an emergency or when you feel threatened, call 112 first. Do not confront anyone and do not take the "
    "law into your own hands: note what you saw (a vehicle's colour, make and licence plate) and pass it on. "
    "You can also report anonymously to Meld Misdaad Anoniem: 0800-7000."
)

#: "I have been approached" reports are kept this long after they were filed or closed (retention.py).
REPORT_RETENTION_DAYS: Final = 90
#: Referrals are kept this long after they were closed (retention.py).
REFERRAL_RETENTION_DAYS: Final = 365
#: At most this many approached reports per client address and window, and from everyone together.
SUBMIT_LIMIT_PER_CLIENT: Final = 5
SUBMIT_LIMIT_GLOBAL: Final = 200
SUBMIT_WINDOW_SECONDS: Final = 3600
