# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures: organisations, people with roles, and clients that passed the second factor."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts import services as account_services
from weerbaar.accounts.constants import ScreeningStatus
from weerbaar.accounts.models import User
from weerbaar.geo.services import geography_load
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.services import organisation_create

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture
def geography(db: Any) -> None:
    geography_load()


@pytest.fixture
def make_org(db: Any) -> Callable[..., Organisation]:
    counter = {"n": 0}

    def make(name: str | None = None, type: str = OrganisationType.GEMEENTE, **fields: Any) -> Organisation:
        counter["n"] += 1
        return organisation_create(actor=None, name=name or f"Organisatie {counter['n']}", type=type, **fields)

    return make


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    counter = {"n": 0}

    def make(
        *,
        organisation: Organisation,
        role: str,
        username: str | None = None,
        screened: bool = True,
        with_totp: bool = True,
    ) -> User:
        counter["n"] += 1
        user, _ = account_services.user_create(
            actor=None,
            username=username or f"user{counter['n']}",
            first_name="Test",
            last_name=f"Persoon {counter['n']}",
            email=f"user{counter['n']}@example.invalid",
            home_organisation=organisation,
            role=role,
            screening_status=ScreeningStatus.PASSED if screened else ScreeningStatus.UNKNOWN,
            password=PASSWORD,
        )
        if with_totp:
            TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        return user

    return make


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def verified_client(user: User) -> Client:
    """A client logged in with password and second factor, without going through the forms."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    return verified_client
