# SPDX-License-Identifier: EUPL-1.2
"""Signals, cases and incidents for the figures, made directly in the tables the series count (the figures
read whatever the domain services wrote; how those write is their own tests' business)."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.cases.models import Case
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation
from weerbaar.signals.constants import Channel, LocationKind, Phenomenon
from weerbaar.signals.models import Signal, StatusChange


@pytest.fixture
def make_signals(db: Any) -> Callable[..., list[Signal]]:
    def make(
        organisation: Organisation,
        n: int,
        *,
        at: datetime | None = None,
        phenomenon: str = Phenomenon.HENNEPTEELT,
        municipality: str | None = "GM0855",
        qualified_after: timedelta | None = None,
    ) -> list[Signal]:
        received = at or timezone.now() - timedelta(hours=1)
        signals = []
        for _ in range(n):
            signal = Signal.objects.create(
                channel=Channel.MEDEWERKER,
                phenomenon=phenomenon,
                description="Synthetisch.",
                location_kind=LocationKind.GEBIED,
                municipality=Municipality.objects.get(code=municipality) if municipality else None,
                organisation=organisation,
                received_at=received,
                acknowledge_due=received + timedelta(days=1),
                weigh_due=received + timedelta(days=28),
                qualified_at=received + qualified_after if qualified_after is not None else None,
            )
            # As the service does: every signal starts its status history on receipt.
            StatusChange.objects.create(signal=signal, to_status=signal.status)
            signals.append(signal)
        return signals

    return make


@pytest.fixture
def make_cases(db: Any) -> Callable[..., list[Case]]:
    def make(owner: Organisation, creator: User, n: int) -> list[Case]:
        return [Case.objects.create(owner=owner, title=f"Casus {i}", created_by=creator) for i in range(n)]

    return make
