# SPDX-License-Identifier: EUPL-1.2
"""The case rules of ``scopes.py`` agree with themselves everywhere they are used, on random worlds.

Each example builds organisations (one private), people with random roles (screened or not), cases with
organisation and named memberships that are active, end later or have ended, and items with random
suppliers, regimes, consent requirements and consents, with or without the written assessment. Then, for
every (actor, case) and (actor, item): the permission rule, the selectors, the correlation provider and
the export agree with membership in the list-level filter — both ways.
"""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.scopes import assert_meetings_agree
from tests.subjects import assert_subjects_agree
from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.cases import scopes
from weerbaar.cases.models import Case, CaseItem, Meeting
from weerbaar.cases.selectors import (
    case_get,
    case_items_exportable,
    case_items_visible,
    case_list,
    is_case_member,
    meeting_get,
    meeting_list,
)
from weerbaar.cases.services import (
    case_assessment_record,
    item_add,
    item_consent_grant,
    meeting_create,
    membership_add,
    membership_end,
    subject_add,
)
from weerbaar.cases.tests.factories import make_case, make_case_user, make_organisation
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.models import Subject
from weerbaar.organisations.constants import OrganisationType

# Forty random worlds take over ten seconds: CI runs them, `make test-fast` does not.
pytestmark = pytest.mark.slow

ROLES = [
    Role.CASUSREGISSEUR,
    Role.PARTNERVERTEGENWOORDIGER,
    Role.RIEC_ANALIST,
    Role.PROGRAMMAMANAGER,
    Role.MEDEWERKER,
    Role.VEILIGHEIDSCOORDINATOR,
]
#: Public organisations that can be members (police supplies Wpg, the tax office AWR) and one private partner.
ORG_TYPES = [OrganisationType.GEMEENTE, OrganisationType.POLITIE, OrganisationType.BELASTINGDIENST]
#: What happens to a membership: none, active, ends in the future, ended (through the service, yesterday).
MEMBERSHIP = ["none", "active", "ends_later", "ended"]
REGIMES = {
    OrganisationType.GEMEENTE: [LegalRegime.AVG, LegalRegime.WGS],
    OrganisationType.POLITIE: [LegalRegime.WPG, LegalRegime.AVG],
    OrganisationType.BELASTINGDIENST: [LegalRegime.AWR, LegalRegime.AVG],
}

people = st.lists(
    st.tuples(st.integers(0, len(ORG_TYPES)), st.sampled_from(ROLES), st.booleans()), min_size=1, max_size=5
)
items = st.lists(
    st.tuples(
        st.integers(0, len(ORG_TYPES) - 1),  # supplier organisation
        st.integers(0, 1),  # regime (index into the supplier's regimes)
        st.booleans(),  # consent required
        st.sets(st.integers(0, len(ORG_TYPES) - 1), max_size=2),  # consented organisations
        st.booleans(),  # export consent
        st.booleans(),  # a subject (correlation) rather than a note
    ),
    max_size=5,
)
world = st.fixed_dictionaries(
    {
        "memberships": st.lists(st.sampled_from(MEMBERSHIP), min_size=len(ORG_TYPES) - 1, max_size=len(ORG_TYPES) - 1),
        "people": people,
        "named": st.lists(st.tuples(st.integers(0, 4), st.sampled_from(MEMBERSHIP)), max_size=2),
        "items": items,
        "assessment": st.booleans(),
        "meeting": st.booleans(),
    }
)


def _join(owner: Actor, case: Case, how: str, **member: Any) -> None:
    if how == "none":
        return
    ends_on = timezone.localdate() + timedelta(days=30) if how == "ends_later" else None
    membership = membership_add(actor=owner, case=case, ends_on=ends_on, **member)
    if how == "ended":
        membership_end(actor=owner, membership=membership)


