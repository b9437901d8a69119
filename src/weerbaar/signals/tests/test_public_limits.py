# SPDX-License-Identifier: EUPL-1.2
"""The anonymous form takes bounded input: an oversized field is refused in plain words, never sent back."""

from typing import Any

import pytest
from django.test import Client

from weerbaar.signals.models import Signal
from weerbaar.signals.tests.test_public import FOLLOW_UP, PUBLIC, form_data

pytestmark = pytest.mark.django_db

MARKER = "ECHOTEST"


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def tilburg(geography: None, make_org: Any) -> Any:
    from weerbaar.geo.models import Municipality
    from weerbaar.organisations.constants import OrganisationType

    return make_org("Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))


@pytest.mark.parametrize(
    "field", ["description", "phenomenon", "occurred_on", "street", "latitude", "subjects-0-plate", "website"]
)
def test_an_oversized_field_is_not_echoed(client: Client, tilburg: Any, field: str) -> None:
    response = client.post(PUBLIC, form_data(**{field: MARKER * 12_500}))  # 100,000 characters
    assert MARKER not in response.content.decode()
    assert not Signal.objects.exists()
    if field != "website":  # the honeypot: a bot is shown what looks like success
        assert response.status_code == 200
        assert "far too long" in response.content.decode()


def test_a_long_text_just_over_the_limit_is_kept_for_correction(client: Client, tilburg: Any) -> None:
    text = "Regel een\r\n" * 1_000  # 11,000 characters as sent; a browser counted 10,000
    html = client.post(PUBLIC, form_data(description=text)).content.decode()
    assert "Regel een" in html and "far too long" not in html


def test_a_body_over_the_limit_gets_a_readable_413(client: Client, tilburg: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    response = client.post(PUBLIC, form_data(description=MARKER * 10_000))
    assert response.status_code == 413
    html = response.content.decode()
    assert "Too much text" in html and MARKER not in html


def test_the_follow_up_form_does_not_echo_an_oversized_code(client: Client, tilburg: Any) -> None:
    response = client.post(FOLLOW_UP, {"code": MARKER * 1_000})
    assert MARKER not in response.content.decode()
