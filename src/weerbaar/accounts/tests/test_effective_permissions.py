# SPDX-License-Identifier: EUPL-1.2
"""What every role may do, screened or not, acting for every type of organisation.

The expectation is written out here by hand, apart from the code that computes it, so that moving the
rules (which codes need screening, which are never for private partners) cannot change who holds what.
"""

import pytest

from weerbaar.accounts.constants import ROLE_PERMISSIONS, Role, ScreeningStatus
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import effective_permissions
from weerbaar.core.permissions import permission_spec
from weerbaar.organisations.constants import PRIVATE_TYPES, OrganisationType
from weerbaar.organisations.models import Organisation

_EVERYONE = {
    "organisations.view",
    "geo.view",
    "signals.report",
    "signals.view_own",
    "threats.report",
    "threats.view",
    "integrity.report",
}
_SIGNAL_READERS = {"signals.view", "correlation.view"}
_CASE_MEMBERS = {"cases.view", "correlation.view"}
_ANALYSTS = {"correlation.screen", "correlation.judge"}
_RETENTION = {"retention.view"}
_AREA_MEMBERS = {"partnerships.view", "partnerships.directory"}
_KNOWLEDGE_READERS = {"knowledge.view"}
_KNOWLEDGE_EDITORS = {"knowledge.view", "knowledge.edit"}
_ACTION_PARTNERS = {"actions.view", "actions.check"}
_ACTION_PLANNERS = _ACTION_PARTNERS | {"actions.manage"}

#: What each role grants to screened staff of a public organisation.
GRANTED: dict[str, frozenset[str]] = {
    Role.FUNCTIONEEL_BEHEERDER: frozenset(_EVERYONE | {"accounts.manage_users", "organisations.manage"}),
    Role.MELDPUNT: frozenset(
        _EVERYONE | {"insights.view"} | _SIGNAL_READERS | {"signals.intake", "signals.export"} | _RETENTION
    ),
    Role.SCHAKELTEAM: frozenset(_EVERYONE | {"insights.view"} | _SIGNAL_READERS | {"signals.weigh"} | _CASE_MEMBERS),
    Role.CASUSREGISSEUR: frozenset(
        _EVERYONE
        | {"insights.view"}
        | _SIGNAL_READERS
        | {"signals.export"}
        | _CASE_MEMBERS
        | {"cases.manage"}
        | _ANALYSTS
        | _RETENTION
        | _KNOWLEDGE_READERS
        | {"insights.report_make"}
        | _ACTION_PLANNERS
    ),
    Role.RIEC_ANALIST: frozenset(
        _EVERYONE
        | {"insights.view"}
        | _SIGNAL_READERS
        | _CASE_MEMBERS
        | {"cases.manage"}
        | _ANALYSTS
        | {"correlation.manage"}
        | _RETENTION
        | _KNOWLEDGE_EDITORS
        | {"insights.report_make"}
        | _ACTION_PLANNERS
    ),
    Role.PROGRAMMAMANAGER: frozenset(
        _EVERYONE
        | _CASE_MEMBERS
        | {"cases.programme", "insights.view", "insights.organisation", "insights.report_make"}
    ),
    Role.PARTNERVERTEGENWOORDIGER: frozenset(_EVERYONE | _CASE_MEMBERS | _AREA_MEMBERS | _ACTION_PARTNERS),
    Role.VEILIGHEIDSCOORDINATOR: frozenset(
        _EVERYONE | {"insights.view", "threats.coordinate", "threats.insight"} | _RETENTION
    ),
    Role.MEDEWERKER: frozenset(_EVERYONE | {"training.take"}),
    Role.GEBIEDSREGISSEUR: frozenset(_EVERYONE | _AREA_MEMBERS | {"partnerships.manage", "partnerships.alert"}),
    Role.AUDITOR: frozenset(_EVERYONE | {"audit.view"}),
    Role.PRIVACY_OFFICER: frozenset(_EVERYONE | {"audit.view"} | _RETENTION),
    Role.BOA: frozenset(_EVERYONE | _AREA_MEMBERS | {"partnerships.alert"} | _ACTION_PARTNERS),
    Role.WIJKAGENT: frozenset(_EVERYONE | _AREA_MEMBERS | {"partnerships.alert"} | _ACTION_PARTNERS),
    Role.VERTROUWENSPERSOON: frozenset(_EVERYONE | {"support.view", "support.refer"}),
    Role.WEERBAARHEIDSCOORDINATOR: frozenset(
        _EVERYONE | _KNOWLEDGE_EDITORS | {"training.take", "training.manage", "resilience.manage", "resilience.answer"}
    ),
    Role.PROCESEIGENAAR: frozenset(_EVERYONE | _KNOWLEDGE_READERS | {"training.take", "resilience.answer"}),
    Role.INTEGRITEITSCOORDINATOR: frozenset(
        _EVERYONE
        | _KNOWLEDGE_READERS
        | {"training.take", "integrity.handle", "surveys.staff_manage", "surveys.staff_view"}
    ),
    Role.LEIDINGGEVENDE: frozenset(_EVERYONE | {"training.take", "training.department"}),
    Role.RAADSLID: frozenset(
        _EVERYONE
        | {"surveys.staff_view", "training.overview", "resilience.council", "insights.view", "insights.organisation"}
        | {"insights.report_council"}
    ),
}

