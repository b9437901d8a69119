# SPDX-License-Identifier: EUPL-1.2
"""Helpers to make signals in tests through the real service."""

from decimal import Decimal
from typing import Any

from weerbaar.core.policy import Actor
from weerbaar.signals.constants import Channel, LocationKind, Phenomenon
from weerbaar.signals.models import Signal
from weerbaar.signals.services import SignalInput, signal_create

TILBURG_POINT = (Decimal("51.55551"), Decimal("5.09130"))
AMSTERDAM_POINT = (Decimal("52.37000"), Decimal("4.89000"))


def make_signal(
    actor: Actor | None = None, *, point: tuple[Decimal, Decimal] = TILBURG_POINT, **overrides: Any
) -> Signal:
    data = SignalInput(
        channel=overrides.pop("channel", Channel.MEDEWERKER if actor is not None else Channel.ANONIEM),
        phenomenon=overrides.pop("phenomenon", Phenomenon.DRUGSAFVALDUMPING),
        description=overrides.pop("description", "Vaten met een chemische geur langs de bosrand."),
        location_kind=overrides.pop("location_kind", LocationKind.PUNT),
        latitude=point[0],
        longitude=point[1],
        **overrides,
    )
    signal, _receipt = signal_create(actor=actor, data=data)
    return signal
