# SPDX-License-Identifier: EUPL-1.2
"""Online resolution: file a new subject under its keys, score its candidates, link, join entities.

Called by the services inside their transaction, after ``subject_keys_lock``: a new subject first locks
the keys it will be searched and filed under, so two subjects that could match (they share a key) are
resolved one after the other: the second sees the first committed, and two matching subjects added at the
same moment still end in one entity. Subjects without a key in common resolve side by side; the entities
they join are locked as rows (``_live_entities``), so a merge by one and a join by the other cannot cross.
Registrations hold the write lock (``audit.services.serialise_writes``) in shared mode; judgements and batch
runs, which move subjects between entities wholesale, hold it exclusively.

Steps for one new subject (``resolve_new``):

1. its candidate keys (``keys.candidate_keys``) are stored as 64-bit hashes, plus an address frequency
   key; a person's keys held by more than ``CORRELATION_MAX_KEY_FREQUENCY`` subjects are too common and
   skipped, while a key of a vehicle, company or address brings the few most recent subjects of each
   entity holding it (``identifier_holders``: the same thing, seen often, must still be found, and cheaply);
2. every subject of the same kind sharing a key is scored (``score.score_pair``); excluded values and
   addresses held by more than ``CORRELATION_MAX_ADDRESS_FREQUENCY`` subjects neither link nor score;
3. pairs from the review threshold up are stored as :class:`Link` with their explanation;
4. the subject joins the entities of its matches (from the match threshold up): all of them are merged
   into the oldest, except an entity separated from the others by a person's "not the same" — that one
   stays apart (judgements always win).

Judgements change entities with ``entity_join`` (same) and ``entity_split`` (not the same): a split
re-clusters the entity's subjects with the engine's ``cluster_pairs`` over the stored links and all
judgements; the part holding the oldest subject keeps the entity's UUID (the stable canonical id).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count

from linkage import keys
from linkage.engine.cluster import cluster_pairs
from linkage.engine.records import Judgement as EngineJudgement
from linkage.engine.scoring import Model
from weerbaar.correlation.constants import ENGINE_VERDICT, LinkMethod, Verdict
from weerbaar.correlation.models import Entity, Exclusion, Judgement, Link, ResolutionRun, Subject, SubjectKey
from weerbaar.correlation.score import model_from_dict, score_pair

_MODEL_CACHE: dict[str, Model] = {}
#: How many of an entity's most recent subjects holding an identifier key stand for it when a new subject is
#: resolved (``identifier_holders``); screening asks for as many as it may show.
IDENTIFIER_HOLDERS_PER_ENTITY = 5


@dataclass(frozen=True)
class ResolverConfig:
    match_threshold: float
    review_threshold: float
    max_key_frequency: int
    max_address_frequency: int
    model: Model
    #: (kind, normalised value) pairs that must not link anything; addresses are stored as kind "adres".
    excluded: frozenset[tuple[str, str]] = frozenset()


_STORED: dict[str, Any] = {}


def resolver_config_reset() -> None:
    _STORED.clear()


def _stored() -> tuple[Model, frozenset[tuple[str, str]]]:
    now = time.monotonic()
    # How long a process trusts its copy of the stored configuration: a change made in this process applies
    # at once (``resolver_config_reset``); other processes and servers follow within this many seconds.
    if not _STORED or now - _STORED["at"] >= settings.CORRELATION_CONFIG_TTL_SECONDS:
        run = ResolutionRun.objects.filter(finished_at__isnull=False).values("uuid", "model").first()
        # One Model object per stored model, so caches keyed on it (the screening index) stay valid.
        key = str(run["uuid"]) if run is not None else "default"
        if key not in _MODEL_CACHE:
            _MODEL_CACHE.clear()
            _MODEL_CACHE[key] = model_from_dict(run["model"] if run is not None else None)
        _STORED.update(
            at=now, model=_MODEL_CACHE[key], excluded=frozenset(Exclusion.objects.values_list("kind", "value"))
        )
    return _STORED["model"], _STORED["excluded"]


def resolver_config() -> ResolverConfig:
    """Thresholds from settings, the newest batch run's person model, the exclusion list."""
    model, excluded = _stored()
    return ResolverConfig(
        match_threshold=settings.CORRELATION_MATCH_THRESHOLD,
        review_threshold=settings.CORRELATION_REVIEW_THRESHOLD,
        max_key_frequency=settings.CORRELATION_MAX_KEY_FREQUENCY,
        max_address_frequency=settings.CORRELATION_MAX_ADDRESS_FREQUENCY,
        model=model,
        excluded=excluded,
    )


