# SPDX-License-Identifier: EUPL-1.2
"""The incident rules of ``scopes.py`` agree with themselves everywhere they are used, on random worlds.

Each example builds two municipalities and a private partner, people with random roles (screened or not),
incidents against random victims (some sharing a perpetrator), and grants to random people, some revoked.
Then, for every (actor, incident): the permission rules, the selectors and the perpetrator links agree
with membership in the list-level filters — both ways.
"""

from functools import partial
from itertools import count
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.scopes import make_person
from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor, can
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.services import organisation_create
from weerbaar.threats import scopes, services
from weerbaar.threats.models import Incident, VictimPerson
from weerbaar.threats.permissions import coordinate_incident, may_add_evidence, may_grant
from weerbaar.threats.selectors import (
    grantee_organisations,
    incident_coordinated_get,
    incident_get,
    incident_list,
    perpetrator_links,
    step_list,
    step_overdue_list,
    victim_person_get,
)
from weerbaar.threats.tests.factories import make_incident

ROLES = [
    Role.MEDEWERKER,
    Role.VEILIGHEIDSCOORDINATOR,
    Role.PROGRAMMAMANAGER,
    Role.FUNCTIONEEL_BEHEERDER,
    Role.CASUSREGISSEUR,
]
ORG_TYPES = [
    OrganisationType.GEMEENTE,
    OrganisationType.GEMEENTE,
    OrganisationType.AGRARISCH,
    OrganisationType.POLITIE,
]
PERPETRATORS = ["", "KNT-12-AB", "KNT-34-CD"]
_seq = count(1)
_person = partial(make_person, label="Dreiging")

world = st.fixed_dictionaries(
    {
        "people": st.lists(
            st.tuples(st.integers(0, len(ORG_TYPES) - 1), st.sampled_from(ROLES), st.booleans()),
            min_size=2,
            max_size=6,
        ),
        # (victim, perpetrator identifier) per incident; victims are drawn from the public organisations' staff.
        "incidents": st.lists(st.tuples(st.integers(0, 5), st.sampled_from(PERPETRATORS)), min_size=1, max_size=4),
        # (incident, grantee, revoked)
        "grants": st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5), st.booleans()), max_size=4),
    }
)


def _build(plan: dict[str, Any]) -> tuple[list[Actor], list[Incident]]:
    orgs = [organisation_create(actor=None, name=f"Organisatie {next(_seq)}", type=t) for t in ORG_TYPES]
    # A coordinator in each municipality, so every incident has someone who follows it up.
    users = [_person(orgs[0], Role.VEILIGHEIDSCOORDINATOR, True), _person(orgs[1], Role.VEILIGHEIDSCOORDINATOR, True)]
    users += [_person(orgs[i], role, screened) for i, role, screened in plan["people"]]
    staff = [u for u in users if not u.home_organisation.is_private]  # type: ignore[union-attr]
    incidents = [
        make_incident(staff[victim % len(staff)], perpetrator_identifier=perpetrator)
        for victim, perpetrator in plan["incidents"]
    ]
    for incident_index, grantee_index, revoked in plan["grants"]:
        incident = incidents[incident_index % len(incidents)]
        grantee = users[grantee_index % len(users)]
        victim = actor_for(user=incident.victim_person.user)
        if (
            grantee.pk == incident.victim_person.user_id
            or incident.grants.filter(grantee=grantee, revoked_at=None).exists()
        ):
            continue
        if grantee.pk not in grantee_organisations(incident=incident):
            # Only the own organisation and the police can be granted; the service refuses the rest.
            with pytest.raises(ValidationError):
                services.grant_create(actor=victim, incident=incident, grantee=grantee, reason="Synthetisch.")
            continue
        grant = services.grant_create(actor=victim, incident=incident, grantee=grantee, reason="Synthetisch.")
        if revoked:
            services.grant_revoke(actor=victim, grant=grant)
    return [actor_for(user=u) for u in users], incidents


class IncidentScopeAgreement(TestCase):
    @settings(max_examples=40, deadline=None)
    @given(plan=world)
    def test_the_rules_agree_everywhere(self, plan: dict[str, Any]) -> None:
        actors, incidents = _build(plan)
        for actor in actors:
            listed = set(incident_list(actor=actor))
            coordinated = set(Incident.objects.filter(scopes.incident_coordinated(actor)))
            decided = set(Incident.objects.filter(scopes.incident_decided_by(actor)))
            counted = set(Incident.objects.filter(scopes.incident_counted(actor)))
            overdue_of = {step.incident_id for step in step_overdue_list(actor=actor)}
            for incident in incidents:
                visible = incident in listed
                event(f"visible: {visible}")
                assert can(actor, Perm.THREATS_VIEW, incident) == visible
                assert scopes.is_visible(actor, incident) == visible
                assert (incident_get(actor=actor, uuid=incident.uuid) is not None) == visible
                assert step_list(actor=actor, incident=incident).exists() == visible
                assert (victim_person_get(actor=actor, incident=incident) is not None) == visible
                assert (
                    VictimPerson.objects.filter(scopes.victim_person_visible(actor), incident=incident).exists()
                    == visible
                )
                coordinates = incident in coordinated
                assert can(actor, Perm.THREATS_COORDINATE, incident) == coordinates
                assert coordinate_incident(actor, incident) == coordinates
                assert (incident_coordinated_get(actor=actor, uuid=incident.uuid) is not None) == (
                    coordinates and visible
                )
                if incident.pk in overdue_of:
                    assert coordinates and visible
                assert may_grant(actor, incident) == (incident in decided)
                assert may_add_evidence(actor, incident) == (incident in decided)
                assert can(actor, Perm.THREATS_INSIGHT, incident) == (incident in counted)
                if Perm.THREATS_VIEW not in actor.permissions:
                    assert not visible
                if coordinates:
                    links = perpetrator_links(actor=actor, incident=incident)
                    for other, _match in links.own:
                        assert other in coordinated
