# SPDX-License-Identifier: EUPL-1.2
"""The partner's start page: per partnership the measures of the current round and their status
(``operationeel``: read through the rule that admits only members whose ceiling reaches it)."""

from typing import Any

from weerbaar.certification import selectors
from weerbaar.certification.views._shared import OPERATIONAL
from weerbaar.core.policy import Actor

#: What the section shows.
MEASURES_SHOWN = OPERATIONAL
#: Measures per partnership on the start page.
MEASURES_ON_START = 8


def start_context(actor: Actor) -> dict[str, Any] | None:
    blocks = [
        {
            "partnership": partnership,
            "measures": measures[:MEASURES_ON_START],
            "more": len(measures) > MEASURES_ON_START,
        }
        for partnership, measures in selectors.measures_for_start(actor=actor)
    ]
    return {"blocks": blocks} if blocks else None
