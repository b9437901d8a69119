# SPDX-License-Identifier: EUPL-1.2
"""Reads of awareness training, every one filtered by the rules in ``scopes.py``.

Completion figures are counts per department with area D's threshold of 10 (``core.disclosure``): a group
under 10 shows no figure, a count of 1 to 9 (done or not done) is shown as "< 10" and the cells that would
give it away through the totals are hidden as well. No selector here returns a score to anyone but its taker.
"""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.core import disclosure
from weerbaar.core.policy import Actor, can
from weerbaar.training import scopes
from weerbaar.training.constants import GROUP_THRESHOLD
from weerbaar.training.models import Assignment, Attempt, Department, DepartmentMember, Module

# --- Modules --------------------------------------------------------------------------------------------


def module_takeable_list(*, actor: Actor) -> QuerySet[Module]:
    return Module.objects.filter(scopes.module_takeable(actor))


def module_take_get(*, actor: Actor, uuid: UUID | str) -> Module | None:
    return module_takeable_list(actor=actor).filter(uuid=uuid).first()


def module_managed_list(*, actor: Actor) -> QuerySet[Module]:
    return Module.objects.filter(scopes.module_managed(actor))


def module_managed_get(*, actor: Actor, uuid: UUID | str) -> Module | None:
    return module_managed_list(actor=actor).filter(uuid=uuid).first()


def module_content(module: Module) -> Module:
    """The module with its pages, scenarios (and their options) and dilemma cards loaded."""
    return Module.objects.prefetch_related("pages", "scenarios__options", "dilemmas").get(pk=module.pk)


# --- Own assignments and attempts ----------------------------------------------------------------------


@dataclass(frozen=True)
class OwnAssignment:
    module: Module
    due_date: date
    done: bool

    @property
    def overdue(self) -> bool:
        return not self.done and self.due_date < timezone.localdate()


def _passed(actor: Actor) -> QuerySet[Attempt]:
    return Attempt.objects.filter(scopes.attempt_visible(actor), passed=True)


def assignment_own_list(*, actor: Actor) -> list[OwnAssignment]:
    """The modules assigned to the actor (through a role held or the department), earliest due first; one
    row per module (the earliest due date), marked done once the actor passed it."""
    if actor.user is None or actor.organisation_id is None or not can(actor, Perm.TRAINING_TAKE):
        return []
    departments = DepartmentMember.objects.filter(
        user_id=actor.user.pk, department__organisation_id=actor.organisation_id
    ).values("department_id")
    assignments = (
        Assignment.objects.filter(organisation_id=actor.organisation_id, module__status="gepubliceerd")
        .filter(Q(role__in=actor.roles) | Q(department_id__in=departments))
        .select_related("module")
        .order_by("due_date", "pk")
    )
    passed = set(_passed(actor).values_list("module_id", flat=True))
    rows: dict[int, OwnAssignment] = {}
    for assignment in assignments:
        if assignment.module_id not in rows:
            rows[assignment.module_id] = OwnAssignment(
                assignment.module, assignment.due_date, assignment.module_id in passed
            )
    return list(rows.values())


def assignment_open_list(*, actor: Actor) -> list[OwnAssignment]:
    return [row for row in assignment_own_list(actor=actor) if not row.done]


def attempt_list(*, actor: Actor) -> QuerySet[Attempt]:
    return Attempt.objects.filter(scopes.attempt_visible(actor)).select_related("module")


def attempt_get(*, actor: Actor, uuid: UUID | str) -> Attempt | None:
    return attempt_list(actor=actor).filter(uuid=uuid).first()


def assignment_assignees(*, assignment: Assignment, outstanding_only: bool = False) -> QuerySet[User]:
    """The people an assignment is for (today's role holders, or the department's members): for the
    reminder command, never for a page."""
    if assignment.department_id is not None:
        users = User.objects.filter(departments__department_id=assignment.department_id)
    else:
        holders = RoleAssignment.objects.current().filter(
            organisation_id=assignment.organisation_id, role=assignment.role
        )
        users = User.objects.filter(pk__in=holders.values("user_id"))
    users = users.filter(is_active=True)
    if outstanding_only:
        passed = Attempt.objects.filter(
            user_id=OuterRef("pk"),
            module_id=assignment.module_id,
            organisation_id=assignment.organisation_id,
            passed=True,
        )
        users = users.exclude(Exists(passed))
    return users.distinct().order_by("pk")


# --- Completion figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompletionRow:
    name: str
    members: str
    done: str
    not_done: str
    share: str


@dataclass(frozen=True)
class Completion:
    module: Module
    rows: list[CompletionRow]
    total: CompletionRow | None


def _row(name: str, members: int, done: int, statuses: list[str] | None = None) -> CompletionRow:
    """One row as shown. Without ``statuses``: suppressed on its own (no totals to derive it from)."""
    t = GROUP_THRESHOLD
    not_done = members - done
    if statuses is None:
        statuses = [
            disclosure.PRIMARY if disclosure.is_suppressed(v, t) else disclosure.SHOWN
            for v in (done, not_done, members)
        ]
    if statuses[2] == disclosure.PRIMARY:
        # A group under 10: no figure at all beyond its size being small (not even a 0, which says "all").
        hidden = disclosure.NOT_SHOWN
        return CompletionRow(name, disclosure.cell_display(members, statuses[2], t), hidden, hidden, hidden)
    cells = [disclosure.cell_display(v, s, t) for v, s in zip((done, not_done, members), statuses, strict=True)]
    share = disclosure.share(done, members, t) if set(statuses) == {disclosure.SHOWN} else disclosure.NOT_SHOWN
    return CompletionRow(name, cells[2], cells[0], cells[1], share)


