# SPDX-License-Identifier: EUPL-1.2
"""Small-count suppression: the one rule every page, export and API answer with counts uses.

A count of 0 stays 0 (an empty cell reveals nobody); 1 up to the threshold is shown as "< 5"; a share whose
numerator or denominator is a suppressed cell is not shown at all, because a percentage over a small group
points at persons as surely as the count does. Figures for the public and the council come with their own
audiences later; the threshold here is the floor for all of them.
"""

from typing import Final

THRESHOLD: Final = 5
SUPPRESSED: Final = "< 5"
NOT_SHOWN: Final = "—"


def is_suppressed(count: int) -> bool:
    return 0 < count < THRESHOLD


def suppress(count: int) -> str:
    """The count as shown: itself, or "< 5" for 1 to 4."""
    return SUPPRESSED if is_suppressed(count) else str(count)


def share(numerator: int, denominator: int) -> str:
    """A percentage, or "—" when it would rest on a suppressed cell (or on nothing)."""
    if denominator == 0 or is_suppressed(numerator) or denominator < THRESHOLD:
        return NOT_SHOWN
    return f"{round(100 * numerator / denominator)} %"
