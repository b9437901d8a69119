# SPDX-License-Identifier: EUPL-1.2
"""The object-level answers of the policy agree with the selectors' lists, both ways, for every person of two
organisations (every role of area D, a staff member) on every scan, assignment and action."""

import pytest

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import can
from weerbaar.resilience import selectors
from weerbaar.resilience.models import Assignment, ImprovementAction, Scan
from weerbaar.resilience.tests.factories import actor, make_action, make_office, scanned

pytestmark = pytest.mark.django_db


def test_policy_and_selectors_agree() -> None:
    offices = [make_office(), make_office()]
    for office in offices:
        scan = scanned(office, close=False, keys=("vergunningen",))
        make_action(office, scan, owner=office.owners[0])
        make_action(office, scan, owner=office.coordinator)
    people = [
        user
        for office in offices
        for user in (office.coordinator, *office.owners, office.council, office.line_manager, office.colleague)
    ]
    scans = list(Scan.objects.all())
    assignments = list(Assignment.objects.all())
    actions = list(ImprovementAction.objects.all())
    for user in people:
        who = actor(user)
        managed = set(selectors.scan_list(actor=who))
        council = set(selectors.council_scan_list(actor=who))
        own = set(selectors.assignment_list(actor=who))
        visible = set(selectors.action_list(actor=who))
        for scan in scans:
            assert can(who, Perm.RESILIENCE_MANAGE, scan) == (scan in managed), (user.username, scan)
            assert can(who, Perm.RESILIENCE_COUNCIL, scan) == (scan in council), (user.username, scan)
        for assignment in assignments:
            assert can(who, Perm.RESILIENCE_ANSWER, assignment) == (assignment in own)
            assert (assignment in own) == (assignment.respondent_id == user.pk)
        for action in actions:
            assert can(who, Perm.RESILIENCE_ANSWER, action) == (action in visible)
            assert can(who, Perm.RESILIENCE_MANAGE, action) == (
                action in visible and who.has_role("weerbaarheidscoordinator")
            )
    # Nobody outside the scan's organisation sees anything of it.
    for office, other in ((offices[0], offices[1]), (offices[1], offices[0])):
        outsider = actor(other.coordinator)
        assert not selectors.scan_list(actor=outsider).filter(organisation=office.organisation).exists()
        assert not selectors.action_list(actor=outsider).filter(scan__organisation=office.organisation).exists()
