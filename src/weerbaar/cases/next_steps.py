# SPDX-License-Identifier: EUPL-1.2
"""What needs doing next on one case, for this actor: the box at the top of the case page.

Overdue and soon-due steps of the interventions the actor's organisation carries out and its open action
items come first (they have deadlines); then what only the directing organisation does: decide access
requests, write the assessment, move the work process on.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weerbaar.accounts.constants import Perm
from weerbaar.cases.constants import (
    CASE_TRANSITIONS,
    INTERVENTION_TYPES,
    STEP_WARNING_DAYS,
    AccessRequestStatus,
    ActionItemStatus,
    CaseStatus,
)
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import action_items_of_case
from weerbaar.cases.services import may_complete_action_item
from weerbaar.core.policy import Actor, can


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str = ""
    due: date | None = None
    overdue: bool = False


def _day(value: date) -> str:
    return formats.date_format(value, "j F")


def case_next_steps(*, actor: Actor, case: Case, today: date | None = None) -> list[NextStep]:
    """The next step(s) on ``case`` for ``actor``, those with a deadline first (earliest first)."""
    if case.status == CaseStatus.AFGESLOTEN:
        return []
    today = today or timezone.localdate()
    detail = reverse("cases:detail", kwargs={"uuid": case.uuid})
    dated: list[NextStep] = []
    for intervention in case.interventions.filter(owner_id=actor.organisation_id).prefetch_related("steps"):
        kind = INTERVENTION_TYPES.get(intervention.type)
        label = str(kind.label) if kind else intervention.type
        for step in intervention.steps.all():
            if step.done_on is not None or step.due_on is None:
                continue
            if step.due_on > today + timedelta(days=STEP_WARNING_DAYS):
                continue
            text = _("%(step)s (%(intervention)s) before %(day)s") % {
                "step": step.label,
                "intervention": label,
                "day": _day(step.due_on),
            }
            # Straight to the step's own page: the reader's organisation carries it out.
            url = reverse(
                "cases:step_done",
                kwargs={"uuid": case.uuid, "intervention_uuid": intervention.uuid, "code": step.code},
            )
            dated.append(NextStep(text, url, step.due_on, step.due_on < today))
    for action in action_items_of_case(actor=actor, case=case):
        if action.status == ActionItemStatus.GEREED or not may_complete_action_item(actor, action):
            continue
        text = _("%(action)s before %(day)s") % {"action": action.description, "day": _day(action.due_on)}
        dated.append(NextStep(text, f"{detail}#h-actions", action.due_on, action.due_on < today))
    dated.sort(key=lambda step: step.due or today)

    steps: list[NextStep] = []
    if can(actor, Perm.CASES_MANAGE, case):
        kwargs = {"uuid": case.uuid}
        waiting = case.access_requests.filter(status=AccessRequestStatus.OPEN).count()
        if waiting:
            text = ngettext("Decide on %(n)d access request", "Decide on %(n)d access requests", waiting) % {
                "n": waiting
            }
            steps.append(NextStep(text, f"{detail}#h-requests"))
        if not case.assessment:
            steps.append(
                NextStep(
                    _("Write the proportionality and subsidiarity assessment"),
                    reverse("cases:assessment", kwargs=kwargs),
                )
            )
        if CASE_TRANSITIONS.next(case.status) - {CaseStatus.AFGESLOTEN.value}:
            steps.append(
                NextStep(
                    _("Move the case to the next step when this one is done"),
                    reverse("cases:transition", kwargs=kwargs),
                )
            )
    return dated + steps