def form_of(subject: Subject) -> keys.Form:
    return keys.Form(**{name: getattr(subject, name) for name in keys.FORM_FIELDS})


def _value_usable(kind: str, form: keys.Form, config: ResolverConfig) -> bool:
    if kind in keys.IDENTIFIER_KINDS:
        return (kind, form.n_value) not in config.excluded
    return True


def _address_excluded(kind: str, form: keys.Form, config: ResolverConfig) -> bool:
    if kind not in (keys.PERSON, keys.ADDRESS):
        return False
    value = keys.address_value(form.n_postcode, form.n_house_number)
    return bool(value) and (keys.ADDRESS, value) in config.excluded


def _address_counts(forms: Iterable[keys.Form]) -> dict[int, int]:
    hashes = {h for f in forms if (h := keys.address_key_hash(f)) is not None}
    if not hashes:
        return {}
    rows = SubjectKey.objects.filter(key__in=hashes).values("key").annotate(n=Count("id")).values_list("key", "n")
    return dict(rows)


def _address_usable(kind: str, form: keys.Form, config: ResolverConfig, counts: dict[int, int]) -> bool:
    if _address_excluded(kind, form, config):
        return False
    freq = keys.address_key_hash(form)
    return freq is None or counts.get(freq, 0) <= config.max_address_frequency


def subject_keys(subject: Subject, form: keys.Form, config: ResolverConfig) -> list[int]:
    """The key hashes a subject is filed under (candidate keys plus its address frequency key)."""
    kind = subject.kind
    readable = list(
        keys.candidate_keys(
            kind,
            form,
            address_usable=not _address_excluded(kind, form, config),
            value_usable=_value_usable(kind, form, config),
        )
    )
    hashes = [keys.key_hash(k) for k in dict.fromkeys(readable)]
    freq = keys.address_key_hash(form) if kind in (keys.PERSON, keys.ADDRESS) else None
    if freq is not None:
        hashes.append(freq)
    return hashes


def candidate_key_hashes(kind: str, form: keys.Form, config: ResolverConfig, *, lookup: bool = True) -> list[int]:
    """The key hashes a subject (new or a screening query) looks its candidates up under (``lookup``), or
    those it is filed under."""
    return [
        keys.key_hash(k)
        for k in dict.fromkeys(
            keys.candidate_keys(
                kind,
                form,
                address_usable=not _address_excluded(kind, form, config),
                value_usable=_value_usable(kind, form, config),
                lookup=lookup,
            )
        )
    ]


def subject_keys_lock(kind: str, form: keys.Form, config: ResolverConfig) -> None:
    """Lock the keys a new subject will be searched and filed under, until the transaction ends.

    Two subjects can only be linked when one finds the other under a key it looks up and the other is filed
    under, and then both lock that key (each locks the keys it looks up and those it is filed under):
    whichever comes second waits until the first has committed, and then finds it. The address frequency
    key is locked as well, so registrations at one address read its count (crowded or not) one at a time.
    Keys are locked in ascending order, so registrations with overlapping keys never wait for each other in
    a circle. On SQLite every transaction already holds the database's write lock.
    """
    if connection.vendor != "postgresql":
        return
    # Looked up and filed under: a person's name keys differ between the two (``keys.person_name_keys``),
    # and two subjects may meet through a key only one of them looks up.
    hashes = {*candidate_key_hashes(kind, form, config), *candidate_key_hashes(kind, form, config, lookup=False)}
    freq = keys.address_key_hash(form) if kind in (keys.PERSON, keys.ADDRESS) else None
    if freq is not None:
        hashes.add(freq)
    if not hashes:
        return
    # One statement for all keys: the array is sorted and unnest() yields it in order, so the locks are taken
    # in ascending order. The single 64-bit form; ``serialise_writes`` uses the same space, one fixed id.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(key)) FROM unnest(%s::bigint[]) AS k(key)",
            [sorted(hashes)],
        )


