# SPDX-License-Identifier: EUPL-1.2
import pytest

from weerbaar.demo.services import demo_load
from weerbaar.demo.threats import threats_demo_load
from weerbaar.threats.models import Incident


@pytest.mark.django_db
def test_demo_loads_threat_incidents_once() -> None:
    demo_load()  # loads the threat incidents among the rest
    assert Incident.objects.count() == 4
    assert threats_demo_load() == 0  # idempotent
    assert Incident.objects.count() == 4
    keys = [i.perpetrator_key for i in Incident.objects.all() if i.perpetrator_key]
    assert len(keys) == 2
    assert len(set(keys)) == 1  # the same perpetrator twice: a repeat-perpetrator link
