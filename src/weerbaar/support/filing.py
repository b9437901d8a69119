# SPDX-License-Identifier: EUPL-1.2
"""The desk's one door into area B: filing a signal through the signals services.

This is the only module of the support app that imports anything of signals (an import contract in
pyproject.toml says so). It hands the signals services a description, a phenomenon and a municipality —
never the entrepreneur's identity unless he chose to share it — and keeps nothing of the signal but its
number. The signal keeps nothing of the desk: it arrives as any anonymous signal, or as a signal forwarded
by a confidential adviser, with no reporter and no link back.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.core.policy import Actor
from weerbaar.geo.models import Municipality
from weerbaar.signals.constants import Channel, Indicator, LocationKind, Phenomenon
from weerbaar.signals.services import SignalInput, signal_create

#: The phenomena a trusted contact may file under (the signals' own list).
PHENOMENON_CHOICES: list[tuple[str, StrOrPromise]] = list(Phenomenon.choices)
#: What an "I have been approached" report is about when nobody chose otherwise.
DEFAULT_PHENOMENON = Phenomenon.OVERIG
#: The rural indicator the signals app has for exactly this: an offer to rent a barn or shed.
RENTAL_INDICATOR = Indicator.HUURAANBOD
RENTAL_LABEL = _("Offer to rent a barn or shed")


@dataclass(frozen=True)
class Filed:
    number: str
    #: Shown once to an anonymous reporter; None for a signal the trusted contact filed.
    receipt: str | None


def _input(*, channel: str, phenomenon: str, description: str, municipality: Municipality, rental: bool) -> SignalInput:
    return SignalInput(
        channel=channel,
        phenomenon=phenomenon,
        description=description,
        location_kind=LocationKind.GEBIED,
        municipality=municipality,
        indicators=[RENTAL_INDICATOR] if rental else [],
    )


def file_anonymous(*, description: str, municipality: Municipality, rental: bool) -> Filed:
    """An anonymous signal: no actor, no reporter, a receipt code for the entrepreneur."""
    data = _input(
        channel=Channel.ANONIEM,
        phenomenon=DEFAULT_PHENOMENON,
        description=description,
        municipality=municipality,
        rental=rental,
    )
    signal, receipt = signal_create(actor=None, data=data)
    return Filed(number=str(signal.number), receipt=receipt)


def file_forwarded(
    *, actor: Actor, phenomenon: str, description: str, municipality: Municipality, rental: bool
) -> Filed:
    """A signal forwarded by a confidential adviser: registered without a reporter; the audit trail names the
    trusted contact who filed it, as it does for any forwarded signal."""
    data = _input(
        channel=Channel.VERTROUWENSPERSOON,
        phenomenon=phenomenon,
        description=description,
        municipality=municipality,
        rental=rental,
    )
    signal, _receipt = signal_create(actor=actor, data=data)
    return Filed(number=str(signal.number), receipt=None)