@dataclass
class Candidate:
    subject_id: int
    entity_id: int | None
    form: keys.Form
    score: float = 0.0
    explanation: dict[str, float] = field(default_factory=dict)


def candidates_for(
    kind: str,
    form: keys.Form,
    config: ResolverConfig,
    *,
    new: bool = False,
    also: Sequence[keys.Form] = (),
    per_entity: int | None = None,
) -> list[Candidate]:
    """Subjects of ``kind`` sharing a candidate key with ``form``, scored: for a person all of them, keys held
    by too many skipped; for the other kinds a few of each entity (``identifier_holders``).

    ``new``: ``form`` belongs to a subject about to be stored, which the counts of the frequency cut-offs
    must include (as a batch run over the store with it would). ``also``: other readings of ``form`` whose
    keys are looked up too (screening reads a name both ways round); scoring is against ``form`` alone.
    ``per_entity``: for the other kinds, how many subjects of each entity (``IDENTIFIER_HOLDERS_PER_ENTITY``).
    """
    hashes = list(dict.fromkeys(h for f in (form, *also) for h in candidate_key_hashes(kind, f, config)))
    if not hashes:
        return []
    fields = ("id", "entity_id", *keys.FORM_FIELDS)
    if kind != keys.PERSON:
        per_entity = IDENTIFIER_HOLDERS_PER_ENTITY if per_entity is None else per_entity
        rows = identifier_holders(kind, hashes, fields, per_entity=per_entity, limit=config.max_key_frequency)
    else:
        counts = dict(
            SubjectKey.objects.filter(key__in=hashes).values("key").annotate(n=Count("id")).values_list("key", "n")
        )
        usable = [h for h in hashes if 0 < counts.get(h, 0) <= config.max_key_frequency - new]
        if not usable:
            return []
        rows = list(Subject.objects.filter(keys__key__in=usable, kind=kind).values(*fields).distinct())
    if not rows:
        return []
    found = [Candidate(subject_id=r["id"], entity_id=r["entity_id"], form=keys.Form.of(r)) for r in rows]
    return score_candidates(kind, form, found, config, new=new)


