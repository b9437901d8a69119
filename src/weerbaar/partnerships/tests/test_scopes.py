# SPDX-License-Identifier: EUPL-1.2
"""The partnership rules of ``scopes.py`` agree with themselves everywhere they are used, on random worlds.

Each example builds a partnership led by a municipality, organisations of public and private types that
join it with random ceilings and legal bases (some leave again), people with random roles (some named as
representatives, some of those ended), directory entries with and without consent, an alert and a
random chair. Then, for every (actor, object): the policy (``can``), the object-level checks, the
selectors' lists and getters agree with the list-level filters — both ways — for every data class; and
whatever the world, nobody acting for a private partner receives personal or criminal-offence data.
"""

from itertools import count
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import memo_while_reading
from weerbaar.geo.services import geography_load
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships import scopes, selectors, services
from weerbaar.partnerships.ceiling import allowed_ceilings
from weerbaar.partnerships.constants import DATA_CLASS_ORDER, DataClass, LegalBasis
from weerbaar.partnerships.models import AreaAlert, DirectoryEntry, Participant, Partnership
from weerbaar.partnerships.permissions import Shown, Shows
from weerbaar.partnerships.tests.factories import facilitator_actor, make_organisation, make_partnership, make_person

pytestmark = pytest.mark.slow

ORG_TYPES = [
    OrganisationType.POLITIE,
    OrganisationType.VEILIGHEIDSREGIO,
    OrganisationType.AGRARISCH,
    OrganisationType.NETBEHEERDER,
    OrganisationType.GEMEENTE,
]
#: The partner representative twice: most members of a partnership are one.
ROLES = [
    Role.PARTNERVERTEGENWOORDIGER,
    Role.PARTNERVERTEGENWOORDIGER,
    Role.GEBIEDSREGISSEUR,
    Role.BOA,
    Role.WIJKAGENT,
    Role.MEDEWERKER,
]
_seq = count(1)
#: Leaving and ending a representation happen, but less often than not.
SOMETIMES = st.sampled_from([False, False, True])

world = st.fixed_dictionaries(
    {
        # (organisation, ceiling, legal basis, leaves later) for each joining organisation
        "joins": st.lists(
            st.tuples(
                st.integers(0, len(ORG_TYPES) - 1),
                st.sampled_from(DATA_CLASS_ORDER[:3]),
                st.sampled_from(LegalBasis.values),
                SOMETIMES,
            ),
            max_size=4,
        ),
        # (the n-th joining organisation, or -1 for the lead; role, screened, named as representative, ended)
        "people": st.lists(
            st.tuples(
                st.integers(-1, 3),
                st.sampled_from(ROLES),
                st.booleans(),
                st.booleans(),
                SOMETIMES,
            ),
            min_size=1,
            max_size=6,
        ),
        # per joining organisation: write an entry, with consent
        "entries": st.lists(st.tuples(st.booleans(), st.booleans()), max_size=4),
        "chair": st.integers(0, 5),
    }
)


def _build(plan: dict[str, Any]) -> tuple[list[Actor], Partnership]:
    lead = make_organisation(OrganisationType.GEMEENTE)
    facilitator = make_person(lead, Role.GEBIEDSREGISSEUR, totp=False)
    partnership = make_partnership(facilitator)
    manager = facilitator_actor(partnership)
    orgs = [make_organisation(t) for t in ORG_TYPES]
    participants: dict[int, Participant] = {}
    for index, ceiling, basis, _leaves in plan["joins"]:
        organisation = orgs[index]
        if index in participants:
            continue
        allowed = allowed_ceilings(private=organisation.is_private, legal_basis=basis)
        ceiling = ceiling if ceiling in allowed else allowed[-1]  # what the service would accept instead
        participants[index] = services.participant_add(
            actor=manager, partnership=partnership, organisation=organisation, ceiling=ceiling, legal_basis=basis
        )
    users = [facilitator]
    joined = list(participants.values())
    for index, role, screened, named, ended in plan["people"]:
        if index < 0 or not joined:
            participant = partnership.participants.get(organisation=lead)
        else:
            participant = joined[index % len(joined)]
        user = make_person(participant.organisation, role, screened=screened, totp=False)
        users.append(user)
        if not named:
            continue
        try:
            representative = services.representative_add(
                actor=manager, participant=participant, user=user, function="Lid"
            )
        except ValidationError:
            continue  # their role takes no part in partnerships: the service refuses them
        if ended:
            services.representative_end(actor=manager, representative=representative)
    for (write, consent), participant in zip(plan["entries"], participants.values(), strict=False):
        representative = participant.representatives.filter(ended_at__isnull=True).first()
        if write and representative is not None:
            services.directory_entry_save(
                actor=actor_for(user=representative.user, organisation_uuid=participant.organisation.uuid),
                participant=participant,
                expected_version=None,
                data={"description": "Synthetisch.", "contact_name": "Iemand", "contact_consent": consent},
            )
    services.alert_send(actor=manager, partnership=partnership, theme="overig", text="Synthetisch bericht.")
    holders = list(selectors.representative_list(actor=manager, partnership=partnership))
    if holders:
        chair = holders[plan["chair"] % len(holders)].user
        services.partnership_update(
            actor=manager, partnership=partnership, expected_version=None, data={"chair": chair}
        )
    for (index, _c, _b, leaves), participant in zip(plan["joins"], list(participants.values()), strict=False):
        if leaves and participant.organisation_id == orgs[index].pk:
            services.participant_leave(actor=manager, participant=participant)
    actors = [actor_for(user=u) for u in users]
    return actors, Partnership.objects.get(pk=partnership.pk)


