# SPDX-License-Identifier: EUPL-1.2
"""Reads of subjects and their correlations, always through the contexts' own policies.

Every other subject of a subject's entity is one of two things for the actor:

- **visible** (the actor may see its context): shown with its values, its context and — when the two
  subjects were scored against each other — the score explained per feature;
- **hidden**: shown only as a *hit* on its context — "a case of organisation X" — never its values,
  number, title or score; one hit per context, with the means to ask for access.

Pairs in the review band (a possible match the model is unsure of) are offered for judgement only when
the actor may see both subjects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils.crypto import constant_time_compare, salted_hmac
from django_stubs_ext import StrOrPromise

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import FEATURE_LABELS, Verdict
from weerbaar.correlation.contexts import ContextRef, describe, exportable_q, provider, visible_q
from weerbaar.correlation.models import AccessInquiry, Exclusion, InquiryStatus, Link, Subject
from weerbaar.correlation.resolver import latest_verdicts, pair_key, resolver_config


def hit_token(actor: Actor, via: Subject, target: Subject) -> str:
    """An opaque reference to a hidden subject for one actor, from one of their own subjects.

    The hit tells nothing about the hidden context but its kind and organisation; not even an identifier
    of the hidden subject leaves Weerbaar. The server finds the subject back from ``via``'s entity.
    """
    user = actor.user.uuid if actor.user is not None else ""
    return salted_hmac("weerbaar.correlation.hit", f"{user}|{via.uuid}|{target.uuid}", algorithm="sha256").hexdigest()[
        :32
    ]


def hit_target(*, actor: Actor, via: Subject, token: str) -> Subject | None:
    """The hidden subject of ``via``'s entity that ``token`` refers to, for this actor; None otherwise."""
    if via.entity_id is None or not token:
        return None
    hidden = Subject.objects.filter(entity_id=via.entity_id).exclude(pk=via.pk).exclude(visible_q(actor))
    for candidate in hidden:
        if constant_time_compare(hit_token(actor, via, candidate), token):
            return candidate
    return None


def subjects_visible(*, actor: Actor) -> QuerySet[Subject]:
    """Subjects whose content the actor may see (their context's policy); empty without the permission."""
    if not can(actor, Perm.CORRELATION_VIEW):
        return Subject.objects.none()
    return Subject.objects.filter(visible_q(actor))


def subject_get(*, actor: Actor, uuid: UUID | str) -> Subject | None:
    return subjects_visible(actor=actor).filter(uuid=uuid).select_related("supplied_by", "entity").first()


def subjects_of_signal(*, actor: Actor, signal: Any) -> QuerySet[Subject]:
    return subjects_visible(actor=actor).filter(signal=signal).select_related("supplied_by")


def subjects_of_case(*, actor: Actor, case: Any) -> QuerySet[Subject]:
    return subjects_visible(actor=actor).filter(case_item__case=case).select_related("supplied_by", "case_item")


def subjects_exportable(*, actor: Actor) -> QuerySet[Subject]:
    if not can(actor, Perm.CORRELATION_VIEW):
        return Subject.objects.none()
    return Subject.objects.filter(visible_q(actor)).filter(exportable_q(actor))


@dataclass(frozen=True)
class Contribution:
    feature: str
    label: StrOrPromise
    weight: float


def explain(explanation: dict[str, float]) -> list[Contribution]:
    """An explanation as rows for people, the strongest contributions first (prior last)."""
    rows = [
        Contribution(feature, FEATURE_LABELS.get(feature, feature), weight)
        for feature, weight in explanation.items()
        if feature != "prior"
    ]
    rows.sort(key=lambda c: -abs(c.weight))
    if "prior" in explanation:
        rows.append(Contribution("prior", FEATURE_LABELS["prior"], explanation["prior"]))
    return rows


@dataclass
class Same:
    """Another subject of the same entity that the actor may see."""

    subject: Subject
    context: ContextRef
    score: float | None = None
    explanation: list[Contribution] = field(default_factory=list)
    verdict: str = ""


@dataclass
class Hit:
    """A context outside the actor's access holding a subject of the same entity: hit, no content."""

    context: ContextRef
    via: Subject  # the actor's own subject that hit
    #: Opaque, per person: addresses an access request without naming anything in the hidden context.
    token: str
    #: Whether the context's access procedure is open to the actor (a case only to case readers).
    can_request: bool = True


@dataclass
class Possible:
    """A pair in the review band, both sides visible: for a person to judge."""

    subject: Subject
    context: ContextRef
    score: float
    explanation: list[Contribution]


@dataclass
class Correlations:
    subject: Subject
    same: list[Same] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    possible: list[Possible] = field(default_factory=list)


