# SPDX-License-Identifier: EUPL-1.2
"""Encryption of the home address, and the normal form of a perpetrator's free-text identifier.

Keys: ``THREATS_ADDRESS_KEYS`` (setting, else environment variable) holds comma-separated Fernet keys.
The first encrypts, all decrypt: to rotate, put a new key first, run ``threats_rotate_keys`` (re-encrypts
every address with the new key, see ``services.home_address_rotate``), then drop the old key.
"""

import base64
import hashlib
import os
import re
import unicodedata

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _configured_keys() -> list[str]:
    raw = getattr(settings, "THREATS_ADDRESS_KEYS", None) or os.environ.get("THREATS_ADDRESS_KEYS", "")
    if isinstance(raw, (list, tuple)):
        return [str(k).strip() for k in raw if str(k).strip()]
    return [k.strip() for k in str(raw).split(",") if k.strip()]


def _dev_key() -> str:
    # DEV/TEST ONLY: without configured keys (DEBUG or the test settings) a deterministic key is derived from
    # SECRET_KEY so the quick start works. Production must set THREATS_ADDRESS_KEYS; see below.
    digest = hashlib.sha256(f"weerbaar.threats.address-dev-key:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def _fernet() -> MultiFernet:
    keys = _configured_keys()
    if not keys:
        if not (settings.DEBUG or getattr(settings, "DEMO_ALLOWED", False) or "test" in settings.SETTINGS_MODULE):
            raise ImproperlyConfigured("Set THREATS_ADDRESS_KEYS (comma-separated Fernet keys).")
        keys = [_dev_key()]
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured("THREATS_ADDRESS_KEYS holds an invalid Fernet key.") from exc


def address_encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode() if plaintext else ""


def address_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("The home address cannot be decrypted with THREATS_ADDRESS_KEYS.") from exc


def address_rotate(token: str) -> str:
    return _fernet().rotate(token.encode()).decode() if token else ""


def perpetrator_normalise(value: str) -> str:
    """Case, accents, punctuation and spacing do not matter: "Jan  de Vries" == "jan de vriës"."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", stripped).split())