def _build(plan: dict[str, Any]) -> tuple[list[Actor], Case, list[CaseItem]]:
    orgs = [make_organisation(type=t) for t in ORG_TYPES]
    orgs.append(make_organisation(type=OrganisationType.AGRARISCH))
    owner = actor_for(user=make_case_user(organisation=orgs[0], role=Role.CASUSREGISSEUR))
    case = make_case(owner)
    # Every public organisation has a screened supplier; it joins for as long as its items are added.
    suppliers = [
        actor_for(user=make_case_user(organisation=org, role=Role.PARTNERVERTEGENWOORDIGER))
        for org in orgs[: len(ORG_TYPES)]
    ]
    for org in orgs[1 : len(ORG_TYPES)]:
        membership_add(actor=owner, case=case, organisation=org)
    made: list[CaseItem] = []
    for supplier_index, regime_index, consent_required, consent_to, export, as_subject in plan["items"]:
        supplier = suppliers[supplier_index]
        regime = REGIMES[ORG_TYPES[supplier_index]][regime_index]
        others = [orgs[i] for i in sorted(consent_to) if i != supplier_index]
        if as_subject:
            item = subject_add(
                actor=supplier,
                case=case,
                kind="persoon",
                values={"given_names": "Jan", "surname": f"Berg{len(made)}", "birth_date": "1980-03-07"},
                regime=regime,
                consent_required=consent_required,
                consent_to=others,
            ).subject.case_item
            assert item is not None
        else:
            item = item_add(
                actor=supplier,
                case=case,
                kind="notitie",
                title=f"Notitie {len(made)}",
                body="Synthetisch.",
                regime=regime,
                consent_required=consent_required,
                consent_to=others,
            )
        if export:
            item_consent_grant(actor=supplier, item=item, export=True)
        made.append(item)
    if plan["assessment"]:
        case = case_assessment_record(actor=owner, case=case, text="Proportioneel en subsidiair (synthetisch).")
    # Now the random memberships replace the suppliers' temporary ones.
    for index, how in enumerate(plan["memberships"], start=1):
        membership = case.memberships.get(organisation=orgs[index], user__isnull=True)
        membership_end(actor=owner, membership=membership)
        _join(owner, case, how, organisation=orgs[index])
    actors = [owner, *suppliers]
    for org_index, role, screened in plan["people"]:
        actors.append(actor_for(user=make_case_user(organisation=orgs[org_index], role=role, screened=screened)))
    for person_index, how in plan["named"]:
        person = actors[(person_index % (len(actors) - 1)) + 1]
        member = person.user
        if member is None or person.organisation is None or person.organisation.is_private:
            continue
        if not member.is_screened or case.memberships.filter(user=member).exists():
            continue
        _join(owner, case, how, organisation=person.organisation, user=member)
    if plan["meeting"]:
        meeting_create(actor=owner, kind="casusoverleg", on=timezone.localdate(), cases=[case])
    return actors, Case.objects.get(pk=case.pk), made


class CaseScopeAgreement(TestCase):
    @settings(max_examples=40, deadline=None)
    @given(plan=world)
    def test_the_rules_agree_everywhere(self, plan: dict[str, Any]) -> None:
        actors, case, made = _build(plan)
        for actor in actors:
            listed = case in case_list(actor=actor)
            if Perm.CASES_VIEW not in actor.permissions:
                assert not listed
                assert not CaseItem.objects.filter(scopes.case_item_visible(actor)).exists()
            assert can(actor, Perm.CASES_VIEW, case) == listed
            assert (case_get(actor=actor, uuid=case.uuid) is not None) == listed
            assert Case.objects.filter(scopes.case_visible(actor), pk=case.pk).exists() == listed
            assert is_case_member(actor=actor, case=case) == scopes.is_member(actor, case)
            managed = Case.objects.filter(scopes.case_managed(actor), pk=case.pk).exists()
            assert can(actor, Perm.CASES_MANAGE, case) == managed
            if managed:
                assert listed
            visible_items = set(case_items_visible(actor=actor, case=case))
            exportable_items = set(case_items_exportable(actor=actor, case=case))
            for item in made:
                visible = item in visible_items
                event(f"item seen by a member: {visible}" if listed else "item of a case out of sight")
                assert scopes.case_item_is_visible(actor, item) == visible
                assert scopes.case_item_is_exportable(actor, item) == (item in exportable_items)
                if item in exportable_items:
                    assert visible
                if visible:
                    assert listed
                assert_subjects_agree(
                    actor, Subject.objects.filter(case_item=item), visible=visible, exportable=item in exportable_items
                )
            assert_meetings_agree(
                actor,
                Meeting.objects.all(),
                listed=meeting_list(actor=actor),
                get=meeting_get,
                is_visible=scopes.meeting_is_visible,
            )
