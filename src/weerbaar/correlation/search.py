# SPDX-License-Identifier: EUPL-1.2
"""Screening: one person, company or address against every stored subject, ranked and explained.

Every kind is looked up in PostgreSQL the way online resolution finds candidates (``resolver.candidates_for``):
the query's candidate keys (the batch engine's blocking keys for persons; a person's name is also read with
given name and surname swapped) against the key table and its index, a person's keys held by more than
``CORRELATION_MAX_KEY_FREQUENCY`` subjects skipped (of the other kinds: the most recent subjects of each entity
holding the key), then every candidate scored in Python by the same model.
Nothing is held in the web process, so all workers of a host (and all hosts) share one index, the database's,
and a subject is found or forgotten by the next screening after its transaction commits.

Persons are ranked per resolved person (entity): the candidates are grouped by entity, the entities ordered
by their best-scoring subject, and the other subjects of the best entities (records of the same person that
share no key with the query, e.g. at a newer address) are brought in and scored as well. Within an entity
subjects are ordered by their own score; every result carries its own score and explanation.
When none of the persons shown is a match (all below the match threshold) and more persons the actor may see
rank level with the last one shown than fit on the page (typically a common name without birth date or
address), the result says so (``tied``): the cut among equals means nothing.

The result is scoped by the contexts' policies: subjects the actor may see come with their values,
context, score and explanation; subjects they may not see appear only as a hit on their context ("a case
of organisation X") and only from the match threshold up (by their own score), never with a score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from linkage import keys
from linkage.engine import LinkConfig
from linkage.engine.records import phonetic_key
from weerbaar.core.policy import Actor
from weerbaar.correlation.contexts import ContextRef, describe, visible_q
from weerbaar.correlation.models import Subject
from weerbaar.correlation.resolver import (
    Candidate,
    ResolverConfig,
    candidates_for,
    resolver_config,
    score_candidates,
)
from weerbaar.correlation.selectors import Contribution, explain

#: How many candidates are looked at per requested result (hidden ones are set aside).
OVERFETCH = 3
#: At most this many subjects of the best candidates' entities are loaded to complete them.
ENTITY_MEMBERS = 200


def link_config(config: ResolverConfig) -> LinkConfig:
    """The engine configuration matching the resolver's (for a batch run): exclusions and frequency cut-offs."""
    excluded = frozenset(
        (value.partition("|")[0], value.partition("|")[2]) for kind, value in config.excluded if kind == keys.ADDRESS
    )
    return LinkConfig(
        excluded_addresses=excluded,
        max_address_frequency=config.max_address_frequency,
        max_block_size=config.max_key_frequency,
        threshold=config.review_threshold,
    )


def swapped(form: keys.Form) -> keys.Form:
    """A person's form with given name and surname read the other way round (a query's names may be)."""
    if not (form.n_given and form.n_surname):
        return form
    return replace(form, n_given=form.n_surname, n_surname=form.n_given, n_surname_key=phonetic_key(form.n_given))


def person_candidates(form: keys.Form, config: ResolverConfig, *, limit: int) -> list[Candidate]:
    """Person subjects for ``form``, best entity first (see the module docstring); at most ``limit`` entities
    are completed with their other subjects."""
    found = candidates_for(keys.PERSON, form, config, also=[swapped(form)])
    best: dict[int, float] = {}
    for candidate in found:  # best first, so the first score per entity is its best
        if candidate.entity_id is not None:
            best.setdefault(candidate.entity_id, candidate.score)
    # Only entities with evidence for the query are completed: their best subject scores above the prior
    # (the fields compared agree more than they disagree). A namesake who differs in everything else would
    # otherwise bring all of their records. Not "above 0 bits": a query of a name alone, or of a name and
    # an address the person has left, never reaches that, and is exactly the query that needs the records
    # sharing no key with it.
    prior = config.model.prior_weight
    top = [entity for entity, score in best.items() if score > prior][:limit]
    if top:
        known = {c.subject_id for c in found}  # filtered here: thousands of ids would make a long query
        rows = (
            Subject.objects.filter(entity_id__in=top, kind=keys.PERSON)
            .order_by("pk")
            .values("id", "entity_id", *keys.FORM_FIELDS)[:ENTITY_MEMBERS]
        )
        members = [
            Candidate(subject_id=r["id"], entity_id=r["entity_id"], form=keys.Form.of(r))
            for r in rows
            if r["id"] not in known
        ]
        for member in score_candidates(keys.PERSON, form, members, config):
            if member.entity_id is not None and member.score > best[member.entity_id]:
                best[member.entity_id] = member.score  # an entity ranks by its best subject, completed or not
            found.append(member)

    def order(candidate: Candidate) -> tuple[float, int, float, int]:
        group = candidate.entity_id
        if group is None:
            return (-candidate.score, candidate.subject_id, -candidate.score, candidate.subject_id)
        return (-best.get(group, candidate.score), group, -candidate.score, candidate.subject_id)

    return sorted(found, key=order)


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
    #: Persons only: more persons the actor may see share the score of the last one shown than could be
    #: shown (a common name without birth date or address): the list is cut among equals.
    tied: bool = False


