# SPDX-License-Identifier: EUPL-1.2
"""Reads of the resilience scan: lists scoped by ``scopes.py``, and the figures computed from answers.

Every figure outside the respondent's own page is consolidated: the mean of the submitted respondents'
means per topic, weighted by exposure for the processes together. The council's figures are further
reduced (``council_summary``); the benchmark compares only quartiles of five or more organisations.
"""

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Max, Min, Q, QuerySet
from django.utils.translation import gettext as _

from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.core.disclosure import cell_display, protect_counts, share
from weerbaar.core.policy import Actor
from weerbaar.knowledge import selectors as knowledge_selectors
from weerbaar.resilience import scopes
from weerbaar.resilience.constants import (
    ACTION_TITLE_MAX,
    BENCHMARK_MIN_ORGANISATIONS,
    COUNCIL_MIN_RESPONDENTS,
    DISAGREEMENT_SPREAD,
    EXPOSURE_DEFAULT,
    WEAK_BELOW,
    ActionStatus,
    AssignmentStatus,
    ScanStatus,
    TopicKind,
)
from weerbaar.resilience.models import Answer, Assignment, Exposure, ImprovementAction, Scan, Topic

# --- Lists and objects -----------------------------------------------------------------------------------


def scan_list(*, actor: Actor) -> QuerySet[Scan]:
    return Scan.objects.filter(scopes.scan_managed(actor)).select_related("scan_model", "previous")


def scan_get(*, actor: Actor, uuid: Any) -> Scan | None:
    return scan_list(actor=actor).filter(uuid=uuid).first()


def council_scan_list(*, actor: Actor) -> QuerySet[Scan]:
    return Scan.objects.filter(scopes.scan_council(actor)).select_related("scan_model")


def assignment_list(*, actor: Actor) -> QuerySet[Assignment]:
    return Assignment.objects.filter(scopes.assignment_own(actor)).select_related("scan", "topic")


def assignment_get(*, actor: Actor, uuid: Any) -> Assignment | None:
    return assignment_list(actor=actor).filter(uuid=uuid).first()


def action_list(*, actor: Actor, scan: Scan | None = None) -> QuerySet[ImprovementAction]:
    actions = ImprovementAction.objects.filter(scopes.action_visible(actor)).select_related("owner", "topic", "scan")
    return actions.filter(scan=scan) if scan is not None else actions


def action_get(*, actor: Actor, uuid: Any) -> ImprovementAction | None:
    return action_list(actor=actor).filter(uuid=uuid).first()


def topics_of(scan: Scan) -> list[Topic]:
    return list(scan.scan_model.topics.all())


# --- Scores ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicScore:
    key: str
    name: str
    kind: str
    exposure: int | None
    score: float | None
    respondents: int


@dataclass(frozen=True)
class ScanScores:
    topics: list[TopicScore]
    processes: float | None
    themes: float | None

    def by_key(self) -> dict[str, TopicScore]:
        return {t.key: t for t in self.topics}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def topic_means(scan_ids: Iterable[int]) -> dict[int, dict[str, tuple[float, int]]]:
    """Per scan and topic key: the mean of the submitted respondents' scores (each fixed at submission as the
    mean of his levels), and how many there are. One grouped query over the assignments."""
    rows = (
        Assignment.objects.filter(scan_id__in=list(scan_ids), status=AssignmentStatus.SUBMITTED)
        .values("scan_id", "topic__key")
        .annotate(mean=Avg("score"), respondents=Count("id"))
        .order_by()
    )
    result: dict[int, dict[str, tuple[float, int]]] = defaultdict(dict)
    for row in rows:
        result[row["scan_id"]][row["topic__key"]] = (float(row["mean"]), row["respondents"])
    return dict(result)


