# SPDX-License-Identifier: EUPL-1.2
from cryptography.fernet import Fernet
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.threats import crypto


def test_rotation(settings: object) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.THREATS_ADDRESS_KEYS = old  # type: ignore[attr-defined]
    token = crypto.address_encrypt("Dorpsstraat 1")
    settings.THREATS_ADDRESS_KEYS = f"{new},{old}"  # type: ignore[attr-defined]
    assert crypto.address_decrypt(token) == "Dorpsstraat 1"
    rotated = crypto.address_rotate(token)
    settings.THREATS_ADDRESS_KEYS = new  # type: ignore[attr-defined]
    assert crypto.address_decrypt(rotated) == "Dorpsstraat 1"


@given(st.text(max_size=40))
def test_normalise_is_idempotent(value: str) -> None:
    once = crypto.perpetrator_normalise(value)
    assert crypto.perpetrator_normalise(once) == once
