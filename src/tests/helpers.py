# SPDX-License-Identifier: EUPL-1.2
"""Test helpers that test modules import: the test password and clients that passed the second factor.

They live in a module of their own because a ``conftest.py`` is pytest's to load, not an importable
module: ``from conftest import …`` only works while ``src`` happens to be on ``sys.path`` and picks
whichever ``conftest`` was imported first.
"""

import time
from datetime import timedelta
from uuid import uuid4

from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.models import User
from weerbaar.organisations.models import Organisation

PASSWORD = "correct-horse-battery-staple-42"


def current_code(user: User) -> str:
    """The TOTP code the user's confirmed authenticator shows right now."""
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


def matrix_actors(specs: list[tuple[str, Organisation, bool]]) -> list[tuple[User, Client]]:
    """Many logged-in actors at once, one per ``(role, home organisation, screened)``: the matrix's actors.

    The same rows ``user_create`` and ``role_assign`` write (a user, one role at the home organisation, a
    confirmed authenticator) and the session a log-in with both factors leaves, built in a few bulk
    statements. The authorization matrix probes every route as some 75 to 125 actors; creating each
    through the services and the log-in signals cost more than the probes themselves. What the services
    do besides (the audit trail, the type check) is tested with the services.
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.base import VALID_KEY_CHARS
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils.crypto import get_random_string

    from weerbaar.accounts.constants import ScreeningStatus
    from weerbaar.accounts.middleware import SESSION_STARTED_KEY
    from weerbaar.accounts.models import RoleAssignment

    batch = uuid4().hex[:10]
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                username=f"matrix.{batch}.{n}",
                first_name="Test",
                last_name=f"Actor {n}",
                email=f"matrix.{batch}.{n}@example.invalid",
                home_organisation=home,
                screening_status=ScreeningStatus.PASSED if screened else ScreeningStatus.UNKNOWN,
                password=password,
                password_change_required=False,
            )
            for n, (_role, home, screened) in enumerate(specs)
        ]
    )
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=user, organisation=home, role=role)
            for user, (role, home, _screened) in zip(users, specs, strict=True)
        ]
    )
    devices = TOTPDevice.objects.bulk_create(
        [TOTPDevice(user=user, name="authenticator", confirmed=True) for user in users]
    )
    store = SessionStore()
    sessions, clients = [], []
    expiry = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    for user, device in zip(users, devices, strict=True):
        key = get_random_string(32, VALID_KEY_CHARS)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
            DEVICE_ID_SESSION_KEY: device.persistent_id,
            SESSION_STARTED_KEY: int(time.time()),
        }
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expiry))
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = key
        clients.append(client)
    Session.objects.bulk_create(sessions)
    return list(zip(users, clients, strict=True))