def _scores(scan: Scan, means: dict[str, tuple[float, int]], topics: list[Topic]) -> ScanScores:
    exposures = dict(Exposure.objects.filter(scan=scan).values_list("topic__key", "level"))
    rows: list[TopicScore] = []
    weighted = weights = 0.0
    themes: list[float] = []
    for topic in topics:
        mean, respondents = means.get(topic.key, (None, 0))
        exposure = exposures.get(topic.key, EXPOSURE_DEFAULT) if topic.kind == TopicKind.PROCESS else None
        rows.append(TopicScore(topic.key, topic.name, topic.kind, exposure, _round(mean), respondents))
        if mean is None:
            continue
        if exposure is not None:
            weighted += mean * exposure
            weights += exposure
        else:
            themes.append(mean)
    return ScanScores(
        topics=rows,
        processes=_round(weighted / weights) if weights else None,
        themes=_round(statistics.fmean(themes)) if themes else None,
    )


def scan_scores(scan: Scan, topics: list[Topic] | None = None) -> ScanScores:
    """The consolidated score per process and theme, and the totals (processes weighted by exposure)."""
    return _scores(scan, topic_means([scan.pk]).get(scan.pk, {}), topics or topics_of(scan))


# --- Progress ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicProgress:
    topic: Topic
    assigned: int
    submitted: int


@dataclass(frozen=True)
class Progress:
    topics: list[TopicProgress]
    assigned: int
    submitted: int

    @property
    def share(self) -> str:
        return f"{round(100 * self.submitted / self.assigned)} %" if self.assigned else "—"


def scan_progress(scan: Scan, topics: list[Topic] | None = None) -> Progress:
    counts: dict[int, tuple[int, int]] = {
        row["topic_id"]: (row["assigned"], row["submitted"])
        for row in scan.assignments.values("topic_id")
        .annotate(assigned=Count("id"), submitted=Count("id", filter=Q(status=AssignmentStatus.SUBMITTED)))
        .order_by()
    }
    rows = [TopicProgress(t, *counts.get(t.pk, (0, 0))) for t in topics or topics_of(scan)]
    return Progress(rows, sum(r.assigned for r in rows), sum(r.submitted for r in rows))


def scan_respondents(scan: Scan) -> QuerySet[Assignment]:
    """Who answers what and whether they submitted (the coordinator's progress list; no answers)."""
    return scan.assignments.select_related("topic", "respondent").order_by("topic__position", "respondent__username")


# --- Findings ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    topic: str
    text: str
    measures: list[str] = field(default_factory=list)
    #: The topic's key for a weak topic (its recommended measures and barriers); empty for a disagreement.
    key: str = ""


def _weak(row: TopicScore) -> bool:
    """Below "laid down", or highly exposed and below "works in practice"."""
    return row.score is not None and (row.score < WEAK_BELOW or (row.exposure == 3 and row.score < 3))


def weak_topics(scores: ScanScores) -> list[TopicScore]:
    """The topics the findings call weak, in the questionnaire's order."""
    return [row for row in scores.topics if _weak(row)]


def scan_findings(scan: Scan, scores: ScanScores | None = None, topics: list[Topic] | None = None) -> list[Finding]:
    """Weak topics (with their recommended measures), exposed processes below the good level, and questions on
    which a topic's respondents disagree widely (a reason to talk, not a verdict)."""
    by_key = {t.key: t for t in topics or topics_of(scan)}
    scores = scores or scan_scores(scan, list(by_key.values()))
    findings: list[Finding] = []
    for row in weak_topics(scores):
        topic = by_key[row.key]
        if row.score is not None and row.score < WEAK_BELOW:
            text = _("Weak: a score of %(score)s out of 4.") % {"score": row.score}
        else:
            text = _("Highly exposed, and below the level “works in practice” (%(score)s out of 4).") % {
                "score": row.score
            }
        findings.append(Finding(topic.name, text, list(topic.measures), key=topic.key))
    spread = (
        Answer.objects.filter(assignment__scan=scan, assignment__status=AssignmentStatus.SUBMITTED, level__isnull=False)
        .values("question_id", "question__text", "question__topic__name")
        .annotate(low=Min("level"), high=Max("level"), n=Count("id"))
        .filter(n__gte=2)
        .order_by("question__topic__position", "question__position")
    )
    for question in spread:
        if question["high"] - question["low"] >= DISAGREEMENT_SPREAD:
            findings.append(
                Finding(
                    question["question__topic__name"],
                    _("Respondents disagree widely on: %(question)s") % {"question": question["question__text"]},
                )
            )
    return findings


