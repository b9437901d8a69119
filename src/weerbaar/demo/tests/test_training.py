# SPDX-License-Identifier: EUPL-1.2
"""The demo training round at Gemeente Tilburg: four departments, completions, the line manager sees only
Vergunningen and the small department's figures are suppressed."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.models import User
from weerbaar.demo.services import demo_load
from weerbaar.training.models import Attempt, Department

pytestmark = pytest.mark.django_db


def test_the_demo_training_round() -> None:
    demo_load()
    demo_load()  # idempotent
    departments = Department.objects.filter(organisation__name="Gemeente Tilburg")
    assert sorted(d.name for d in departments) == ["Financiën", "Handhaving", "Publiekszaken", "Vergunningen"]
    assert Attempt.objects.filter(passed=True).values("user").distinct().count() == 20 + 11 + 12 + 5

    manager = verified_client(User.objects.get(username="leidinggevende.tilburg"))
    page = manager.get(reverse("training:department")).content.decode()
    assert "Vergunningen" in page and "Handhaving" not in page and "Financiën" not in page

    staff = verified_client(User.objects.get(username="medewerker1.tilburg"))
    start = staff.get(reverse("core:start")).content.decode()
    assert 'data-testid="start-training"' in start and "Ondermijning herkennen en melden" in start
