# SPDX-License-Identifier: EUPL-1.2
"""Destroying a closed case whose retention has ended, before the daily run: its director, with a reason.

Reached from the retention overview; the case page itself does not link here.
"""

from functools import partial

from weerbaar.accounts.constants import Perm
from weerbaar.cases.models import Case
from weerbaar.cases.retention import POLICY, case_retention_entry
from weerbaar.cases.selectors import case_get
from weerbaar.core.policy import Actor, can
from weerbaar.core.retention_views import retention_destroy_view


def _managed_case(actor: Actor, uuid: str) -> Case | None:
    case = case_get(actor=actor, uuid=uuid)
    return case if case is not None and can(actor, Perm.CASES_MANAGE, case) else None


case_destroy_view = retention_destroy_view(
    code=Perm.CASES_MANAGE,
    lookup=_managed_case,
    policy=POLICY,
    entry=partial(case_retention_entry, readable=True),
    detail="cases:detail",
    fallback="cases:list",
)