#: Area B (signals, cases, subjects): only for screened staff, never for a private partner.
SCREENED_PUBLIC_ONLY = frozenset(
    {
        "signals.view",
        "signals.intake",
        "signals.weigh",
        "signals.export",
        "cases.view",
        "cases.manage",
        "cases.programme",
        "correlation.view",
        "correlation.screen",
        "correlation.judge",
        "correlation.manage",
        "actions.view",
        "actions.check",
        "actions.manage",
    }
)
#: Area C (threats): the employer's duty of care, so never for a private partner; no screening needed.
PUBLIC_ONLY = frozenset({"threats.report", "threats.view", "threats.coordinate", "threats.insight"})
#: The retention overview: never for a private partner; what it shows is each policy's own rule.
PUBLIC_ONLY |= {"retention.view"}
#: Area D (the resilient organisation): a public organisation's own staff, so never for a private partner.
PUBLIC_ONLY |= {"integrity.report", "integrity.handle", "surveys.staff_manage", "surveys.staff_view"}
#: Awareness training (area D): the organisation's own staff, so never for a private partner; no screening.
PUBLIC_ONLY |= {"training.take", "training.manage", "training.department", "training.overview"}
#: Area D (the resilience scan): a public body's self-assessment, never for a private partner; no screening.
PUBLIC_ONLY |= {"resilience.manage", "resilience.answer", "resilience.council"}
#: The situational picture: public staff and the council; no partner role holds it yet, no screening (figures
#: only, suppressed; what each figure counts is its series' scope).
PUBLIC_ONLY |= {"insights.view", "insights.organisation"}
#: Reports of the situational picture: made by public staff, read by them and the council; no screening.
PUBLIC_ONLY |= {"insights.report_make", "insights.report_council"}
#: Area A (partnerships): open to private partners and unscreened people, except setting a partnership up,
#: which is the public facilitator's work. What a member then sees is limited per partnership by the ceiling.
AREA_A_PUBLIC_ONLY = frozenset({"partnerships.manage"})
#: Barrier models and practice cases (area D): public staff only; no screening needed.
PUBLIC_ONLY |= {"knowledge.view", "knowledge.edit"}


def _expected(role: str, *, private: bool, screened: bool) -> frozenset[str]:
    perms = GRANTED[role]
    if private or not screened:
        perms -= SCREENED_PUBLIC_ONLY
    if private:
        perms -= PUBLIC_ONLY | AREA_A_PUBLIC_ONLY
    return perms


@pytest.mark.parametrize("organisation_type", OrganisationType.values)
@pytest.mark.parametrize("screened", [True, False])
@pytest.mark.parametrize("role", Role.values)
def test_effective_permissions_per_role_screening_and_organisation_type(
    role: str, screened: bool, organisation_type: str
) -> None:
    # Unsaved instances: the outcome depends on the screening status and the organisation type only.
    user = User(screening_status=ScreeningStatus.PASSED if screened else ScreeningStatus.UNKNOWN)
    organisation = Organisation(type=organisation_type)
    private = organisation_type in PRIVATE_TYPES

    assert effective_permissions(user=user, organisation=organisation, roles=frozenset({role})) == _expected(
        role, private=private, screened=screened
    )


@pytest.mark.parametrize("status", [s for s in ScreeningStatus.values if s != ScreeningStatus.PASSED])
def test_every_screening_status_but_passed_counts_as_unscreened(status: str) -> None:
    user = User(screening_status=status)
    organisation = Organisation(type=OrganisationType.GEMEENTE)

    assert effective_permissions(
        user=user, organisation=organisation, roles=frozenset({Role.RIEC_ANALIST})
    ) == _expected(Role.RIEC_ANALIST, private=False, screened=False)


def test_roles_add_up() -> None:
    user = User(screening_status=ScreeningStatus.PASSED)
    organisation = Organisation(type=OrganisationType.GEMEENTE)
    roles = frozenset({Role.MELDPUNT, Role.VEILIGHEIDSCOORDINATOR})

    assert effective_permissions(user=user, organisation=organisation, roles=roles) == (
        GRANTED[Role.MELDPUNT] | GRANTED[Role.VEILIGHEIDSCOORDINATOR]
    )


def test_every_granted_code_is_declared() -> None:
    for role, codes in ROLE_PERMISSIONS.items():
        for code in codes:
            assert permission_spec(code).code == code, role
