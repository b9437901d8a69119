# SPDX-License-Identifier: EUPL-1.2
"""Roles and the permission codes each role grants.

Roles are held per organisation. What a role grants is further limited by :func:`effective_permissions`
through each code's declaration in its app's ``permissions.py`` (whether it needs a passed screening and
whether a private partner may hold it), whatever roles are assigned.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.organisations.constants import PRIVATE_TYPES, OrganisationType


class Role(models.TextChoices):
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functional administrator")
    MELDPUNT = "meldpunt", _("Intake officer")
    SCHAKELTEAM = "schakelteam", _("Schakelteam member")
    CASUSREGISSEUR = "casusregisseur", _("Case director / OOV adviser")
    RIEC_ANALIST = "riec_analist", _("RIEC analyst")
    PROGRAMMAMANAGER = "programmamanager", _("Programme manager")
    PARTNERVERTEGENWOORDIGER = "partnervertegenwoordiger", _("Partner representative")
    VEILIGHEIDSCOORDINATOR = "veiligheidscoordinator", _("Security coordinator")
    MEDEWERKER = "medewerker", _("Staff member")
    GEBIEDSREGISSEUR = "gebiedsregisseur", _("Partnership chair / process facilitator")
    AUDITOR = "auditor", _("Auditor")
    PRIVACY_OFFICER = "privacy_officer", _("Data protection officer")
    BOA = "boa", _("Rural enforcement officer (BOA)")
    WIJKAGENT = "wijkagent", _("Community police officer")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Trusted contact (support)")
    WEERBAARHEIDSCOORDINATOR = "weerbaarheidscoordinator", _("Resilience coordinator")
    PROCESEIGENAAR = "proceseigenaar", _("Process owner")
    INTEGRITEITSCOORDINATOR = "integriteitscoordinator", _("Integrity coordinator / confidential adviser")
    LEIDINGGEVENDE = "leidinggevende", _("Line manager")
    RAADSLID = "raadslid", _("Council member")


#: The shortest reason an administrator may give for a security-sensitive action on someone's account.
REASON_MIN_LENGTH = 10


class ScreeningStatus(models.TextChoices):
    UNKNOWN = "onbekend", _("Not screened")
    PENDING = "in_behandeling", _("Screening in progress")
    PASSED = "geslaagd", _("Passed")
    FAILED = "afgewezen", _("Failed")
    EXPIRED = "verlopen", _("Expired")


class Perm:
    """The names of the permission codes the roles below grant. Each code is declared, with its area and
    conditions, and has its rule registered in the owning app's ``permissions.py``."""

    ORGANISATIONS_VIEW = "organisations.view"
    ORGANISATIONS_MANAGE = "organisations.manage"
    USERS_MANAGE = "accounts.manage_users"
    AUDIT_VIEW = "audit.view"
    GEO_VIEW = "geo.view"
    # Signals (meldingen): reporting in and following one's own reports, then handling them.
    SIGNALS_REPORT = "signals.report"
    SIGNALS_VIEW_OWN = "signals.view_own"
    SIGNALS_VIEW = "signals.view"
    SIGNALS_INTAKE = "signals.intake"
    SIGNALS_WEIGH = "signals.weigh"
    SIGNALS_EXPORT = "signals.export"
    # Integrated cases: need-to-know per case on top of these (membership decides what is seen).
    CASES_VIEW = "cases.view"
    CASES_MANAGE = "cases.manage"
    CASES_PROGRAMME = "cases.programme"
    # Threats against office holders and staff, kept apart from signals and cases.
    THREATS_REPORT = "threats.report"
    THREATS_VIEW = "threats.view"
    THREATS_COORDINATE = "threats.coordinate"
    THREATS_INSIGHT = "threats.insight"
    # Correlation of subjects: see one's own contexts' correlations, screen, judge, configure.
    CORRELATION_VIEW = "correlation.view"
    CORRELATION_SCREEN = "correlation.screen"
    CORRELATION_JUDGE = "correlation.judge"
    CORRELATION_MANAGE = "correlation.manage"
    # The retention overview (declared with the registry in weerbaar.core.retention).
    RETENTION_VIEW = "retention.view"
    # Area partnerships (area A): membership per partnership and a data-class ceiling per participant on top.
    PARTNERSHIPS_VIEW = "partnerships.view"
    PARTNERSHIPS_MANAGE = "partnerships.manage"
    PARTNERSHIPS_DIRECTORY = "partnerships.directory"
    PARTNERSHIPS_ALERT = "partnerships.alert"
    # Support for approached entrepreneurs: the trusted contact's desk, kept apart from every enforcement role.
    SUPPORT_VIEW = "support.view"
    SUPPORT_REFER = "support.refer"
    # Barrier models and practice cases (area D): one's own organisation's and those shared with all.
    KNOWLEDGE_VIEW = "knowledge.view"
    KNOWLEDGE_EDIT = "knowledge.edit"
    # Integrity (area D): confidential reports of pressure to the integrity coordinator, and the staff survey.
    INTEGRITY_REPORT = "integrity.report"
    INTEGRITY_HANDLE = "integrity.handle"
    SURVEYS_STAFF_MANAGE = "surveys.staff_manage"
    SURVEYS_STAFF_VIEW = "surveys.staff_view"
    # Awareness training (area D): taking modules, authoring and assigning them, and completion figures.
    TRAINING_TAKE = "training.take"
    TRAINING_MANAGE = "training.manage"
    TRAINING_DEPARTMENT = "training.department"
    TRAINING_OVERVIEW = "training.overview"
    # The resilience scan (area D): run it, answer it for one's own processes, see it as a council member.
    RESILIENCE_MANAGE = "resilience.manage"
    RESILIENCE_ANSWER = "resilience.answer"
    RESILIENCE_COUNCIL = "resilience.council"
    # Joint actions (integrated inspections, action days): take part in the ones one is a member of and record
    # one's own organisation's findings; plan them (members, selection, follow-ups, debrief).
    ACTIONS_VIEW = "actions.view"
    ACTIONS_CHECK = "actions.check"
    ACTIONS_MANAGE = "actions.manage"
    # The situational picture: the dashboard of suppressed figures, and the own organisation's figures as a
    # whole for roles whose object scope is narrower (the programme manager) or absent (the council).
    INSIGHTS_VIEW = "insights.view"
    INSIGHTS_ORGANISATION = "insights.organisation"
    # Reports of the situational picture: make them (and read every one of the organisation's), or read the
    # reports to the council only.
    INSIGHTS_REPORT_MAKE = "insights.report_make"
    INSIGHTS_REPORT_COUNCIL = "insights.report_council"


