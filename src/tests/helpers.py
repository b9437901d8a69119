# SPDX-License-Identifier: EUPL-1.2
"""Test helpers that test modules import: the test password and clients that passed the second factor.

They live in a module of their own because a ``conftest.py`` is pytest's to load, not an importable
module: ``from conftest import …`` only works while ``src`` happens to be on ``sys.path`` and picks
whichever ``conftest`` was imported first.
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.models import User

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