def _groups(kind: str, candidates: list[Candidate]) -> tuple[list[tuple[str, int]], dict[tuple[str, int], float]]:
    """Per candidate its rank group (its entity for persons, else itself) and per group the rank score (its
    best subject's score: the candidates come best group first, within a group best first)."""
    groups: list[tuple[str, int]] = []
    rank: dict[tuple[str, int], float] = {}
    for candidate in candidates:
        group = ("e", candidate.entity_id) if kind == keys.PERSON and candidate.entity_id is not None else None
        group = group or ("s", candidate.subject_id)
        groups.append(group)
        rank.setdefault(group, candidate.score)
    return groups, rank


#: Two rank scores closer than this are equal (they are sums of the same float weights).
TIE = 1e-6
#: At most this many tied candidates beyond the page are checked for visibility.
TIE_PROBE = 500


def _tied(
    actor: Actor,
    candidates: list[Candidate],
    groups: list[tuple[str, int]],
    rank: dict[tuple[str, int], float],
    shown: set[int],
) -> bool:
    """Whether a person the actor may see, not on the page, ranks level with the last one shown."""
    shown_groups = {g for c, g in zip(candidates, groups, strict=True) if c.subject_id in shown}
    last = min(rank[g] for g in shown_groups)
    others = [
        c.subject_id for c, g in zip(candidates, groups, strict=True) if g not in shown_groups and rank[g] >= last - TIE
    ][:TIE_PROBE]
    return bool(others) and Subject.objects.filter(visible_q(actor), pk__in=others).exists()


def screen(*, actor: Actor, kind: str, values: Mapping[str, Any], limit: int = 10) -> ScreeningResult:
    """Ranked candidates for ``values`` (see the module docstring). The caller checks permission and audits."""
    form = keys.comparison_form(kind, values)
    config = resolver_config()
    if kind == keys.PERSON:
        candidates = person_candidates(form, config, limit=limit)
    else:
        candidates = candidates_for(kind, form, config, per_entity=limit * OVERFETCH)
    scored = [(c.subject_id, c.score, c.explanation) for c in candidates[: limit * OVERFETCH]]
    ids = [subject_id for subject_id, _score, _expl in scored]
    # Which candidates the actor may see: one query, ids only.
    visible = set(Subject.objects.filter(visible_q(actor), pk__in=ids).values_list("pk", flat=True))
    # Only what is shown is loaded: the best visible ones, and hidden ones from the match threshold up.
    shown: list[tuple[int, float, dict[str, float]]] = []
    seen_visible = 0
    for subject_id, score, explanation in scored:
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
    result = ScreeningResult(considered=len(candidates))
    # A tie is worth saying only when nothing shown is a match: below a strong first result, namesakes level
    # at the last place are noise, not a reason to add a birth date.
    matched = any(score >= config.match_threshold for subject_id, score, _e in shown if subject_id in visible)
    if kind == keys.PERSON and seen_visible == limit and not matched:
        groups, rank = _groups(kind, candidates)
        shown_visible = {subject_id for subject_id, _s, _e in shown if subject_id in visible}
        result.tied = _tied(actor, candidates, groups, rank, shown_visible)
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