_EVERYONE = {
    Perm.ORGANISATIONS_VIEW,
    Perm.GEO_VIEW,
    Perm.SIGNALS_REPORT,
    Perm.SIGNALS_VIEW_OWN,
    Perm.THREATS_REPORT,
    Perm.THREATS_VIEW,
    Perm.INTEGRITY_REPORT,
}
_SIGNAL_READERS = {Perm.SIGNALS_VIEW, Perm.CORRELATION_VIEW}
_CASE_MEMBERS = {Perm.CASES_VIEW, Perm.CORRELATION_VIEW}
#: Screening (e.g. a Bibob quick scan) and judging whether two subjects are the same.
_ANALYSTS = {Perm.CORRELATION_SCREEN, Perm.CORRELATION_JUDGE}
#: The retention overview: for each policy's responsible role (intake, the case director, the security
#: coordinator) and for the data protection officer, who supervises retention (the policies, not the objects).
_RETENTION = {Perm.RETENTION_VIEW}
#: Taking part in an area partnership: what one sees is decided per partnership (membership, ceiling).
_AREA_MEMBERS = {Perm.PARTNERSHIPS_VIEW, Perm.PARTNERSHIPS_DIRECTORY}
#: Barrier models and practice cases: read by public staff who work on resilience or analyse undermining.
_KNOWLEDGE_READERS = {Perm.KNOWLEDGE_VIEW}
_KNOWLEDGE_EDITORS = {Perm.KNOWLEDGE_VIEW, Perm.KNOWLEDGE_EDIT}
#: Joint actions: what one sees of each is decided by membership (planner or participant) and the embargo.
_ACTION_PARTNERS = {Perm.ACTIONS_VIEW, Perm.ACTIONS_CHECK}
_ACTION_PLANNERS = _ACTION_PARTNERS | {Perm.ACTIONS_MANAGE}
#: The situational picture: each figure is further limited by its series' scope (weerbaar.core.figures).
_INSIGHTS = {Perm.INSIGHTS_VIEW}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.FUNCTIONEEL_BEHEERDER: frozenset(_EVERYONE | {Perm.USERS_MANAGE, Perm.ORGANISATIONS_MANAGE}),
    Role.MELDPUNT: frozenset(
        _EVERYONE | _INSIGHTS | _SIGNAL_READERS | {Perm.SIGNALS_INTAKE, Perm.SIGNALS_EXPORT} | _RETENTION
    ),
    Role.SCHAKELTEAM: frozenset(_EVERYONE | _INSIGHTS | _SIGNAL_READERS | {Perm.SIGNALS_WEIGH} | _CASE_MEMBERS),
    Role.CASUSREGISSEUR: frozenset(
        _EVERYONE
        | _INSIGHTS
        | _SIGNAL_READERS
        | {Perm.SIGNALS_EXPORT}
        | _CASE_MEMBERS
        | {Perm.CASES_MANAGE}
        | _ANALYSTS
        | _RETENTION
        | _KNOWLEDGE_READERS
        | {Perm.INSIGHTS_REPORT_MAKE}
        | _ACTION_PLANNERS
    ),
    Role.RIEC_ANALIST: frozenset(
        _EVERYONE
        | _INSIGHTS
        | _SIGNAL_READERS
        | _CASE_MEMBERS
        | {Perm.CASES_MANAGE}
        | _ANALYSTS
        | {Perm.CORRELATION_MANAGE}
        | _RETENTION
        | _KNOWLEDGE_EDITORS
        | {Perm.INSIGHTS_REPORT_MAKE}
        | _ACTION_PLANNERS
    ),
    Role.PROGRAMMAMANAGER: frozenset(
        _EVERYONE
        | _CASE_MEMBERS
        | {Perm.CASES_PROGRAMME}
        | _INSIGHTS
        | {Perm.INSIGHTS_ORGANISATION, Perm.INSIGHTS_REPORT_MAKE}
    ),
    Role.PARTNERVERTEGENWOORDIGER: frozenset(_EVERYONE | _CASE_MEMBERS | _AREA_MEMBERS | _ACTION_PARTNERS),
    Role.VEILIGHEIDSCOORDINATOR: frozenset(
        _EVERYONE | _INSIGHTS | {Perm.THREATS_COORDINATE, Perm.THREATS_INSIGHT} | _RETENTION
    ),
    Role.MEDEWERKER: frozenset(_EVERYONE | {Perm.TRAINING_TAKE}),
    Role.GEBIEDSREGISSEUR: frozenset(_EVERYONE | _AREA_MEMBERS | {Perm.PARTNERSHIPS_MANAGE, Perm.PARTNERSHIPS_ALERT}),
    Role.AUDITOR: frozenset(_EVERYONE | {Perm.AUDIT_VIEW}),
    Role.PRIVACY_OFFICER: frozenset(_EVERYONE | {Perm.AUDIT_VIEW} | _RETENTION),
    Role.BOA: frozenset(_EVERYONE | _AREA_MEMBERS | {Perm.PARTNERSHIPS_ALERT} | _ACTION_PARTNERS),
    Role.WIJKAGENT: frozenset(_EVERYONE | _AREA_MEMBERS | {Perm.PARTNERSHIPS_ALERT} | _ACTION_PARTNERS),
    # Nothing of area B beyond reporting in: the support codes are refused to anyone who also holds an
    # enforcement code (weerbaar.support.permissions), so this role must never grant one.
    Role.VERTROUWENSPERSOON: frozenset(_EVERYONE | {Perm.SUPPORT_VIEW, Perm.SUPPORT_REFER}),
    # The resilient organisation (area D): each of these roles gains its codes with the app that needs them.
    Role.WEERBAARHEIDSCOORDINATOR: frozenset(
        _EVERYONE
        | _KNOWLEDGE_EDITORS
        | {Perm.TRAINING_TAKE, Perm.TRAINING_MANAGE, Perm.RESILIENCE_MANAGE, Perm.RESILIENCE_ANSWER}
    ),
    Role.PROCESEIGENAAR: frozenset(_EVERYONE | _KNOWLEDGE_READERS | {Perm.TRAINING_TAKE, Perm.RESILIENCE_ANSWER}),
    Role.INTEGRITEITSCOORDINATOR: frozenset(
        _EVERYONE
        | _KNOWLEDGE_READERS
        | {Perm.TRAINING_TAKE, Perm.INTEGRITY_HANDLE, Perm.SURVEYS_STAFF_MANAGE, Perm.SURVEYS_STAFF_VIEW}
    ),
    Role.LEIDINGGEVENDE: frozenset(_EVERYONE | {Perm.TRAINING_TAKE, Perm.TRAINING_DEPARTMENT}),
    Role.RAADSLID: frozenset(
        _EVERYONE
        | {Perm.SURVEYS_STAFF_VIEW, Perm.TRAINING_OVERVIEW, Perm.RESILIENCE_COUNCIL}
        | _INSIGHTS
        | {Perm.INSIGHTS_ORGANISATION, Perm.INSIGHTS_REPORT_COUNCIL}
    ),
}

