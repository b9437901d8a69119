# SPDX-License-Identifier: EUPL-1.2
"""What needs doing next on one signal, for this actor: the box at the top of the signal page.

Each step names its deadline and links to the page of the action that does it, so a new intake officer
or weighing-team member sees at once what is theirs to do and by when.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.signals.constants import INTAKE_TARGETS, TRANSITIONS, Phenomenon, Status
from weerbaar.signals.models import DrugWasteDetails, Signal


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str = ""  # empty: someone else acts, there is no page for this actor
    due: date | None = None
    overdue: bool = False


def _day(value: date) -> str:
    return formats.date_format(value, "j F")


def _due(signal_due: object, today: date) -> tuple[date | None, bool]:
    if signal_due is None:
        return None, False
    due = timezone.localtime(signal_due).date()  # type: ignore[arg-type]
    return due, due < today


def signal_next_steps(*, actor: Actor, signal: Signal, today: date | None = None) -> list[NextStep]:
    """The next step(s) on ``signal`` for ``actor``, most urgent first; empty when nothing is theirs."""
    today = today or timezone.localdate()
    intake = can(actor, Perm.SIGNALS_INTAKE, signal)
    weigh = can(actor, Perm.SIGNALS_WEIGH, signal)
    kwargs = {"uuid": signal.uuid}
    steps: list[NextStep] = []
    if signal.status == Status.ONTVANGEN:
        due, overdue = _due(signal.acknowledge_due, today)
        if intake:
            text = _("Qualify this signal before %(day)s") % {"day": _day(due)} if due else _("Qualify this signal")
            steps.append(NextStep(text, reverse("signals:transition", kwargs=kwargs), due, overdue))
        else:
            steps.append(NextStep(_("Waiting for the intake team to qualify this signal."), due=due, overdue=overdue))
    elif signal.status == Status.GEKWALIFICEERD:
        due, overdue = _due(signal.weigh_due, today)
        if weigh:
            text = _("Weigh this signal before %(day)s") % {"day": _day(due)} if due else _("Weigh this signal")
            steps.append(NextStep(text, reverse("signals:weigh", kwargs=kwargs), due, overdue))
        else:
            steps.append(NextStep(_("Waiting for the weighing by the schakelteam."), due=due, overdue=overdue))
    elif intake and TRANSITIONS.next(signal.status) & INTAKE_TARGETS:
        steps.append(
            NextStep(_("Move the signal on when this step is done"), reverse("signals:transition", kwargs=kwargs))
        )
    if intake and signal.phenomenon == Phenomenon.DRUGSAFVALDUMPING and signal.status != Status.AFGEROND:
        details = DrugWasteDetails.objects.filter(signal=signal).first()
        if details is None or not details.police_reference or details.cleanup_costs is None:
            steps.append(
                NextStep(
                    _("Complete the drug-waste details for the compensation claim"),
                    reverse("signals:drug_waste", kwargs=kwargs),
                )
            )
    return steps
