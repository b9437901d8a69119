# SPDX-License-Identifier: EUPL-1.2
"""The demo surveys: a closed 0-measurement and 1-measurement with results every member sees (the estate
agent, who receives figures only, included), the 1-measurement a little better; and a draft."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.models import User
from weerbaar.demo.services import demo_load
from weerbaar.surveys.constants import Purpose, Status
from weerbaar.surveys.models import Survey
from weerbaar.surveys.selectors import survey_results

pytestmark = pytest.mark.django_db


def _yes(survey: Survey, position: int) -> int:
    question = survey_results(survey).questions[position]
    assert not question.withheld
    value = question.rows[0].total.value
    assert value is not None
    return value


def test_the_demo_surveys() -> None:
    demo_load()
    demo_load()  # idempotent
    surveys = Survey.objects.filter(partnership__name="Buitengebied De Meierij")
    by_purpose = {s.purpose: s for s in surveys}
    assert surveys.count() == 3
    zero, one = by_purpose[Purpose.NULMETING], by_purpose[Purpose.EEN_METING]
    assert (zero.status, one.status, by_purpose[Purpose.TUSSENTIJDS].status) == (
        Status.GESLOTEN,
        Status.GESLOTEN,
        Status.CONCEPT,
    )
    assert (zero.responses.count(), one.responses.count()) == (60, 70)
    # Knowing the community police officer (question 8): a larger share in the 1-measurement.
    assert _yes(one, 7) / 70 > _yes(zero, 7) / 60
    agent = verified_client(User.objects.get(username="makelaar.demo"))
    page = agent.get(reverse("surveys:results", kwargs={"uuid": one.uuid}))
    assert page.status_code == 200 and 'data-testid="result-table"' in page.content.decode()