#: What the start page says each role does on Weerbaar.
ROLE_DESCRIPTIONS: dict[str, StrOrPromise] = {
    Role.FUNCTIONEEL_BEHEERDER: _(
        "You manage the people of your organisation: accounts, roles, screening status and second factors."
    ),
    Role.MELDPUNT: _("You receive signals of undermining, qualify them and prepare them for weighing."),
    Role.SCHAKELTEAM: _("You weigh qualified signals in the schakelteam and decide on follow-up."),
    Role.CASUSREGISSEUR: _("You direct integrated cases and the intervention strategy with the partners."),
    Role.RIEC_ANALIST: _("You analyse signals and cases for the regional information and expertise centre."),
    Role.PROGRAMMAMANAGER: _("You keep the integrated approach of several municipalities in step."),
    Role.PARTNERVERTEGENWOORDIGER: _("You represent your organisation in the partnership and send signals in."),
    Role.VEILIGHEIDSCOORDINATOR: _(
        "You follow up aggression and threats against office holders and staff within the norm times."
    ),
    Role.MEDEWERKER: _("You can report aggression or threats against yourself and follow your own reports."),
    Role.GEBIEDSREGISSEUR: _("You chair the area partnership: analysis, measures and certification."),
    Role.AUDITOR: _("You review, read-only, who did what in Weerbaar through the audit trail."),
    Role.PRIVACY_OFFICER: _("You supervise lawful processing: audit trail, retention and data-subject requests."),
    Role.BOA: _("You enforce in the rural area and alert the area partnership's partners to what they should know."),
    Role.WIJKAGENT: _("You are the police's face in the area partnership and alert its partners when needed."),
    Role.VERTROUWENSPERSOON: _(
        "You are the trusted contact for entrepreneurs who were approached by criminals: you talk with them, "
        "pass on what they report without their name, and refer them to support with their consent."
    ),
    Role.WEERBAARHEIDSCOORDINATOR: _(
        "You keep your organisation resilient: the scan of vulnerable processes, training and improvement actions."
    ),
    Role.PROCESEIGENAAR: _("You own a vulnerable process and answer the resilience scan for it."),
    Role.INTEGRITEITSCOORDINATOR: _(
        "You receive confidential reports of pressure, offers and conflicts of interest and follow them up."
    ),
    Role.LEIDINGGEVENDE: _("You lead a department and follow its training progress as group figures."),
    Role.RAADSLID: _("You oversee, as a council member, the organisation's resilience in aggregate figures."),
}