def _counts(actor: Actor, module: Module, departments: QuerySet[Department]) -> list[tuple[str, int, int]]:
    return _organisation_counts(actor.organisation_id, module, departments)


def _organisation_counts(
    organisation_id: int | None, module: Module, departments: QuerySet[Department]
) -> list[tuple[str, int, int]]:
    """(name, staff, passed) per department, in two queries: a person is in one department of an organisation
    at most, so member rows are counted without ``DISTINCT``; "passed" is membership of the set of people with
    a passed attempt (a hashed sub-plan on PostgreSQL)."""
    passed = Attempt.objects.filter(Q(organisation_id=organisation_id), module=module, passed=True).values("user_id")
    names = list(departments.order_by("name", "pk").values_list("pk", "name"))
    counts = {
        row["department_id"]: (row["n"], row["done"])
        for row in DepartmentMember.objects.filter(department_id__in=[pk for pk, _name in names])
        .values("department_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(user_id__in=passed)))
        .order_by()
    }
    return [(name, *counts.get(pk, (0, 0))) for pk, name in names]


def completion_per_department(*, actor: Actor, module: Module) -> Completion | None:
    """Completion of ``module`` per department the actor may read, with a total for the coordinator and the
    council (the council sees the total only). None: the actor reads no completion figures."""
    manage = can(actor, Perm.TRAINING_MANAGE)
    department = can(actor, Perm.TRAINING_DEPARTMENT)
    overview = can(actor, Perm.TRAINING_OVERVIEW)
    if not (manage or department or overview) or actor.organisation_id is None:
        return None
    if overview and not (manage or department):
        everyone = _counts(actor, module, Department.objects.filter(organisation=actor.organisation))
        return Completion(module, [], _row("", sum(r[1] for r in everyone), sum(r[2] for r in everyone)))
    counts = _counts(actor, module, Department.objects.filter(scopes.department_figures_visible(actor)).distinct())
    if not manage:
        return Completion(module, [_row(name, n, done) for name, n, done in counts], None)
    return _protected(module, counts)


def _protected(module: Module, counts: list[tuple[str, int, int]]) -> Completion:
    """Per department and in total, with complementary suppression over the table (a hidden figure cannot be
    worked out from the totals); when the table cannot be protected, only the staff numbers and the total."""
    interior = [[done, n - done] for _name, n, done in counts]
    total_n, total_done = sum(r[1] for r in counts), sum(r[2] for r in counts)
    try:
        statuses = disclosure.protect_table(interior, threshold=GROUP_THRESHOLD)
    except ValueError:  # a column total of 1 to 9: the breakdown cannot be shown next to it
        statuses = None
    if statuses is None:
        hidden = [disclosure.SECONDARY, disclosure.SECONDARY]
        rows = [
            _row(
                name,
                n,
                done,
                [*hidden, disclosure.PRIMARY if disclosure.is_suppressed(n, GROUP_THRESHOLD) else "shown"],
            )
            for name, n, done in counts
        ]
        return Completion(module, rows, _row("", total_n, total_done))
    rows = [_row(name, n, done, status) for (name, n, done), status in zip(counts, statuses, strict=True)]
    return Completion(module, rows, _row("", total_n, total_done))


def council_figures(*, actor: Actor) -> list[Completion]:
    """The council's training section: for each module assigned in the actor's organisation, completion per
    department and in total, protected as the coordinator's table is (groups under ten show no figure, and a
    hidden figure cannot be derived from a total). Empty without ``training.overview``."""
    if not can(actor, Perm.TRAINING_OVERVIEW) or actor.organisation_id is None:
        return []
    departments = Department.objects.filter(organisation=actor.organisation)
    return [_protected(module, _counts(actor, module, departments)) for module in completion_modules(actor=actor)]


def completion_modules(*, actor: Actor) -> QuerySet[Module]:
    """The modules assigned in the actor's organisation: those the completion page reports on."""
    if actor.organisation_id is None:
        return Module.objects.none()
    return _assigned_modules(actor.organisation_id)


def _assigned_modules(organisation_id: int) -> QuerySet[Module]:
    assigned = Assignment.objects.filter(organisation_id=organisation_id).values("module_id")
    return Module.objects.filter(pk__in=assigned).order_by("title", "-version")


def council_report_figures(*, organisation_id: int) -> list[Completion]:
    """Training completion in the confidential report to the council of the organisation: what the council
    reads on its own page (per assigned module, per department and in total, protected as there)."""
    departments = Department.objects.filter(organisation_id=organisation_id)
    return [
        _protected(module, _organisation_counts(organisation_id, module, departments))
        for module in _assigned_modules(organisation_id)
    ]


def assignment_list(*, actor: Actor) -> QuerySet[Assignment]:
    """The organisation's assignments, for the coordinator."""
    if actor.organisation_id is None or not can(actor, Perm.TRAINING_MANAGE):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(organisation_id=actor.organisation_id)
        .select_related("module", "department")
        .order_by("due_date", "pk")
    )


def department_list(*, actor: Actor) -> QuerySet[Department]:
    """The organisation's departments, for the coordinator's assignment form."""
    if actor.organisation is None or not can(actor, Perm.TRAINING_MANAGE):
        return Department.objects.none()
    return Department.objects.filter(organisation=actor.organisation)