@dataclass
class CorrelationReport:
    rows: list[Correlations]
    #: Hits outside access in this report, counted per context (what a disclosure audit records).
    hidden_contexts: int = 0

    @property
    def any(self) -> bool:
        return any(r.same or r.hits or r.possible for r in self.rows)


def correlations_for(*, actor: Actor, subjects: Sequence[Subject], with_hits: bool = True) -> CorrelationReport:
    """Everything the actor may learn about the correlations of ``subjects`` (which they can see)."""
    own_ids = {s.pk for s in subjects}
    entity_ids = {s.entity_id for s in subjects if s.entity_id is not None}
    # Every member of the entities, own subjects included: two of the actor's subjects can be the same too.
    others = list(Subject.objects.filter(entity_id__in=entity_ids).select_related("supplied_by"))
    config = resolver_config()
    link_rows = list(
        Link.objects.filter(Q(subject_a_id__in=own_ids) | Q(subject_b_id__in=own_ids)).values_list(
            "subject_a_id", "subject_b_id", "score", "explanation"
        )
    )
    links = {(a, b): (score, expl) for a, b, score, expl in link_rows}
    possible_ids = {
        b if a in own_ids else a
        for (a, b), (score, _e) in links.items()
        if config.review_threshold <= score < config.match_threshold
    }
    by_entity: dict[int, list[Subject]] = defaultdict(list)
    for other in others:
        if other.entity_id is not None:
            by_entity[other.entity_id].append(other)
    possible_subjects = {
        s.pk: s
        for s in Subject.objects.filter(pk__in=possible_ids - {o.pk for o in others}).select_related("supplied_by")
    }
    candidates = [*others, *possible_subjects.values()]
    by_pk = {s.pk: s for s in candidates}
    visible = set(
        Subject.objects.filter(visible_q(actor), pk__in=[s.pk for s in candidates]).values_list("pk", flat=True)
    )
    refs = describe(candidates, full_for=visible)
    verdicts = latest_verdicts([*own_ids, *(s.pk for s in candidates)])
    report = CorrelationReport(rows=[])
    hidden_seen: set[str] = set()
    for subject in subjects:
        row = Correlations(subject=subject)
        hit_contexts: set[str] = set()
        for other in by_entity.get(subject.entity_id or -1, []):
            ref = refs.get(other.pk)
            if ref is None or other.pk == subject.pk:
                continue
            pair = pair_key(subject.pk, other.pk)
            if other.pk in visible:
                score, expl = links.get(pair, (None, {}))
                row.same.append(Same(other, ref, score, explain(expl) if expl else [], verdicts.get(pair, "")))
            elif with_hits and ref.key not in hit_contexts:
                hit_contexts.add(ref.key)
                hidden_seen.add(ref.key)
                source = provider(ref.kind)
                row.hits.append(
                    Hit(
                        context=ref,
                        via=subject,
                        token=hit_token(actor, subject, other),
                        can_request=source is not None and source.may_request_access(actor),
                    )
                )
        for (a, b), (score, expl) in links.items():
            if subject.pk not in (a, b) or not config.review_threshold <= score < config.match_threshold:
                continue
            other_id = b if a == subject.pk else a
            other_subject = by_pk.get(other_id)
            if (
                other_subject is None
                or other_subject.entity_id == subject.entity_id
                or other_id not in visible
                or verdicts.get((a, b)) in (Verdict.ZELFDE, Verdict.NIET_ZELFDE)
            ):
                continue
            row.possible.append(Possible(other_subject, refs[other_id], score, explain(expl)))
        row.same.sort(key=lambda s: (-(s.score or 0), s.subject.pk))
        row.possible.sort(key=lambda p: (-p.score, p.subject.pk))
        report.rows.append(row)
    report.hidden_contexts = len(hidden_seen)
    return report


def inquiries_open(*, actor: Actor, subjects: Iterable[Subject]) -> QuerySet[AccessInquiry]:
    """Open access inquiries on subjects the actor may see (the people responsible for the context)."""
    ids = [s.pk for s in subjects]
    return (
        AccessInquiry.objects.filter(subject_id__in=ids, status=InquiryStatus.OPEN)
        .filter(subject__in=subjects_visible(actor=actor))
        .select_related("organisation", "requester", "subject")
    )


def inquiry_get(*, actor: Actor, uuid: UUID | str) -> AccessInquiry | None:
    return (
        AccessInquiry.objects.filter(uuid=uuid, subject__in=subjects_visible(actor=actor))
        .select_related("subject", "organisation", "requester")
        .first()
    )


def exclusion_list(*, actor: Actor) -> QuerySet[Exclusion]:
    if not can(actor, Perm.CORRELATION_MANAGE):
        return Exclusion.objects.none()
    return Exclusion.objects.select_related("added_by")
