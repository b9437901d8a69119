# SPDX-License-Identifier: EUPL-1.2
"""The integrity desk's one door into area B: filing a signal through the signals services.

The only module of this app that imports anything of signals (an import contract in pyproject.toml says
so). The signal arrives as one forwarded by a confidential adviser — without a reporter — holding only the
text the coordinator typed and the organisation's municipality; the report keeps only the signal's number.
"""

from django_stubs_ext import StrOrPromise

from weerbaar.core.policy import Actor
from weerbaar.geo.models import Municipality
from weerbaar.signals.constants import Channel, LocationKind, Phenomenon
from weerbaar.signals.services import SignalInput, signal_create

PHENOMENON_CHOICES: list[tuple[str, StrOrPromise]] = list(Phenomenon.choices)


def file_signal(*, actor: Actor, phenomenon: str, description: str, municipality: Municipality) -> str:
    """File the signal; returns its number."""
    data = SignalInput(
        channel=Channel.VERTROUWENSPERSOON,
        phenomenon=phenomenon,
        description=description,
        location_kind=LocationKind.GEBIED,
        municipality=municipality,
    )
    signal, _receipt = signal_create(actor=actor, data=data)
    return str(signal.number)
