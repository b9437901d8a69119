# SPDX-License-Identifier: EUPL-1.2
"""The selection says when its candidate list is capped and how many hits lie outside the planner's access;
the public summary is a page too, with the same suppressed figures as its PDF."""

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from weerbaar.actions import selectors
from weerbaar.actions.selectors import candidates as candidates_module
from weerbaar.actions.tests.factories import make_operation, make_planner
from weerbaar.actions.tests.test_views import client_of
from weerbaar.organisations.models import Organisation
from weerbaar.signals.constants import LocationKind
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db


def test_a_capped_candidate_list_says_how_many_there_were(tilburg: Organisation, monkeypatch: Any) -> None:
    planner = make_planner(tilburg)
    for number in ("3", "5"):
        make_signal(
            planner,
            location_kind=LocationKind.ADRES,
            street="Industrieweg",
            house_number=number,
            postcode="5048AA",
            city="Tilburg",
            point=(Decimal("51.5890"), Decimal("5.0560")),
        )
    operation = make_operation(planner)
    full = selectors.selection_candidates(actor=planner, operation=operation)
    assert (len(full), full.total, full.capped, full.hidden_hits) == (2, 2, False, 0)
    url = reverse("actions:selection", kwargs={"uuid": operation.uuid})
    assert 'data-testid="candidates-capped"' not in client_of(planner).get(url).content.decode()
    monkeypatch.setattr(candidates_module, "CANDIDATE_LIMIT", 1)
    capped = selectors.selection_candidates(actor=planner, operation=operation)
    assert (len(capped), capped.total, capped.capped) == (1, 2, True)
    page = client_of(planner).get(url).content.decode()
    assert 'data-testid="candidates-capped"' in page
