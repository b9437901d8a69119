# SPDX-License-Identifier: EUPL-1.2
"""Batch (re)resolution of every stored subject: the same model as online, on the whole store at once.

Used after the exclusion list changed, after a migration brought in subjects without keys, and
periodically to re-estimate the person model (m/u by EM) on the current data; the estimated model is
stored with the run and used by the online resolver from then on, so online and batch scores agree.

1. Every subject is filed again under the current comparison form and keys (``resolver.subject_keys``).
2. Persons: the linkage engine (``engine.link_records``, DuckDB for large stores) over the raw values,
   with the exclusion list, the frequency cut-offs and every person's judgement; other kinds: their
   identifier rules over the subjects sharing a key (``score.score_pair``).
3. Clusters by ``engine.cluster_pairs`` from the match threshold, judgements winning.
4. Links are replaced; entities keep their UUIDs where they can (stable canonical ids): a cluster takes
   the entity of its oldest subject, else the entity most of its subjects had, else a new one; an entity
   left without subjects points to where most of them went (``merged_into``).

The computing happens outside the write lock; the write phase takes it (``serialise_writes``) and leaves
alone any subject added online meanwhile (it was resolved when it came in).
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from linkage import keys
from linkage.engine import Judgement as EngineJudgement
from linkage.engine import PersonRecord, link_records
from linkage.engine.cluster import cluster_pairs
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record, serialise_writes
from weerbaar.core.policy import Actor
from weerbaar.correlation.constants import ENGINE_VERDICT, VALUE_FIELDS, LinkMethod, SubjectKind
from weerbaar.correlation.models import Entity, Exclusion, Judgement, Link, ResolutionRun, Subject, SubjectKey
from weerbaar.correlation.resolver import (
    IDENTIFIER_HOLDERS_PER_ENTITY,
    ResolverConfig,
    candidate_key_hashes,
    form_of,
    resolver_config,
    resolver_config_reset,
    subject_keys,
)
from weerbaar.correlation.score import model_from_dict, score_pair
from weerbaar.correlation.search import link_config

_CHUNK = 5000
Pair = tuple[int, int, float, dict[str, float]]


def _keys_rebuild(config: ResolverConfig) -> int:
    """File every subject again under the current comparison form and keys, a chunk at a time.

    Keys follow the code (``keys.py``, the engine's blocking keys) and the exclusion list; a run brings
    stored subjects in step with both, and gives subjects that came without keys (a migration) theirs.
    """
    done, last = 0, 0
    while True:
        batch = list(Subject.objects.filter(pk__gt=last).order_by("pk")[:_CHUNK])
        if not batch:
            return done
        rows: list[SubjectKey] = []
        with transaction.atomic():
            for subject in batch:
                form = keys.comparison_form(subject.kind, {n: getattr(subject, n) for n in VALUE_FIELDS})
                if form != form_of(subject):
                    Subject.objects.filter(pk=subject.pk).update(**form.as_dict())
                rows.extend(SubjectKey(key=h, subject=subject) for h in subject_keys(subject, form, config))
            SubjectKey.objects.filter(subject__in=batch).delete()
            SubjectKey.objects.bulk_create(rows, batch_size=_CHUNK)
        done += len(batch)
        last = batch[-1].pk


def _verdicts() -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for a, b, verdict in Judgement.objects.order_by("at", "id").values_list("subject_a_id", "subject_b_id", "verdict"):
        out[(a, b)] = verdict
    return out


def _engine_judgements(verdicts: dict[tuple[int, int], str], ids: set[int]) -> list[EngineJudgement]:
    return [
        EngineJudgement(str(a), str(b), ENGINE_VERDICT[v]) for (a, b), v in verdicts.items() if a in ids and b in ids
    ]


def _persons(
    config: ResolverConfig, verdicts: dict[tuple[int, int], str], engine: str
) -> tuple[list[Pair], dict[str, Any], dict[str, Any]]:
    rows = Subject.objects.filter(kind=SubjectKind.PERSOON).values_list(
        "pk",
        "given_names",
        "surname_prefix",
        "surname",
        "birth_date",
        "street",
        "house_number",
        "house_number_addition",
        "postcode",
        "city",
    )
    records = [
        PersonRecord(
            id=str(pk),
            given=given or None,
            prefix=prefix or None,
            surname=surname or None,
            birth_date=birth if isinstance(birth, date) else None,
            street=street or None,
            house_number=f"{number} {addition}".strip() or None,
            postcode=postcode or None,
            city=city or None,
        )
        for pk, given, prefix, surname, birth, street, number, addition, postcode, city in rows.iterator()
    ]
    ids = {int(r.id) for r in records}
    result = link_records(
        records,
        config=dataclasses.replace(link_config(config), engine=engine),  # type: ignore[arg-type]  # checked by the command
        judgements=_engine_judgements(verdicts, ids),
    )
    # The engine orders a pair by its text ids ("100" < "98"); links are stored with the smaller number first.
    pairs = [
        (min(int(p.id_a), int(p.id_b)), max(int(p.id_a), int(p.id_b)), p.score, p.explanation) for p in result.pairs
    ]
    return pairs, result.model.as_dict(), dict(result.stats)


def _partial_persons(config: ResolverConfig, known: set[tuple[int, int]]) -> list[Pair]:
    """Pairs of persons named without date of birth or address, which share no engine key with anyone.

    Online they are found through the name key (``keys.candidate_keys``); here the same: every person
    with such a record's name key is scored against it with the same model.
    """
    forms = {
        row[0]: keys.Form(*row[1:])
        for row in Subject.objects.filter(kind=SubjectKind.PERSOON).values_list("pk", *keys.FORM_FIELDS).iterator()
    }
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    for pk, form in forms.items():
        if form.n_given and form.n_surname_key:
            blocks[f"{form.n_given}|{form.n_surname_key}"].append(pk)
    pairs: list[Pair] = []
    for members in blocks.values():
        if len(members) < 2 or len(members) > config.max_key_frequency:
            continue
        partial = [pk for pk in members if not forms[pk].n_birth_date and not forms[pk].n_postcode]
        for a in partial:
            for b in members:
                pair = (min(a, b), max(a, b))
                if a == b or pair in known:
                    continue
                known.add(pair)
                score, explanation = score_pair(SubjectKind.PERSOON, forms[pair[0]], forms[pair[1]], model=config.model)
                if score >= config.review_threshold:
                    pairs.append((*pair, score, explanation))
    return pairs


def _identifier_kinds(config: ResolverConfig) -> list[Pair]:
    """Pairs of the other kinds: subjects sharing a key, scored by their identifier rules."""
    pairs: list[Pair] = []
    for kind in (k for k in SubjectKind.values if k != SubjectKind.PERSOON):
        forms = {
            row[0]: keys.Form(*row[1:])
            for row in Subject.objects.filter(kind=kind).values_list("pk", *keys.FORM_FIELDS).iterator()
        }
        blocks: defaultdict[int, list[int]] = defaultdict(list)
        for pk, form in forms.items():
            for h in set(candidate_key_hashes(kind, form, config)):
                blocks[h].append(pk)
        seen: set[tuple[int, int]] = set()
        for members in blocks.values():
            if len(members) < 2:
                continue
            members.sort()
            # A key held by more than the cut-off still names one thing (see ``resolver.identifier_holders``):
            # each holder is compared with the few holders just before it, so the group stays connected.
            crowded = len(members) > config.max_key_frequency
            for i, b in enumerate(members):
                earlier = members[max(0, i - IDENTIFIER_HOLDERS_PER_ENTITY) : i] if crowded else members[:i]
                for a in earlier:
                    if (a, b) in seen:
                        continue
                    seen.add((a, b))
                    score, explanation = score_pair(kind, forms[a], forms[b], model=config.model)
                    if score >= config.review_threshold:
                        pairs.append((a, b, score, explanation))
    return pairs


def _clusters(
    ids: list[int], pairs: list[Pair], verdicts: dict[tuple[int, int], str], threshold: float
) -> dict[int, int]:
    """subject id -> cluster representative (smallest member id)."""
    judged = _engine_judgements(verdicts, set(ids))
    clusters, _conflicts = cluster_pairs(
        [str(i) for i in ids], [(str(a), str(b), s) for a, b, s, _e in pairs], judged, threshold=threshold
    )
    return {int(k): int(v) for k, v in clusters.items()}


def _assign_entities(
    clusters: dict[int, int], kinds: dict[int, str], current: Mapping[int, int | None]
) -> dict[str, int]:
    """Give every cluster an entity, keeping existing entity ids where possible (see the module docstring)."""
    members: defaultdict[int, list[int]] = defaultdict(list)
    for subject_id, root in clusters.items():
        members[root].append(subject_id)
    claimed: set[int] = set()
    target: dict[int, int] = {}
    created = changed = 0
    for root in sorted(members):
        group = sorted(members[root])
        oldest_entity = current.get(group[0])
        entity_id: int | None = None
        if oldest_entity is not None and oldest_entity not in claimed:
            entity_id = oldest_entity
        else:
            counts = Counter(e for s in group if (e := current.get(s)) is not None and e not in claimed)
            if counts:
                entity_id = counts.most_common(1)[0][0]
        if entity_id is None:
            entity_id = Entity.objects.create(kind=kinds[group[0]]).pk
            created += 1
        claimed.add(entity_id)
        for subject_id in group:
            target[subject_id] = entity_id
    by_entity: defaultdict[int, list[int]] = defaultdict(list)
    for subject_id, entity_id in target.items():
        if current.get(subject_id) != entity_id:
            by_entity[entity_id].append(subject_id)
            changed += 1
    for entity_id, subject_ids in by_entity.items():
        for start in range(0, len(subject_ids), _CHUNK):
            Subject.objects.filter(pk__in=subject_ids[start : start + _CHUNK]).update(entity_id=entity_id)
    # Entities no cluster kept point to where most of their subjects went.
    went: defaultdict[int, Counter[int]] = defaultdict(Counter)
    for subject_id, old in current.items():
        if old is not None and old not in claimed and subject_id in target:
            went[old][target[subject_id]] += 1
    for old, destinations in went.items():
        Entity.objects.filter(pk=old).update(merged_into_id=destinations.most_common(1)[0][0])
    return {"entities_created": created, "subjects_moved": changed, "entities_merged": len(went)}


def resolution_run(*, actor: Actor | None = None, engine: str = "auto") -> ResolutionRun:
    """Resolve every subject again (see the module docstring)."""
    started = timezone.now()
    clock = time.perf_counter()
    config = resolver_config()
    keyed = _keys_rebuild(config)
    verdicts = _verdicts()
    persons, model, engine_stats = _persons(config, verdicts, engine)
    # Scored with the model this run estimated, like the engine's pairs.
    estimated = dataclasses.replace(config, model=model_from_dict(model))
    partial = _partial_persons(estimated, {(a, b) for a, b, _s, _e in persons})
    others = _identifier_kinds(config)
    pairs = persons + partial + others
    with transaction.atomic():
        serialise_writes()
        snapshot = dict(Subject.objects.values_list("pk", "entity_id"))
        kinds = dict(Subject.objects.values_list("pk", "kind"))
        live = [p for p in pairs if p[0] in snapshot and p[1] in snapshot]
        ids = sorted(snapshot)
        clusters = _clusters(ids, live, verdicts, config.match_threshold)
        Link.objects.all().delete()
        Link.objects.bulk_create(
            [
                Link(
                    subject_a_id=a,
                    subject_b_id=b,
                    score=score,
                    explanation=explanation,
                    method=LinkMethod.BATCH,
                )
                for a, b, score, explanation in live
            ],
            batch_size=_CHUNK,
        )
        entity_stats = _assign_entities(clusters, kinds, snapshot)
        run = ResolutionRun(
            started_at=started,
            finished_at=timezone.now(),
            started_by=actor.user if actor is not None else None,
            model=model,
            stats={
                "subjects": len(ids),
                "keyed": keyed,
                "links": len(live),
                "clusters": len(set(clusters.values())),
                "exclusions": Exclusion.objects.count(),
                "engine": engine_stats.get("engine", ""),
                "seconds": round(time.perf_counter() - clock, 2),
                **entity_stats,
            },
        )
        run.full_clean()
        run.save(force_insert=True)
        resolver_config_reset()
        audit_event_record(actor=actor, action=AuditAction.CREATE, obj=run, details=run.stats)
    return run


def resolution_enqueue(*, actor: Actor) -> None:
    """Run the batch resolution in the background worker (started from the exclusions page)."""
    from weerbaar.correlation.tasks import correlation_resolve

    user_uuid = str(actor.user.uuid) if actor.user is not None else ""
    transaction.on_commit(lambda: correlation_resolve.enqueue(user_uuid=user_uuid))
