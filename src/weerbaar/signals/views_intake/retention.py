# SPDX-License-Identifier: EUPL-1.2
"""Destroying a signal whose retention has ended, before the daily run: the intake team, with a reason."""

from functools import partial

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.core.retention_views import retention_destroy_view
from weerbaar.signals.models import Signal
from weerbaar.signals.retention import POLICY, signal_retention_entry
from weerbaar.signals.selectors import signal_get


def _intake_signal(actor: Actor, uuid: str) -> Signal | None:
    signal = signal_get(actor=actor, uuid=uuid)
    return signal if signal is not None and can(actor, Perm.SIGNALS_INTAKE, signal) else None


signal_destroy_view = retention_destroy_view(
    code=Perm.SIGNALS_INTAKE,
    lookup=_intake_signal,
    policy=POLICY,
    entry=partial(signal_retention_entry, readable=True),
    detail="signals:detail",
    fallback="signals:list",
)