# --- Recommended measures from the barrier models ---------------------------------------------------------


@dataclass(frozen=True)
class RecommendedBarrier:
    key: str
    description: str
    owner_type: str
    model_title: str
    model_uuid: str
    step: str


@dataclass(frozen=True)
class Recommendation:
    topic_key: str
    topic_name: str
    barriers: list[RecommendedBarrier]


def _recommended(barrier: Any) -> RecommendedBarrier:
    model = barrier.step.model_version.barrier_model
    return RecommendedBarrier(
        key=str(barrier.key),
        description=barrier.description,
        owner_type=str(barrier.get_owner_type_display()),
        model_title=model.title,
        model_uuid=str(model.uuid),
        step=barrier.step.name,
    )


def recommended_measures(*, actor: Actor, scan: Scan, scores: ScanScores | None = None) -> list[Recommendation]:
    """Per weak topic of the scan (as the findings say), the barriers of the barrier models the actor sees
    (the own organisation's and the shared ones, current versions) that protect it. A weak topic that no
    barrier protects is left out."""
    weak = weak_topics(scores or scan_scores(scan))
    if not weak:
        return []
    barriers = knowledge_selectors.barriers_for_topics(actor=actor, topics=[row.key for row in weak])
    return [
        Recommendation(row.key, row.name, [_recommended(b) for b in barriers[row.key]])
        for row in weak
        if row.key in barriers
    ]


def action_initial(*, actor: Actor, scan: Scan, barrier_key: str, topic_key: str = "") -> dict[str, Any]:
    """The new improvement action's form, prefilled from a recommended barrier: its description as the title,
    and the topic it was recommended for (a topic of this scan's questionnaire). Nothing for a barrier the
    actor cannot see."""
    barrier = knowledge_selectors.barriers_by_key(actor=actor, keys=[barrier_key]).get(barrier_key)
    if barrier is None:
        return {}
    model = barrier.step.model_version.barrier_model
    initial: dict[str, Any] = {
        "title": barrier.description.splitlines()[0][:ACTION_TITLE_MAX] if barrier.description else "",
        "description": _("Recommended measure from the barrier model “%(model)s” (%(owner)s).")
        % {"model": model.title, "owner": barrier.get_owner_type_display()},
    }
    if topic_key and topic_key in barrier.topics:
        topic = scan.scan_model.topics.filter(key=topic_key).first()
        if topic is not None:
            initial["topic"] = topic.pk
    return initial


# --- Trend -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendRow:
    name: str
    kind: str
    before: float | None
    now: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.now is None:
            return None
        return round(self.now - self.before, 1)


def scan_trend(scan: Scan, topics: list[Topic] | None = None) -> list[TrendRow] | None:
    """The previous scan and this one side by side per process and theme (matched by key); None without one."""
    previous = scan.previous
    if previous is None:
        return None
    means = topic_means([scan.pk, previous.pk])
    now = _scores(scan, means.get(scan.pk, {}), topics or topics_of(scan)).by_key()
    before_topics = topics if topics and previous.scan_model_id == scan.scan_model_id else topics_of(previous)
    before = _scores(previous, means.get(previous.pk, {}), before_topics).by_key()
    return [
        TrendRow(row.name, row.kind, before[row.key].score if row.key in before else None, row.score)
        for row in now.values()
    ]


# --- Benchmark ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkRow:
    name: str
    own: float | None
    q1: float | None
    median: float | None
    q3: float | None


@dataclass(frozen=True)
class Benchmark:
    available: bool
    organisations: int
    rows: list[BenchmarkRow]


