# SPDX-License-Identifier: EUPL-1.2
"""The object-level answers (the policy, the selectors' ``*_get``) agree with the list-level rules of
``scopes.py``, for every actor and object of a small world with two desks, a colleague, someone who
enforces and also holds the trusted-contact role, and people without it."""

from typing import Any

import pytest

from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.accounts.services import role_assign
from weerbaar.core.policy import Actor, can
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.support import selectors
from weerbaar.support.tests.factories import (
    approached_input,
    make_desk,
    make_organisation,
    make_person,
    make_referral,
    make_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(geography: None) -> dict[str, Any]:
    make_organisation(OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0757"))
    make_organisation(OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))
    boxtel, tilburg = make_desk(), make_desk(codes=("GM0855",))
    reports = [make_report(), make_report(municipality=Municipality.objects.get(code="GM0855"))]
    referrals = [make_referral(boxtel, report=reports[0]), make_referral(tilburg), make_referral(boxtel)]
    colleague = make_person(boxtel.organisation, Role.VERTROUWENSPERSOON)
    enforcing = make_person(make_organisation(OrganisationType.POLITIE), Role.WIJKAGENT)
    role_assign(actor=None, user=enforcing, organisation=boxtel.organisation, role=Role.VERTROUWENSPERSOON)
    partner = make_person(boxtel.organisation, Role.PARTNERVERTEGENWOORDIGER)
    actors: list[Actor] = [
        boxtel.actor,
        tilburg.actor,
        actor_for(user=colleague),
        actor_for(user=enforcing, organisation_uuid=boxtel.organisation.uuid),
        actor_for(user=partner),
    ]
    assert approached_input()  # the factory's defaults stay valid
    return {"actors": actors, "reports": reports, "referrals": referrals, "boxtel": boxtel}


def test_policy_selectors_and_rules_agree(world: dict[str, Any]) -> None:
    for actor in world["actors"]:
        listed_reports = set(selectors.report_list(actor=actor).values_list("pk", flat=True))
        listed_referrals = set(selectors.referral_list(actor=actor).values_list("pk", flat=True))
        for report in world["reports"]:
            visible = can(actor, Perm.SUPPORT_VIEW, report)
            assert visible == (report.pk in listed_reports)
            assert visible == (selectors.report_get(actor=actor, uuid=report.uuid) is not None)
            assert visible == can(actor, Perm.SUPPORT_REFER, report)
        for referral in world["referrals"]:
            visible = can(actor, Perm.SUPPORT_VIEW, referral)
            assert visible == (referral.pk in listed_referrals)
            assert visible == (selectors.referral_get(actor=actor, uuid=referral.uuid) is not None)


def test_who_sees_what(world: dict[str, Any]) -> None:
    boxtel_contact, tilburg_contact, colleague, enforcing, partner = world["actors"]
    own = {r.pk for r in world["referrals"] if r.trusted_contact.organisation_id == world["boxtel"].organisation.pk}
    assert set(selectors.referral_list(actor=boxtel_contact).values_list("pk", flat=True)) == own
    assert set(selectors.referral_list(actor=colleague).values_list("pk", flat=True)) == own
    assert len(selectors.referral_list(actor=tilburg_contact)) == 1
    for outsider in (enforcing, partner):
        assert not selectors.referral_list(actor=outsider).exists()
        assert not selectors.report_list(actor=outsider).exists()
        assert not selectors.provider_list(actor=outsider).exists()
