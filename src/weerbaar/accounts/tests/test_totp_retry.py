# SPDX-License-Identifier: EUPL-1.2
"""A mistyped code followed by the right one logs in; a locked device says to wait, not that the code is wrong."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import PASSWORD, current_code
from weerbaar.accounts.constants import Role

pytestmark = pytest.mark.django_db
VERIFY = reverse("accounts:verify")
WRONG_CODE = "This code is not correct"


@pytest.fixture
def user(make_org: Any, make_user: Any) -> Any:
    return make_user(organisation=make_org("Gemeente Test"), role=Role.MEDEWERKER, username="medewerker.totp")


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


def _wrong(user: Any) -> str:
    return f"{(int(current_code(user)) + 500_000) % 1_000_000:06d}"


def _logged_in_with_password(user: Any) -> Client:
    client = Client()
    assert client.post("/inloggen/", {"username": user.username, "password": PASSWORD}).status_code == 302
    return client


def test_a_correct_code_right_after_a_wrong_one_is_accepted(user: Any) -> None:
    client = _logged_in_with_password(user)
    response = client.post(VERIFY, {"token": _wrong(user)})
    assert response.status_code == 200 and WRONG_CODE in response.content.decode()
    response = client.post(VERIFY, {"token": current_code(user)})
    assert response.status_code == 302, response.content.decode()
    assert client.get(reverse("core:start")).status_code == 200


def test_a_locked_device_says_how_long_to_wait(user: Any) -> None:
    client = _logged_in_with_password(user)
    client.post(VERIFY, {"token": _wrong(user)})
    client.post(VERIFY, {"token": _wrong(user)})
    device = TOTPDevice.objects.get(user=user)
    assert device.throttling_failure_count == 2
    response = client.post(VERIFY, {"token": current_code(user)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wait 2 seconds" in html and WRONG_CODE not in html
    assert TOTPDevice.objects.get(user=user).throttling_failure_count == 2  # the wait is not another failure
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=device.throttling_failure_timestamp - timedelta(seconds=3)
    )
    assert client.post(VERIFY, {"token": current_code(user)}).status_code == 302


def test_the_wait_message_is_dutch_in_dutch() -> None:
    from weerbaar.accounts.views_auth import _wait_message

    with translation.override("nl"):
        assert "seconden" in _wait_message(4)
    with translation.override("en"):
        assert "seconds" in _wait_message(4)
