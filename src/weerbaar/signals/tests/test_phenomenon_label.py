# SPDX-License-Identifier: EUPL-1.2
"""The reporter's own pages call the phenomenon a phenomenon, not a subject ("betrokkene")."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db


def test_my_signals_label_the_phenomenon(geography: None, make_org: Any, make_user: Any, settings: Any) -> None:
    settings.LANGUAGE_CODE = "nl"
    tilburg = make_org(
        "Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855")
    )
    reporter = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    signal = make_signal(actor_for(user=reporter))
    client = verified_client(reporter)
    with translation.override("nl"):
        for url in (reverse("signals:my_list"), reverse("signals:my_detail", kwargs={"uuid": signal.uuid})):
            html = client.get(url).content.decode()
            assert "Fenomeen" in html, url
            assert "Betrokkene" not in html, url