def identifier_holders(
    kind: str, hashes: Sequence[int], fields: Sequence[str], *, per_entity: int, limit: int
) -> list[dict[str, Any]]:
    """The subjects of ``kind`` holding one of the identifier keys ``hashes``: of the ``limit`` most recent
    holders of each key, of each entity among them its ``per_entity`` most recent, at most ``limit`` in all,
    the most recent first.

    A plate, a KvK number or an address names one thing however often it is seen. A new sighting of a
    vehicle seen a thousand times needs a few of its most recent sightings to join it, not all thousand
    (each would be scored and linked); and unlike a person's name, such a key is never too common to use.
    Reading only the most recent holders of each key keeps the work the same however often a plate has been
    seen: each registration of a plate holds its key lock while this runs, so every other sighting of that
    plate waits for it.
    """
    # Written out: it runs for every new vehicle, company and address, and the ORM took about 2 ms more per
    # call to build it. The plan must start from the keys: each key's most recent holders (the index on
    # (key, subject)), then those subjects by primary key. On PostgreSQL the LATERAL join with OFFSET 0 (which
    # the planner cannot flatten) makes it so even before the tables have statistics: without them it chose to
    # read every subject and compare each with every holder, 35 ms at a thousand sightings of one plate
    # instead of 1 ms. SQLite has no LATERAL and plans this join from the holders by itself.
    subjects = Subject._meta.db_table  # noqa: SLF001 - public Django API
    column_of = {f.attname: str(f.column) for f in Subject._meta.concrete_fields}  # noqa: SLF001
    listed = ", ".join(connection.ops.quote_name(column_of[name]) for name in fields)
    holders = " UNION ".join(
        f"SELECT subject_id FROM (SELECT subject_id FROM {SubjectKey._meta.db_table} "  # noqa: S608, SLF001 - names from the model
        f"WHERE key = %s ORDER BY subject_id DESC LIMIT %s) AS recent_{i}"
        for i in range(len(hashes))
    )
    if connection.vendor == "postgresql":
        join = f"CROSS JOIN LATERAL (SELECT * FROM {subjects} WHERE id = holder.subject_id OFFSET 0) AS s"  # noqa: S608
    else:
        join = f"JOIN {subjects} AS s ON s.id = holder.subject_id"
    sql = (
        f"SELECT {listed} FROM ("  # noqa: S608 - column and table names come from the model, values are bound
        "SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.entity_id ORDER BY s.id DESC) AS recency "
        f"FROM ({holders}) AS holder {join} "
        "WHERE s.kind = %s) ranked WHERE recency <= %s ORDER BY id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(v for h in hashes for v in (h, limit)), kind, per_entity, limit])
        return [dict(zip(fields, row, strict=True)) for row in cursor.fetchall()]


def score_candidates(
    kind: str, form: keys.Form, found: list[Candidate], config: ResolverConfig, *, new: bool = False
) -> list[Candidate]:
    """Score ``found`` against ``form`` (address frequencies counted over the store), best first."""
    counts_by_address = _address_counts([form, *(c.form for c in found)])
    own_address = keys.address_key_hash(form)
    if new and own_address is not None and kind in (keys.PERSON, keys.ADDRESS):
        counts_by_address[own_address] = counts_by_address.get(own_address, 0) + 1
    own_usable = _address_usable(kind, form, config, counts_by_address)
    for candidate in found:
        candidate.score, candidate.explanation = score_pair(
            kind,
            form,
            candidate.form,
            model=config.model,
            a_address_usable=own_usable,
            b_address_usable=_address_usable(kind, candidate.form, config, counts_by_address),
        )
    found.sort(key=lambda c: (-c.score, c.subject_id))
    return found


def pair_key(a: int, b: int) -> tuple[int, int]:
    """A pair of subject ids in stored order (lower first)."""
    return (a, b) if a < b else (b, a)


def latest_verdicts(subject_ids: Iterable[int]) -> dict[tuple[int, int], str]:
    """The newest judgement per pair among ``subject_ids``."""
    ids = list(set(subject_ids))
    if len(ids) < 2:
        return {}
    out: dict[tuple[int, int], str] = {}
    rows = Judgement.objects.filter(subject_a_id__in=ids, subject_b_id__in=ids).order_by("at", "id")
    for a, b, verdict in rows.values_list("subject_a_id", "subject_b_id", "verdict"):
        out[(a, b)] = verdict
    return out


def _members(entity_ids: Iterable[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for subject_id, entity_id in Subject.objects.filter(entity_id__in=list(entity_ids)).values_list("id", "entity_id"):
        out[entity_id].add(subject_id)
    return out


def _forbidden(group_a: set[int], group_b: set[int], verdicts: dict[tuple[int, int], str]) -> bool:
    return any(
        verdict == Verdict.NIET_ZELFDE and ((a in group_a and b in group_b) or (a in group_b and b in group_a))
        for (a, b), verdict in verdicts.items()
    )


def merge_entities(entity_ids: Sequence[int]) -> tuple[int, list[int]]:
    """Merge the entities in ``entity_ids`` (in order of preference) into the oldest of those that may be
    merged; an entity separated from the growing group by a "not the same" is left out.

    Returns (surviving entity id, entities left apart).
    """
    ordered = list(dict.fromkeys(entity_ids))
    if len(ordered) == 1:
        return ordered[0], []
    # Lock in id order so concurrent merges cannot deadlock (a no-op on SQLite, where writes are serial).
    list(Entity.objects.select_for_update().filter(pk__in=ordered).order_by("pk").values_list("pk", flat=True))
    members = _members(ordered)
    verdicts = latest_verdicts(s for group in members.values() for s in group)
    joined: list[int] = [ordered[0]]
    group = set(members.get(ordered[0], set()))
    apart: list[int] = []
    for entity_id in ordered[1:]:
        other = members.get(entity_id, set())
        if _forbidden(group, other, verdicts):
            apart.append(entity_id)
            continue
        joined.append(entity_id)
        group |= other
    keep = min(joined)
    drop = [e for e in joined if e != keep]
    if drop:
        Subject.objects.filter(entity_id__in=drop).update(entity_id=keep)
        Entity.objects.filter(pk__in=drop).update(merged_into_id=keep)
        Entity.objects.filter(merged_into_id__in=drop).update(merged_into_id=keep)
    return keep, apart


@dataclass
class Resolved:
    """What resolving one new subject found: its links and the subjects it is now the same as."""

    links: list[Link]
    matches: list[Candidate]
    entity_id: int
    entities_apart: list[int]


def _live_entities(entity_ids: Sequence[int]) -> list[int]:
    """Lock the entities ``entity_ids`` (order kept); one merged meanwhile is replaced by its survivor.

    The candidates were read before their entities were locked: a registration without a key in common
    may have merged one of them into another since, and committed. Locking waits for it, and
    ``merged_into`` then tells where its subjects went.
    """
    current = list(dict.fromkeys(entity_ids))
    while True:
        rows = dict(
            Entity.objects.select_for_update().filter(pk__in=current).order_by("pk").values_list("pk", "merged_into_id")
        )
        if not any(rows.get(e) for e in current):
            return current
        current = list(dict.fromkeys(rows.get(e) or e for e in current))


def resolve_new(subject: Subject, config: ResolverConfig) -> Resolved:
    """Score, cluster, store, file and link a new subject (see the module docstring).

    ``subject`` is not saved yet: its candidates are found first, so it is stored once, with its entity.
    """
    form = form_of(subject)
    candidates = candidates_for(subject.kind, form, config, new=True)
    matches = [c for c in candidates if c.score >= config.match_threshold and c.entity_id is not None]
    if matches:
        live = _live_entities([c.entity_id for c in matches if c.entity_id is not None])
        entity_id, apart = merge_entities(live)
    else:
        entity_id, apart = Entity.objects.create(kind=subject.kind).pk, []
    subject.entity_id = entity_id
    subject.save(force_insert=True)
    SubjectKey.objects.bulk_create([SubjectKey(key=h, subject=subject) for h in subject_keys(subject, form, config)])
    method = LinkMethod.MODEL if subject.kind == keys.PERSON else LinkMethod.IDENTIFIER
    links = [
        Link(
            subject_a_id=min(subject.pk, c.subject_id),
            subject_b_id=max(subject.pk, c.subject_id),
            score=c.score,
            explanation=c.explanation,
            method=method,
        )
        for c in candidates
        if c.score >= config.review_threshold
    ]
    Link.objects.bulk_create(links, ignore_conflicts=True)
    return Resolved(links=links, matches=matches, entity_id=entity_id, entities_apart=apart)


def entity_recluster(entity_id: int, config: ResolverConfig) -> list[int]:
    """Recompute the clusters inside one entity from its stored links and all judgements.

    The part holding the oldest subject keeps the entity; every other part gets a new entity. Returns
    the ids of the entities that now hold the former members (the kept one first).
    """
    members = sorted(Subject.objects.filter(entity_id=entity_id).values_list("pk", flat=True))
    if len(members) < 2:
        return [entity_id]
    kind = Entity.objects.values_list("kind", flat=True).get(pk=entity_id)
    links = Link.objects.filter(subject_a_id__in=members, subject_b_id__in=members).values_list(
        "subject_a_id", "subject_b_id", "score"
    )
    verdicts = latest_verdicts(members)
    judgements = [EngineJudgement(str(a), str(b), ENGINE_VERDICT[v]) for (a, b), v in verdicts.items() if v]
    clusters, _conflicts = cluster_pairs(
        [str(m) for m in members],
        [(str(a), str(b), score) for a, b, score in links],
        judgements,
        threshold=config.match_threshold,
    )
    groups: dict[str, list[int]] = defaultdict(list)
    for member in members:
        groups[clusters[str(member)]].append(member)
    ordered = sorted(groups.values(), key=min)
    result = [entity_id]
    for part in ordered[1:]:
        new = Entity.objects.create(kind=kind)
        Subject.objects.filter(pk__in=part).update(entity_id=new.pk)
        result.append(new.pk)
    return result


def entity_join(subject_a: Subject, subject_b: Subject) -> bool:
    """Put two subjects judged the same in one entity; False when a "not the same" forbids it."""
    if subject_a.entity_id is None or subject_b.entity_id is None:
        return False
    if subject_a.entity_id == subject_b.entity_id:
        return True
    _keep, apart = merge_entities([subject_a.entity_id, subject_b.entity_id])
    return not apart