class PartnershipScopeAgreement(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        geography_load()

    @settings(max_examples=25, deadline=None)
    @given(plan=world)
    def test_the_rules_agree_everywhere(self, plan: dict[str, Any]) -> None:
        actors, partnership = _build(plan)
        participants = list(partnership.participants.all())
        alerts = list(AreaAlert.objects.filter(partnership=partnership))
        entries = list(DirectoryEntry.objects.filter(participant__partnership=partnership))
        for actor in actors:
            receiving = {
                data_class: partnership in set(selectors.partnership_list(actor=actor, data_class=data_class))
                for data_class in DataClass.values
            }
            event(f"receives: {max((c for c, r in receiving.items() if r), default='nothing', key=str)}")
            # Resolved once and remembered (a read-only request), the rule admits exactly the same.
            with memo_while_reading():
                remembered = {
                    data_class: partnership in set(selectors.partnership_list(actor=actor, data_class=data_class))
                    for data_class in DataClass.values
                }
                remembered_alerts = set(selectors.alert_list(actor=actor, partnership=partnership))
            assert remembered == receiving
            assert remembered_alerts == set(selectors.alert_list(actor=actor, partnership=partnership))
            for data_class, received in receiving.items():
                assert can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, Shown(data_class))) == received
                assert scopes.is_receiving(actor, partnership, data_class) == received
                assert (
                    selectors.partnership_get(actor=actor, uuid=partnership.uuid, data_class=data_class) is not None
                ) == received
            member = receiving[DataClass.AGGREGAAT]
            assert can(actor, Perm.PARTNERSHIPS_VIEW, partnership) == member
            # The classes are ordered, criminal-offence data never reach area A, private partners stop at operational.
            assert receiving[DataClass.PERSOONLIJK] <= receiving[DataClass.OPERATIONEEL] <= member
            assert not receiving[DataClass.STRAFRECHTELIJK]
            if actor.organisation is not None and actor.organisation.is_private:
                assert not receiving[DataClass.PERSOONLIJK]
            if Perm.PARTNERSHIPS_VIEW not in actor.permissions:
                assert not member
            operational = receiving[DataClass.OPERATIONEEL]
            consented = can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, Shown(DataClass.PERSOONLIJK, True)))
            assert consented == operational

            managed = partnership in set(selectors.partnership_managed_list(actor=actor))
            assert can(actor, Perm.PARTNERSHIPS_MANAGE, partnership) == managed
            if managed:
                assert operational
            alertable = partnership in set(selectors.partnership_alertable_list(actor=actor))
            assert can(actor, Perm.PARTNERSHIPS_ALERT, partnership) == alertable
            assert alertable == (operational and Perm.PARTNERSHIPS_ALERT in actor.permissions)

            listed = set(selectors.participant_list(actor=actor, partnership=partnership))
            for participant in participants:
                assert can(actor, Perm.PARTNERSHIPS_VIEW, participant) == (participant in listed) == operational
            represented = set(selectors.represented_participants(actor=actor, partnership=partnership))
            for participant in participants:
                assert can(actor, Perm.PARTNERSHIPS_DIRECTORY, participant) == (participant in represented)
            shown_alerts = set(selectors.alert_list(actor=actor, partnership=partnership))
            for alert in alerts:
                assert can(actor, Perm.PARTNERSHIPS_VIEW, alert) == (alert in shown_alerts) == operational
            cards = {card.uuid: card for card in selectors.directory_list(actor=actor, partnership=partnership)}
            for entry in entries:
                visible = entry.uuid in cards
                assert can(actor, Perm.PARTNERSHIPS_VIEW, entry) == visible
                assert visible == (operational and entry.participant.left_at is None)
                if visible:
                    assert (cards[entry.uuid].contact is not None) == entry.contact_consent
                assert can(actor, Perm.PARTNERSHIPS_DIRECTORY, entry) == (entry.participant in represented)
            names = set(selectors.representative_list(actor=actor, partnership=partnership))
            if not receiving[DataClass.PERSOONLIJK]:
                assert all(r.participant.organisation_id == actor.organisation_id for r in names)
