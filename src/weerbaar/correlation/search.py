# SPDX-License-Identifier: EUPL-1.2
"""Screening: one person, company or address against every stored subject, ranked and explained.

Persons are looked up in an in-process :class:`~linkage.screening.ScreeningIndex` (a million
subjects answer in milliseconds; see ``bench/correlation/screening.py``); companies, addresses and the
identifier kinds through the subject keys in the database, as the online resolver does. The index is
filled from the database on first use and brought up to date before every query (subjects are immutable,
so only new ones need loading); a subject that has been deleted since is dropped when its row is missing.

The result is scoped by the contexts' policies: subjects the actor may see come with their values,
context, score and explanation; subjects they may not see appear only as a hit on their context ("a case
of organisation X") and only from the match threshold up, never with a score.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from linkage import keys
from linkage.engine import LinkConfig
from linkage.screening import ScreeningIndex
from weerbaar.core.policy import Actor
from weerbaar.correlation.contexts import ContextRef, describe, visible_q
from weerbaar.correlation.models import Subject
from weerbaar.correlation.resolver import ResolverConfig, candidates_for, resolver_config
from weerbaar.correlation.selectors import Contribution, explain

#: How many index candidates are looked at per requested result (hidden ones are set aside).
OVERFETCH = 3
_BATCH = 20_000


class _IndexHolder:
    """The process's screening index of person subjects, with the high-water mark of what it holds."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index: ScreeningIndex | None = None
        self.model_key: object = None
        self.high_water = 0

    def current(self) -> ScreeningIndex:
        config = resolver_config()
        # The index is rebuilt when the model (a new batch run) or the exclusion list changes.
        identity = (config.model, config.excluded, config.max_address_frequency, config.max_key_frequency)
        with self.lock:
            if self.index is None or self.model_key != identity:
                self.index = ScreeningIndex(model=config.model, config=link_config(config))
                self.model_key = identity
                self.high_water = 0
            self._load_new(self.index)
            return self.index

    def _load_new(self, index: ScreeningIndex) -> None:
        while True:
            rows = list(
                Subject.objects.filter(kind=keys.PERSON, pk__gt=self.high_water)
                .order_by("pk")
                .values_list("pk", *keys.FORM_FIELDS)[:_BATCH]
            )
            if not rows:
                return
            index.add_many((row[0], keys.Form(*row[1:]).person(row[0])) for row in rows)
            self.high_water = rows[-1][0]

    def forget(self, subject_ids: set[int]) -> None:
        with self.lock:
            if self.index is not None:
                for subject_id in subject_ids:
                    self.index.remove(subject_id)

    def reset(self) -> None:
        with self.lock:
            self.index = None
            self.high_water = 0


INDEX = _IndexHolder()


def link_config(config: ResolverConfig) -> LinkConfig:
    """The engine configuration matching the resolver's: exclusion list and frequency cut-offs."""
    excluded = frozenset(
        (value.partition("|")[0], value.partition("|")[2]) for kind, value in config.excluded if kind == keys.ADDRESS
    )
    return LinkConfig(
        excluded_addresses=excluded,
        max_address_frequency=config.max_address_frequency,
        max_block_size=config.max_key_frequency,
        threshold=config.review_threshold,
    )


@dataclass
class Found:
    subject: Subject
    context: ContextRef
    score: float
    explanation: list[Contribution]


@dataclass
class ScreeningResult:
    found: list[Found] = field(default_factory=list)
    hits: list[ContextRef] = field(default_factory=list)
    considered: int = 0


def screen(*, actor: Actor, kind: str, values: Mapping[str, Any], limit: int = 10) -> ScreeningResult:
    """Ranked candidates for ``values`` (see the module docstring). The caller checks permission and audits."""
    form = keys.comparison_form(kind, values)
    config = resolver_config()
    scored: list[tuple[int, float, dict[str, float]]]
    if kind == keys.PERSON:
        candidates = INDEX.current().query(form.person("query"), limit=limit * OVERFETCH)
        scored = [(c.subject_id, c.score, dict(c.explanation)) for c in candidates]
    else:
        scored = [(c.subject_id, c.score, c.explanation) for c in candidates_for(kind, form, config)]
        scored = scored[: limit * OVERFETCH]
    ids = [subject_id for subject_id, _score, _expl in scored]
    # Which candidates still exist, and which the actor may see: one query, ids only. A deleted subject
    # leaves the index here.
    existing = set(Subject.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if len(existing) < len(ids):
        INDEX.forget(set(ids) - existing)
    visible = set(Subject.objects.filter(visible_q(actor), pk__in=existing).values_list("pk", flat=True))
    # Only what is shown is loaded: the best visible ones, and hidden ones from the match threshold up.
    shown: list[tuple[int, float, dict[str, float]]] = []
    seen_visible = 0
    for subject_id, score, explanation in scored:
        if subject_id not in existing:
            continue
        if subject_id in visible:
            if seen_visible < limit:
                seen_visible += 1
                shown.append((subject_id, score, explanation))
        elif score >= config.match_threshold:
            shown.append((subject_id, score, explanation))
    subjects = {
        s.pk: s for s in Subject.objects.filter(pk__in=[i for i, _s, _e in shown]).select_related("supplied_by")
    }
    refs = describe(subjects.values(), full_for=visible)
    result = ScreeningResult(considered=len(scored))
    hit_keys: set[str] = set()
    for subject_id, score, explanation in shown:
        subject, ref = subjects.get(subject_id), refs.get(subject_id)
        if subject is None or ref is None:
            continue
        if subject_id in visible:
            result.found.append(Found(subject, ref, score, explain(explanation)))
        elif ref.key not in hit_keys:
            hit_keys.add(ref.key)
            result.hits.append(ref)
    return result
