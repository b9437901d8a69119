# SPDX-License-Identifier: EUPL-1.2
"""The demo's barrier models and practice cases: two shared models of 5 to 7 steps, two linked cases."""

import pytest

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.demo.knowledge import knowledge_demo_load
from weerbaar.knowledge import selectors
from weerbaar.knowledge.constants import Phenomenon
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.knowledge.tests.factories import make_person
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db


def test_the_demo_is_shared_linked_and_idempotent(make_org, make_user, tilburg):
    riec = make_org("RIEC Zeeland-West-Brabant", OrganisationType.RIEC)
    make_user(organisation=riec, role=Role.RIEC_ANALIST, username="analist.riec")

    knowledge_demo_load()
    knowledge_demo_load()

    models = list(BarrierModel.objects.order_by("title"))
    assert len(models) == 2
    assert all(m.shared and m.organisation == riec for m in models)
    assert all(5 <= m.current.steps.count() <= 7 for m in models)
    assert {m.phenomenon for m in models} == {Phenomenon.DRUGSAFVALDUMPING, Phenomenon.HUISVESTING_ARBEIDSMIGRANTEN}
    assert max(m.version for m in models) == 2
    assert PracticeCase.objects.filter(shared=True).count() == 2
    reader = actor_for(user=make_person(tilburg, Role.PROCESEIGENAAR))
    for case in PracticeCase.objects.all():
        assert len(selectors.barriers_by_key(actor=reader, keys=case.barrier_keys)) == 2
    assert selectors.barriers_for(actor=reader, phenomenon=Phenomenon.DRUGSAFVALDUMPING).count() == 12
