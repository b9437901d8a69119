# SPDX-License-Identifier: EUPL-1.2
"""Training completion in the situational picture.

**The figures** (registered in :mod:`weerbaar.core.figures`, series ``training.completion``): each person an
assigned module is meant for (a holder of the role, a member of the department, once per module however many
assignments reach him, under the earliest due date) counts once, on the day the module was assigned to him,
by where he stands now: passed by the due date, passed after it, not yet passed and not yet due, or overdue.
Counted per organisation (no municipality: the organisation's own staff), read by the council (holder of
``training.overview``) for its own organisation only, under the series' threshold of 10
(``training.constants.GROUP_THRESHOLD``, area D's floor for staff figures) rather than the platform's 5:
a base cell (organisation by month by status) of 1 to 9 people is left out of every figure.

Where someone stands changes without any row changing (a due date passes, someone joins a department), and
assignments are few (tens per organisation), so every refresh recounts every day on which a module was
assigned: the whole series, a few hundred base rows.

**The section** (registered in :mod:`weerbaar.core.sections`): completion per department is no base cell
(the cells know the organisation, not the department), so the council reads it as this app's own tables, with
its own protection (a department of fewer than 10 shows no figure, a count the totals would give away is
hidden as well), on the dashboard and in the confidential report to the council.
"""

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.figures import (
    OVERDUE,
    BaseRow,
    Columns,
    Figure,
    Rows,
    Series,
    organisation_rows,
    register_figure,
    register_series,
)
from weerbaar.core.policy import Actor
from weerbaar.core.sections import Section, register_section
from weerbaar.training.constants import GROUP_THRESHOLD
from weerbaar.training.models import Assignment, Attempt
from weerbaar.training.selectors import assignment_assignees, council_figures, council_report_figures

ON_TIME, LATE, OPEN = "op-tijd", "te-laat", "open"
COMPLETION = (
    (ON_TIME, _("Passed on time")),
    (LATE, _("Passed late")),
    (OPEN, _("Not yet due")),
    (OVERDUE, _("Overdue")),
)


def _scope(actor: Actor) -> Q:
    """The council's own organisation: what its page of the resilient organisation shows in aggregate."""
    return organisation_rows(actor, Perm.TRAINING_OVERVIEW)


def _completion(days: Collection[date] | None) -> Iterable[BaseRow]:
    today = timezone.localdate()
    # (organisation, module, person) -> (day assigned, due date) of the assignment due first.
    meant: dict[tuple[int, int, int], tuple[date, date]] = {}
    for assignment in Assignment.objects.order_by("due_date", "pk"):
        assigned = timezone.localdate(assignment.created_at)
        for user_id in assignment_assignees(assignment=assignment).values_list("pk", flat=True):
            meant.setdefault(
                (assignment.organisation_id, assignment.module_id, user_id), (assigned, assignment.due_date)
            )
    passed = {
        (o, m, u): timezone.localdate(at)
        for o, m, u, at in Attempt.objects.filter(passed=True)
        .values_list("organisation_id", "module_id", "user_id")
        .annotate(first=Min("completed_at"))
        .order_by()
    }
    counter: Counter[tuple[date, int, str]] = Counter()
    for key, (assigned, due) in meant.items():
        if days is not None and assigned not in days:
            continue
        on = passed.get(key)
        if on is not None:
            status = ON_TIME if on <= due else LATE
        else:
            status = OVERDUE if due < today else OPEN
        counter[(assigned, key[0], status)] += 1
    for (day, organisation_id, status), n in counter.items():
        yield day, organisation_id, "", status, n


def _completion_days(since: datetime) -> set[date]:
    """Every day a module was assigned on (see the module's docstring: the series is small)."""
    return {timezone.localdate(at) for at in Assignment.objects.values_list("created_at", flat=True)}


register_series(
    Series("training.completion", COMPLETION, _completion, _completion_days, _scope, threshold=GROUP_THRESHOLD)
)

register_figure(
    Figure(
        "opleiding-voortgang",
        "training.completion",
        _("Training completion"),
        _(
            "The people an awareness training module is assigned to (by role or department), by the month it was "
            "assigned and where they stand now: passed by the due date, passed after it, not yet due, or overdue. "
            "Counted for the whole organisation; a group of fewer than 10 people is left out."
        ),
        Rows.MONTH,
        share=OVERDUE,
        order=60,
    )
)
register_figure(
    Figure(
        "opleiding-stand",
        "training.completion",
        _("Training completion now"),
        _(
            "The people an awareness training module is assigned to, in the period chosen, by where they stand "
            "now (the whole organisation; a group of fewer than 10 people is left out)."
        ),
        Rows.CATEGORY,
        Columns.TOTAL,
        order=61,
    )
)


def _dashboard(actor: Actor) -> dict[str, Any]:
    return {"training": council_figures(actor=actor), "threshold": GROUP_THRESHOLD}


def _report(organisation_id: int) -> dict[str, Any]:
    return {"training": council_report_figures(organisation_id=organisation_id), "threshold": GROUP_THRESHOLD}


register_section(
    Section(
        "opleiding",
        _("Training completion per department"),
        Perm.TRAINING_OVERVIEW,
        "training/_insights_section.html",
        _dashboard,
        audit_object_type="training.attempt",
        order=30,
        council_report=_report,
        report_template="training/documents/_council_report.html",
    )
)
