# SPDX-License-Identifier: EUPL-1.2
"""The random share of a selection, reproducible: the same register, share and seed give the same draw.

The register is put in a canonical order first (sorted, duplicates removed), so the order in which a
planner typed the premises does not change the outcome; ``random.Random(seed)`` then samples from it.
The seed is recorded with the selection, so anyone may repeat the draw and check it.
"""

import math
import random
import secrets
from collections.abc import Iterable

#: Seeds are drawn below 2**53 so they survive every JSON reader (JavaScript numbers) unchanged.
SEED_BITS = 53


def seed_new() -> int:
    return secrets.randbits(SEED_BITS)


def canonical_pool(keys: Iterable[str]) -> list[str]:
    return sorted(set(keys))


def random_count(pool_size: int, share: int) -> int:
    """How many premises a share (percent) of the register is: rounded up, so a share above 0 draws one."""
    return min(pool_size, math.ceil(pool_size * share / 100))


def draw(pool: Iterable[str], share: int, seed: int) -> list[str]:
    """The premises drawn, in the order drawn. Not for security: a recorded, repeatable lottery."""
    ordered = canonical_pool(pool)
    # S311: the point is a repeatable draw from a recorded seed, not an unpredictable one.
    generator = random.Random(seed)  # noqa: S311
    return generator.sample(ordered, random_count(len(ordered), share))