_ANY_TYPE = frozenset(OrganisationType.values)
_PUBLIC = _ANY_TYPE - PRIVATE_TYPES

#: The organisation types at which a role may be held. Handling signals and cases, and coordinating threats,
#: is public work; a private partner sends information in through its representative and manages its own
#: people. A role whose own permissions are all closed to private partners (see each code's declaration)
#: is never offered to one, except the partner representative: that is the private partner's seat.
ROLE_ORGANISATION_TYPES: dict[str, frozenset[str]] = {
    Role.FUNCTIONEEL_BEHEERDER: _ANY_TYPE,
    Role.MELDPUNT: _PUBLIC,
    Role.SCHAKELTEAM: _PUBLIC,
    Role.CASUSREGISSEUR: _PUBLIC,
    Role.RIEC_ANALIST: frozenset({OrganisationType.RIEC}),
    Role.PROGRAMMAMANAGER: _PUBLIC,
    Role.PARTNERVERTEGENWOORDIGER: _ANY_TYPE,
    Role.VEILIGHEIDSCOORDINATOR: _PUBLIC,
    # A staff member's own codes (threats against himself, integrity reports, training) are an employer's
    # duty to its own public staff; at a private partner the role would add nothing.
    Role.MEDEWERKER: _PUBLIC,
    Role.GEBIEDSREGISSEUR: _PUBLIC,
    Role.AUDITOR: _ANY_TYPE,
    Role.PRIVACY_OFFICER: _ANY_TYPE,
    # Enforcement officers work for municipalities, water boards, provinces, environmental services and
    # nature managers (the "green" BOAs).
    Role.BOA: frozenset(
        {
            OrganisationType.GEMEENTE,
            OrganisationType.WATERSCHAP,
            OrganisationType.PROVINCIE,
            OrganisationType.OMGEVINGSDIENST,
            OrganisationType.NATUURBEHEER,
        }
    ),
    Role.WIJKAGENT: frozenset({OrganisationType.POLITIE}),
    # A trusted contact works at a farmers' organisation or another private or public organisation, never at
    # an enforcing one.
    Role.VERTROUWENSPERSOON: _ANY_TYPE
    - {OrganisationType.POLITIE, OrganisationType.OM, OrganisationType.RIEC, OrganisationType.BELASTINGDIENST},
    # A resilient organisation is a public one's concern; the council belongs to a municipality, province or
    # water board.
    Role.WEERBAARHEIDSCOORDINATOR: _PUBLIC,
    Role.PROCESEIGENAAR: _PUBLIC,
    Role.INTEGRITEITSCOORDINATOR: _PUBLIC,
    Role.LEIDINGGEVENDE: _PUBLIC,
    Role.RAADSLID: frozenset({OrganisationType.GEMEENTE, OrganisationType.PROVINCIE, OrganisationType.WATERSCHAP}),
}


def role_allowed_at(role: str, organisation_type: str) -> bool:
    return organisation_type in ROLE_ORGANISATION_TYPES.get(role, frozenset())


def roles_allowed_at(organisation_type: str) -> list[tuple[str, StrOrPromise]]:
    """The role choices an organisation of this type may hold, in the order of :class:`Role`."""
    return [(value, label) for value, label in Role.choices if role_allowed_at(value, organisation_type)]
