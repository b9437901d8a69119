# SPDX-License-Identifier: EUPL-1.2
import pytest

from weerbaar.demo.services import demo_load
from weerbaar.demo.threats import threats_demo_load
from weerbaar.threats.models import Incident, PerpetratorMark


@pytest.mark.django_db
def test_demo_loads_threat_incidents_once() -> None:
    demo_load()  # loads the threat incidents among the rest
    assert Incident.objects.count() == 4
    assert threats_demo_load() == 0  # idempotent
    assert Incident.objects.count() == 4
    marks = PerpetratorMark.objects.filter(feature="account")
    assert marks.count() == 2
    assert len({m.mark for m in marks}) == 1  # the same account twice: a repeat-perpetrator link
