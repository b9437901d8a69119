# SPDX-License-Identifier: EUPL-1.2
"""Comparison levels as the index computes them: a level pattern as one integer code, and the birth-date
level of many stored subjects at once."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from .columns import Ints

Levels = tuple[int, int, int, int]

_MISSING = -1  # the level of a feature missing on either side
_OPEN = -2  # a given-name level not computed yet


def _code(given: Any, surname: Any, birth: Any, address: Any) -> Any:
    """Four levels (-1..3) as one index into the score table; for ints and numpy arrays alike."""
    return (((given + 1) * 5 + surname + 1) * 5 + birth + 1) * 5 + address + 1


def _levels(code: int) -> Levels:
    rest, address = divmod(code, 5)
    rest, birth = divmod(rest, 5)
    given, surname = divmod(rest, 5)
    return (given - 1, surname - 1, birth - 1, address - 1)


def _birth_levels(query: int, births: npt.NDArray[np.uint32]) -> Ints:
    """`scoring.compare`'s birth-date level: equal, one digit off or day and month swapped, same year."""
    x = births ^ np.uint32(query)
    differing = np.bitwise_count((x | (x >> 1) | (x >> 2) | (x >> 3)) & np.uint32(0x11111111))
    same_year = (x >> 16) == 0
    swapped = same_year & (((births >> 8) & 0xFF) == (query & 0xFF)) & ((births & 0xFF) == (query >> 8 & 0xFF))
    levels = same_year.astype(np.int64)
    levels[(differing <= 1) | swapped] = 2
    levels[x == 0] = 3
    levels[births == 0] = _MISSING
    return levels
