# SPDX-License-Identifier: EUPL-1.2
"""The data-class ceiling: the rule itself, its query face, and the policy asked about each class."""

from itertools import product

import pytest

from weerbaar.organisations.constants import PRIVATE_TYPES, OrganisationType
from weerbaar.partnerships.ceiling import allowed_ceilings, ceiling_q, effective_ceiling, receives
from weerbaar.partnerships.constants import DATA_CLASS_ORDER, DataClass, LegalBasis
from weerbaar.partnerships.models import Participant
from weerbaar.partnerships.tests.factories import make_organisation, make_partnership, make_person

AGG, OPS, PERS, CRIM = DATA_CLASS_ORDER


@pytest.mark.parametrize("ceiling", DATA_CLASS_ORDER)
@pytest.mark.parametrize("basis", LegalBasis.values)
def test_a_private_participant_never_receives_more_than_operational(ceiling: str, basis: str) -> None:
    effective = effective_ceiling(ceiling=ceiling, private=True, legal_basis=basis)
    assert effective in {AGG, OPS}
    assert effective == (AGG if ceiling == AGG else OPS)


@pytest.mark.parametrize("private", [True, False])
@pytest.mark.parametrize("basis", LegalBasis.values)
def test_criminal_offence_data_are_never_granted(private: bool, basis: str) -> None:
    assert effective_ceiling(ceiling=CRIM, private=private, legal_basis=basis) != CRIM
    assert CRIM not in allowed_ceilings(private=private, legal_basis=basis)


def test_a_public_participant_reaches_personal_data_only_with_a_covenant_or_wgs() -> None:
    assert effective_ceiling(ceiling=PERS, private=False, legal_basis=LegalBasis.CONVENANT) == PERS
    assert effective_ceiling(ceiling=PERS, private=False, legal_basis=LegalBasis.WGS) == PERS
    assert effective_ceiling(ceiling=PERS, private=False, legal_basis=LegalBasis.GEEN) == OPS
    assert effective_ceiling(ceiling=CRIM, private=False, legal_basis=LegalBasis.WGS) == PERS


def test_the_ceiling_never_raises_what_was_agreed() -> None:
    for ceiling, private, basis in product(DATA_CLASS_ORDER, (True, False), LegalBasis.values):
        effective = effective_ceiling(ceiling=ceiling, private=private, legal_basis=basis)
        assert DATA_CLASS_ORDER.index(effective) <= DATA_CLASS_ORDER.index(ceiling)


def test_allowed_ceilings_are_those_kept_as_agreed() -> None:
    assert allowed_ceilings(private=True, legal_basis=LegalBasis.WGS) == [AGG, OPS]
    assert allowed_ceilings(private=False, legal_basis=LegalBasis.GEEN) == [AGG, OPS]
    assert allowed_ceilings(private=False, legal_basis=LegalBasis.CONVENANT) == [AGG, OPS, PERS]


def test_receives_orders_the_classes() -> None:
    assert receives(effective=OPS, data_class=AGG) and receives(effective=OPS, data_class=OPS)
    assert not receives(effective=OPS, data_class=PERS)
    assert not receives(effective=None, data_class=AGG)


def test_the_query_face_agrees_with_the_rule_on_every_combination(geography: None) -> None:
    """Stored rows of every (type, ceiling, basis) — written directly, bypassing the service's refusal — are
    inside ``ceiling_q(class)`` exactly when ``effective_ceiling`` admits the class."""
    from weerbaar.accounts.constants import Role

    lead = make_organisation(OrganisationType.GEMEENTE)
    partnership = make_partnership(make_person(lead, Role.GEBIEDSREGISSEUR))
    kinds = [OrganisationType.POLITIE, sorted(PRIVATE_TYPES)[0]]
    rows = []
    for org_type, ceiling, basis in product(kinds, DATA_CLASS_ORDER, LegalBasis.values):
        rows.append(
            Participant.objects.create(
                partnership=partnership,
                organisation=make_organisation(org_type),
                ceiling=ceiling,
                legal_basis=basis,
            )
        )
    for data_class in DataClass.values:
        inside = set(Participant.objects.filter(pk__in=[r.pk for r in rows]).filter(ceiling_q(data_class)))
        for row in rows:
            expected = receives(
                effective=effective_ceiling(
                    ceiling=row.ceiling, private=row.organisation.is_private, legal_basis=row.legal_basis
                ),
                data_class=data_class,
            )
            assert (row in inside) == expected, (row.organisation.type, row.ceiling, row.legal_basis, data_class)
