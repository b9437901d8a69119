# SPDX-License-Identifier: EUPL-1.2
"""The staff member's block on the start page: the trainings assigned and not yet passed."""

from typing import Any

from weerbaar.core.policy import Actor
from weerbaar.training.selectors import assignment_open_list


def start_context(actor: Actor) -> dict[str, Any] | None:
    rows = assignment_open_list(actor=actor)
    return {"rows": rows} if rows else None