def _latest_closed_per_organisation(scan: Scan) -> list[int]:
    seen: dict[int, int] = {}
    for scan_id, organisation_id in (
        Scan.objects.filter(scan_model_id=scan.scan_model_id, status=ScanStatus.CLOSED)
        .order_by("organisation_id", "-closed_at", "-id")
        .values_list("id", "organisation_id")
    ):
        seen.setdefault(organisation_id, scan_id)
    return list(seen.values())


def benchmark(scan: Scan) -> Benchmark:
    """Quartiles per topic over the latest closed scan of each organisation with the same questionnaire
    version — only with at least five organisations, and only quartiles: never another organisation's figure."""
    scan_ids = _latest_closed_per_organisation(scan)
    if len(scan_ids) < BENCHMARK_MIN_ORGANISATIONS:
        return Benchmark(False, len(scan_ids), [])
    means = topic_means([*scan_ids, scan.pk])
    topics = topics_of(scan)
    own = _scores(scan, means.get(scan.pk, {}), topics).by_key()
    rows = []
    for topic in topics:
        values = [means[s][topic.key][0] for s in scan_ids if topic.key in means.get(s, {})]
        if len(values) < BENCHMARK_MIN_ORGANISATIONS:
            rows.append(BenchmarkRow(topic.name, own[topic.key].score, None, None, None))
            continue
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
        rows.append(BenchmarkRow(topic.name, own[topic.key].score, _round(q1), _round(median), _round(q3)))
    return Benchmark(True, len(scan_ids), rows)


# --- The council -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilTheme:
    name: str
    score: str


@dataclass(frozen=True)
class CouncilScan:
    scan: Scan
    progress: str
    processes: float | None
    themes: list[CouncilTheme]
    actions: list[tuple[str, str]] | None
    actions_total: int


def council_summary(*, actor: Actor) -> list[CouncilScan]:
    """What the council sees of each scan: progress as a share, the processes' weighted total, each theme's
    score only when at least three respondents gave it, and action counts per status with small counts
    suppressed. No names, no answers, no single process."""
    result = []
    scans = list(council_scan_list(actor=actor))
    means = topic_means([scan.pk for scan in scans])
    topics_by_model: dict[int, list[Topic]] = {}
    for scan in scans:
        topics = topics_by_model.setdefault(scan.scan_model_id, topics_of(scan))
        scores = _scores(scan, means.get(scan.pk, {}), topics)
        progress = scan_progress(scan, topics)
        themes = [
            CouncilTheme(
                t.name, str(t.score) if t.score is not None and t.respondents >= COUNCIL_MIN_RESPONDENTS else "—"
            )
            for t in scores.topics
            if t.kind == TopicKind.THEME
        ]
        counts_by_status = dict(scan.actions.values_list("status").annotate(n=Count("id")).order_by())
        counts = [counts_by_status.get(value, 0) for value, _label in ActionStatus.choices]
        statuses = protect_counts(counts)
        actions = (
            [
                (str(label), cell_display(n, s))
                for (_value, label), n, s in zip(ActionStatus.choices, counts, statuses, strict=True)
            ]
            if statuses is not None
            else None
        )
        result.append(
            CouncilScan(
                scan=scan,
                progress=share(progress.submitted, progress.assigned),
                processes=scores.processes,
                themes=themes,
                actions=actions,
                actions_total=sum(counts),
            )
        )
    return result


# --- Choices for the forms ---------------------------------------------------------------------------------


def people_of(organisation_id: int, roles: frozenset[str] | None = None) -> QuerySet[User]:
    """Active people with a current role (one of ``roles``) in the organisation, by name."""
    assignments = RoleAssignment.objects.current().filter(organisation_id=organisation_id)
    if roles is not None:
        assignments = assignments.filter(role__in=roles)
    return User.objects.filter(is_active=True, pk__in=assignments.values("user_id")).order_by(
        "last_name", "first_name", "username"
    )
