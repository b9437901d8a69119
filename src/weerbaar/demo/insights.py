# SPDX-License-Identifier: EUPL-1.2
"""A year of closed signals at Gemeente Tilburg, so the situational picture has months to show.

The figures leave out every cell of one organisation, municipality, month and phenomenon below 5, so the
handful of live demo signals alone would show almost nothing. These are made through the real service and
then dated back and marked closed (demo only, as the other demo signals are dated back: no service moves a
signal back in time). Idempotent.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from weerbaar.geo.models import Municipality
from weerbaar.signals.constants import Channel, LocationKind, Phenomenon, Status
from weerbaar.signals.models import Signal
from weerbaar.signals.services import SignalInput, signal_create

DESCRIPTION = "Afgehandelde melding uit het afgelopen jaar (synthetisch, voor het situatiebeeld)."
#: Per phenomenon, the range of signals per month.
PER_MONTH = {Phenomenon.HENNEPTEELT: (5, 9), Phenomenon.DRUGSAFVALDUMPING: (5, 8), Phenomenon.DRUGSLAB: (0, 6)}


@transaction.atomic
def insights_demo_load() -> None:
    if Signal.objects.filter(description=DESCRIPTION).exists():
        return
    rng = random.Random(2026)  # noqa: S311 - synthetic demo data, not security
    tilburg = Municipality.objects.get(code="GM0855")
    now = timezone.now()
    for months_ago in range(1, 13):
        for phenomenon, (low, high) in PER_MONTH.items():
            for _ in range(rng.randint(low, high)):
                data = SignalInput(
                    channel=Channel.ANONIEM,
                    phenomenon=phenomenon,
                    description=DESCRIPTION,
                    location_kind=LocationKind.GEBIED,
                    municipality=tilburg,
                )
                signal, _receipt = signal_create(actor=None, data=data)
                received = now - timedelta(days=30 * months_ago + rng.randint(0, 27), hours=rng.randint(0, 8))
                qualified = received + timedelta(hours=rng.choice((4, 20, 30, 60, 100, 200)))
                decided = qualified + timedelta(days=rng.choice((3, 6, 10, 20, 35)))
                Signal.objects.filter(pk=signal.pk).update(
                    received_at=received,
                    acknowledge_due=received + timedelta(days=5),
                    weigh_due=received + timedelta(days=28),
                    qualified_at=qualified,
                    decided_at=decided,
                    closed_at=decided + timedelta(days=7),
                    status=Status.AFGEROND,
                )
