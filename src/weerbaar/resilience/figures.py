# SPDX-License-Identifier: EUPL-1.2
"""The resilience scan's figures for the situational picture (registered in :mod:`weerbaar.core.figures`).

Counted per scanning organisation and read through the scan's own rules: the resilience coordinator
(``scan_managed``) and the council (``scan_council``) read their own organisation's counts, and holders of
``insights.organisation`` their organisation's as a whole. A respondent's own assignment or action is
narrower than the organisation and gives no figures.

- **score bands**: submitted answers to a topic (one respondent, one process or theme) by the band of their
  score, per month of submission. The bands are those of the scan: weak below 2, fair from 2, strong from 3.
- **improvement actions**: by the month they are due and their status now; an action to do or in progress
  past its due date counts as overdue. A due date passing changes no row, so those days are recounted too.
"""

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date, datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.figures import (
    OVERDUE,
    BaseRow,
    Figure,
    Rows,
    Series,
    either,
    organisation_rows,
    overdue_split,
    register_figure,
    register_series,
)
from weerbaar.core.policy import Actor
from weerbaar.resilience.constants import ACTION_OPEN, WEAK_BELOW, ActionStatus, AssignmentStatus
from weerbaar.resilience.models import Assignment, ImprovementAction
from weerbaar.resilience.scopes import scan_council, scan_managed

WEAK, FAIR, STRONG = "zwak", "redelijk", "sterk"
STRONG_FROM = 3.0


def _scope(actor: Actor) -> Q:
    return either(scan_managed(actor), scan_council(actor), organisation_rows(actor, Perm.INSIGHTS_ORGANISATION))


def _band(score: float) -> str:
    if score < WEAK_BELOW:
        return WEAK
    return FAIR if score < STRONG_FROM else STRONG


def _scores(days: Collection[date] | None) -> Iterable[BaseRow]:
    assignments = Assignment.objects.filter(status=AssignmentStatus.SUBMITTED, score__isnull=False)
    if days is not None:
        assignments = assignments.annotate(day=TruncDate("submitted_at")).filter(day__in=list(days))
    counter: Counter[tuple[date, int, str]] = Counter()
    for at, organisation_id, score in assignments.values_list("submitted_at", "scan__organisation_id", "score"):
        if at is not None and score is not None:
            counter[(timezone.localdate(at), organisation_id, _band(score))] += 1
    for (day, organisation_id, band), n in counter.items():
        yield day, organisation_id, "", band, n


def _score_days(since: datetime) -> set[date]:
    submitted = Assignment.objects.filter(submitted_at__gte=since).values_list("submitted_at", flat=True)
    return {timezone.localdate(at) for at in submitted}


def _actions(days: Collection[date] | None) -> Iterable[BaseRow]:
    actions = ImprovementAction.objects.all()
    if days is not None:
        actions = actions.filter(due_date__in=list(days))
    rows = (
        actions.values_list("due_date", "scan__organisation_id", "status")
        .annotate(late=Count("id", filter=Q(status__in=ACTION_OPEN, due_date__lt=timezone.localdate())), n=Count("id"))
        .order_by()
    )
    yield from overdue_split(rows)


def _action_days(since: datetime) -> set[date]:
    changed = ImprovementAction.objects.filter(Q(created_at__gte=since) | Q(status_changes__at__gte=since))
    passed = ImprovementAction.objects.filter(
        due_date__gte=timezone.localdate(since), due_date__lt=timezone.localdate()
    )
    return set(changed.values_list("due_date", flat=True).distinct()) | set(
        passed.values_list("due_date", flat=True).distinct()
    )


register_series(
    Series(
        "resilience.scores",
        ((WEAK, _("Weak (below 2)")), (FAIR, _("Fair (2 to 3)")), (STRONG, _("Strong (3 or more)"))),
        _scores,
        _score_days,
        _scope,
    )
)
register_series(
    Series("resilience.actions", ((OVERDUE, _("Overdue")), *ActionStatus.choices), _actions, _action_days, _scope)
)

register_figure(
    Figure(
        "weerbaarheid-scorebanden",
        "resilience.scores",
        _("Resilience scan by score band"),
        _(
            "Answers submitted to the resilience scan (one respondent for one vulnerable process or theme) per "
            "month, by the band of their score from 0 to 4."
        ),
        Rows.MONTH,
        share=WEAK,
        order=50,
    )
)
register_figure(
    Figure(
        "verbeteracties-status",
        "resilience.actions",
        _("Improvement actions"),
        _(
            "Improvement actions of the resilience scan by the month they are due and their status now; an "
            "action to do or in progress past its due date counts as overdue."
        ),
        Rows.MONTH,
        share=OVERDUE,
        order=51,
    )
)
