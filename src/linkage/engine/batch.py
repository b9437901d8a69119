# SPDX-License-Identifier: EUPL-1.2
"""The link run: normalise, block, compare, estimate, score, cluster - in Python or on DuckDB.

Both engines implement the same model (`blocking` keys, `scoring` levels and weights) and give the same
pairs, scores and clusters. The Python engine is for small runs and for reading; the DuckDB engine
(`duck`) normalises each distinct value once and runs blocking and comparisons as SQL, which is what a
million records need. `link_csv` lets DuckDB read a CSV itself, without a `PersonRecord` per row.
"""

from __future__ import annotations

import codecs
import csv
import importlib.util
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
import numpy.typing as npt

from .blocking import candidate_pairs, cut_off_report, key_name, usability
from .cluster import cluster_pairs, components
from .levels import Columns, compare_many, identifier_levels
from .records import (
    DEFAULT,
    Judgement,
    LinkConfig,
    Normalised,
    PersonRecord,
    ScoredPair,
    normalise_identifiers,
    normalise_record,
    value_report,
)
from .scoring import (
    DEFAULT_PRIOR,
    RANDOM_PAIRS,
    Model,
    adjusted_score,
    default_levels,
    estimate_model,
    random_pair_arrays,
    score_of,
    tf_applies,
    tf_tables,
)

if TYPE_CHECKING:
    from . import duck  # loaded by the runs on DuckDB only (its module costs a Python run 12 MiB)

__all__ = [
    "EmptyInputError",
    "LinkResult",
    "Phase",
    "link_csv",
    "link_records",
    "one_to_one",
    "read_person_csv",
    "write_pairs_csv",
]

Phase = Callable[[str], None]  # called with the name of each phase of a run as it starts


def _quiet(phase: str) -> None:
    """The default `Phase` callback: a run reports nothing while it works."""


class EmptyInputError(ValueError):
    """An input with a header but no records."""


Levels = tuple[int, ...]
PAIRS_AT_ONCE = 50_000  # pairs compared in one slice by the Python engine (its transient arrays)


@dataclass(frozen=True, slots=True)
class LinkResult:
    """Scored pairs (at or above the threshold), clusters (record id -> canonical id) and the model used."""

    pairs: list[ScoredPair]
    clusters: dict[str, str]
    model: Model
    conflicts: list[Judgement] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def duckdb_available() -> bool:
    return importlib.util.find_spec("duckdb") is not None


def _engine(config: LinkConfig, n_records: int) -> str:
    if config.engine != "auto":
        return config.engine
    return "duckdb" if duckdb_available() and n_records > config.duckdb_from else "python"


def link_records(
    records: Iterable[PersonRecord],
    *,
    config: LinkConfig = DEFAULT,
    judgements: Iterable[Judgement] = (),
    progress: Phase = _quiet,
    sources: Mapping[str, str] | None = None,
) -> LinkResult:
    """Deduplicate ``records``: see the package docstring of `linkage.engine`.

    Link mode: with ``sources`` (record id -> the file or system it came from) only pairs of records from
    different sources are compared; `one_to_one` then keeps at most one partner per record.
    """
    started = time.perf_counter()
    records = list(records)
    engine = _engine(config, len(records))
    stats: dict[str, Any] = {"records": len(records), "engine": engine}
    if sources is not None:
        stats["mode"] = "link"
    if engine == "duckdb":
        from . import duck

        with duck.connect(config) as con:
            duck.small_run(con, config, len(records))
            duck.load_records(con, records, config.identifiers)
            stats["load_s"] = round(time.perf_counter() - started, 2)
            in_duckdb = _score_duckdb(con, config, stats, progress, sources)
        return _duckdb_result(in_duckdb, config, judgements, stats, started, progress)
    progress("normalising")
    in_order = sorted(records, key=lambda r: str(r.id))
    normalised = [normalise_record(r) for r in in_order]
    identifiers = [normalise_identifiers(r, config.identifiers) for r in in_order] if config.identifiers else []
    stats["values"] = value_report(records, config.identifiers)
    stats["normalise_s"] = round(time.perf_counter() - started, 2)
    model, scored = _score_python(normalised, config, stats, progress, sources, identifiers)
    weights = model.weights()
    prior_weight = model.prior_weight
    pairs = [
        ScoredPair(normalised[i].id, normalised[j].id, score, levels, weights, prior_weight, adjusted)
        for i, j, score, levels, adjusted in scored
    ]
    pairs.sort(key=lambda p: (p.id_a, p.id_b))
    progress("clustering")
    clustered = time.perf_counter()
    clusters, conflicts = cluster_pairs(
        (r.id for r in normalised),
        [(p.id_a, p.id_b, p.score) for p in pairs],
        judgements,
        threshold=config.threshold,
    )
    stats["cluster_s"] = round(time.perf_counter() - clustered, 2)
    stats["pairs"] = len(pairs)
    stats["total_s"] = round(time.perf_counter() - started, 2)
    return LinkResult(pairs=pairs, clusters=clusters, model=model, conflicts=conflicts, stats=stats)


def link_csv(
    path: str | Path,
    columns: Mapping[str, str] | None = None,
    *,
    config: LinkConfig = DEFAULT,
    judgements: Iterable[Judgement] = (),
    delimiter: str = ",",
    encoding: str = "utf-8",
    progress: Phase = _quiet,
) -> LinkResult:
    """`link_records` on a CSV file (columns mapped as in `read_person_csv`), the same result.

    On the DuckDB engine, DuckDB reads a UTF-8 file itself; otherwise it is read with `read_person_csv`.
    `EmptyInputError` when the file holds a header but no records.
    """
    path = Path(path)
    mapping = {**DEFAULT_COLUMNS, **(columns or {})}
    started = time.perf_counter()
    progress("reading")
    utf8 = codecs.lookup(encoding).name == "utf-8"
    small = config.engine == "auto" and _lines_at_most(path, config.duckdb_from + 1)
    if config.engine != "python" and utf8 and not small:
        from . import duck

        scored: duck.Scored | None = None
        stats: dict[str, Any] = {"engine": "duckdb"}
        with duck.connect(config) as con:
            n_records = duck.load_csv(con, path, mapping, delimiter=delimiter, identifiers=config.identifiers)
            if n_records == 0:
                raise EmptyInputError("no records after the header row")
            if _engine(config, n_records) == "duckdb":
                duck.small_run(con, config, n_records)
                stats["records"] = n_records
                stats["load_s"] = round(time.perf_counter() - started, 2)
                scored = _score_duckdb(con, config, stats, progress)
        if scored is not None:
            return _duckdb_result(scored, config, judgements, stats, started, progress)
    with path.open(newline="", encoding="utf-8-sig" if utf8 else encoding) as handle:
        records = list(read_person_csv(handle, mapping, delimiter=delimiter, identifiers=config.identifiers))
    if not records:
        raise EmptyInputError("no records after the header row")
    engine = config.engine if not utf8 else "python"
    return link_records(records, config=replace(config, engine=engine), judgements=judgements, progress=progress)


def _lines_at_most(path: Path, limit: int) -> bool:
    """Whether ``path`` has at most ``limit`` lines: a file that small runs on the Python engine without
    DuckDB being loaded at all. A quoted field may hold a line break, so this can count more lines than there
    are records: such a file at the edge goes to DuckDB, which gives the same result."""
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            if lines > limit:
                return False
    return True


def _score_duckdb(
    con: Any,
    config: LinkConfig,
    stats: dict[str, Any],
    progress: Phase = _quiet,
    sources: Mapping[str, str] | None = None,
) -> duck.Scored:
    """The DuckDB part of a run on table ``raw``: normalise, block, compare, estimate, score."""
    from . import duck

    step = time.perf_counter()
    progress("normalising")
    stats["values"], cut = duck.normalised_table(con, config)
    stats["frequency_cut_offs"] = cut.describe()
    stats["normalise_s"] = round(time.perf_counter() - step, 2)
    return duck.link(con, config, cut, stats, _fixed_model(config), progress, sources)


def _duckdb_result(
    scored: duck.Scored,
    config: LinkConfig,
    judgements: Iterable[Judgement],
    stats: dict[str, Any],
    started: float,
    progress: Phase = _quiet,
) -> LinkResult:
    """Clusters and `ScoredPair` objects from a DuckDB run's arrays. Called once the connection is closed:
    built while DuckDB still held its buffers, the Python objects of the result set the peak memory of a run.
    """
    progress("clustering")
    step = time.perf_counter()
    ids = scored.ids
    judged = list(judgements)
    if judged:
        clusters, conflicts = cluster_pairs(
            ids,
            [
                (ids[i], ids[j], s)
                for i, j, s in zip(scored.i.tolist(), scored.j.tolist(), scored.score.tolist(), strict=True)
            ],
            judged,
            threshold=config.threshold,
        )
    else:
        # Without judgements the clusters are the connected components; the smallest index is the smallest id.
        root = components(len(ids), scored.i, scored.j).tolist()
        clusters, conflicts = {identifier: ids[r] for identifier, r in zip(ids, root, strict=True)}, []
    stats["cluster_s"] = round(time.perf_counter() - step, 2)
    step = time.perf_counter()
    weights = scored.model.weights()
    prior_weight = scored.model.prior_weight
    shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # one tuple per level pattern, shared by its pairs
    levels = [shared.setdefault(key := tuple(row), key) for row in scored.levels.tolist()]
    adjustments = [
        _adjustments(g, s) if g or s else _NONE
        for g, s in zip(scored.adjust_given.tolist(), scored.adjust_surname.tolist(), strict=True)
    ]
    pairs = [
        ScoredPair(ids[i], ids[j], score, pattern, weights, prior_weight, adjusted)
        for i, j, score, pattern, adjusted in zip(
            scored.i.tolist(), scored.j.tolist(), scored.score.tolist(), levels, adjustments, strict=True
        )
    ]
    stats["result_s"] = round(time.perf_counter() - step, 2)
    stats["pairs"] = len(pairs)
    stats["total_s"] = round(time.perf_counter() - started, 2)
    return LinkResult(pairs=pairs, clusters=clusters, model=scored.model, conflicts=conflicts, stats=stats)


def one_to_one(result: LinkResult, judgements: Iterable[Judgement] = (), *, threshold: float = 0.0) -> LinkResult:
    """Link mode's assignment: at most one partner per record, the best-scoring pairs first (ties by ids).

    Greedy, not an optimal assignment: with scores in bits the best pair of a record is nearly always
    its true partner, and greedy is linear after the sort. The clusters are rebuilt from the kept pairs.
    """
    taken: set[str] = set()
    kept: list[ScoredPair] = []
    for pair in sorted(result.pairs, key=lambda p: (-p.score, p.id_a, p.id_b)):
        if pair.id_a in taken or pair.id_b in taken:
            continue
        taken.update((pair.id_a, pair.id_b))
        kept.append(pair)
    kept.sort(key=lambda p: (p.id_a, p.id_b))
    clusters, conflicts = cluster_pairs(
        result.clusters, [(p.id_a, p.id_b, p.score) for p in kept], judgements, threshold=threshold
    )
    stats = result.stats | {"pairs": len(kept), "one_to_one_dropped": len(result.pairs) - len(kept)}
    return replace(result, pairs=kept, clusters=clusters, conflicts=conflicts, stats=stats)


def _fixed_model(config: LinkConfig) -> Model | None:
    """The model `LinkConfig.model` fixes; an identifier column it does not cover gets the defaults."""
    if config.model is None:
        return None
    mu = {feature: config.model.get(feature) or default_levels(feature) for feature in config.features}
    return Model(mu=mu, prior=config.prior or DEFAULT_PRIOR)


_NONE: Mapping[str, float] = {}  # shared by every pair without adjustments (never written to)


def _adjustments(given: float, surname: float) -> dict[str, float]:
    """The term-frequency adjustments of a pair as `ScoredPair.adjustments` (only those that are not 0)."""
    return {f: v for f, v in (("given", given), ("surname", surname)) if v}


_score_of = score_of  # the name the Spark port imports


def _score_python(
    records: Sequence[Normalised],
    config: LinkConfig,
    stats: dict[str, Any],
    progress: Phase = _quiet,
    sources: Mapping[str, str] | None = None,
    identifiers: Sequence[tuple[str, ...]] = (),
) -> tuple[Model, list[tuple[int, int, float, Levels, dict[str, float]]]]:
    progress("blocking")
    usable = usability(records, config)
    oversized: set[int] = set()
    by_key: dict[str, set[int]] = {}
    candidates = sorted(candidate_pairs(records, usable, config, oversized, identifiers, by_key))
    if sources is not None:
        source = [sources.get(r.id, "") for r in records]
        candidates = [(i, j) for i, j in candidates if source[i] != source[j]]
    stats["frequency_cut_offs"] = usable.cut.describe()
    stats["cut_offs"] = cut_off_report(usable, config, oversized)
    stats["cut_offs_by_key"] = {key_name(kind, config.identifiers): len(held) for kind, held in sorted(by_key.items())}
    stats["candidates"] = len(candidates)
    progress("comparing")

    columns = Columns.of(records)
    flags = {
        "address_usable": np.array(usable.address, dtype=bool) | np.array(usable.crowded, dtype=bool),
        "date_usable": np.array(usable.birth_date, dtype=bool),
        "crowded": np.array(usable.crowded, dtype=bool),
    }
    id_columns = [np.array(column, dtype=object) for column in zip(*identifiers, strict=True)] if identifiers else []

    def levels_of(i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.int8]:
        """The levels of the pairs (i[k], j[k]) (`levels.compare_many`), a row per pair."""
        levels = compare_many(columns, i, j, **flags)
        if not id_columns:
            return levels
        return np.concatenate([levels, *(identifier_levels(v, i, j)[:, None] for v in id_columns)], axis=1)

    def patterns_of(i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> Counter[Levels]:
        """How many of the pairs have each level pattern, a slice at a time (what the u estimate needs)."""
        patterns: Counter[Levels] = Counter()
        for start in range(0, len(i), PAIRS_AT_ONCE):
            part = slice(start, start + PAIRS_AT_ONCE)
            levels = levels_of(i[part], j[part])
            # Each row as one number (levels -1..3 as base-5 digits): counted much faster than rows.
            digits = 5 ** np.arange(levels.shape[1], dtype=np.int64)
            codes, counts = np.unique((levels.astype(np.int64) + 1) @ digits, return_counts=True)
            rows = (codes[:, None] // digits) % 5 - 1
            patterns.update(dict(zip(map(tuple, rows.tolist()), counts.tolist(), strict=True)))
        return patterns

    pair_i = np.array([i for i, _ in candidates], dtype=np.int64)
    pair_j = np.array([j for _, j in candidates], dtype=np.int64)
    compared = [
        (i, j, tuple(levels))
        for i, j, levels in zip(pair_i.tolist(), pair_j.tolist(), levels_of(pair_i, pair_j).tolist(), strict=True)
    ]
    model = _fixed_model(config)
    if model is None:
        progress("estimating")
        patterns = Counter(levels for _, _, levels in compared)
        randoms: Counter[Levels] = Counter()
        if sum(patterns.values()) >= config.min_pairs_for_em:  # else the defaults are used throughout
            randoms = patterns_of(*random_pair_arrays(len(records), RANDOM_PAIRS, config.seed))
        model = estimate_model(
            patterns,
            randoms,
            n_records=len(records),
            iterations=config.em_iterations,
            min_pairs=config.min_pairs_for_em,
            features=config.features,
        )
    progress("scoring")
    weights = model.weights()
    prior_weight = model.prior_weight
    tf = tf_tables(
        config,
        model,
        len(records),
        {"given": Counter(r.given for r in records), "surname": Counter(r.surname for r in records)},
    )
    scored = []
    for i, j, levels in compared:
        # An exact agreement is on record i's own value (the names may be swapped: then on i's given name
        # as b's surname), so the adjustment is that of i's value in i's column (`scoring.tf_applies`).
        adjust_g = tf["given"].get(records[i].given, 0.0) if tf_applies("given", levels) else 0.0
        adjust_s = tf["surname"].get(records[i].surname, 0.0) if tf_applies("surname", levels) else 0.0
        score = adjusted_score(_score_of(levels, weights, prior_weight), adjust_g, adjust_s)
        if score >= config.threshold:
            scored.append((i, j, score, levels, _adjustments(adjust_g, adjust_s)))
    return model, scored


# --- CSV in and out -------------------------------------------------------------------------------

DEFAULT_COLUMNS: dict[str, str] = {
    "id": "id",
    "given": "voornaam",
    "prefix": "tussenvoegsel",
    "surname": "achternaam",
    "birth_date": "geboortedatum",
    "street": "straat",
    "house_number": "huisnummer",
    "postcode": "postcode",
    "city": "plaats",
}


def read_person_csv(
    handle: TextIO,
    columns: Mapping[str, str] | None = None,
    *,
    delimiter: str = ",",
    identifiers: Sequence[str] = (),
) -> Iterator[PersonRecord]:
    """PersonRecords from a CSV with a header row; ``columns`` maps PersonRecord fields to column names,
    ``identifiers`` are identifier columns (`PersonRecord.identifiers`, by their column names).

    A mapped column that is absent from the file is treated as empty; the id column must exist. (The
    command checks the mapping against the header first: `command.check_columns`.)
    """
    mapping = {**DEFAULT_COLUMNS, **(columns or {})}
    reader = csv.DictReader(handle, delimiter=delimiter)
    header = set(reader.fieldnames or [])
    if mapping["id"] not in header:
        msg = f"id column {mapping['id']!r} not in the CSV header {sorted(header)}"
        raise ValueError(msg)
    present = {f: c for f, c in mapping.items() if c in header}
    marked = [c for c in identifiers if c in header]
    for row in reader:
        values = {f: (row[c] or "").strip() or None for f, c in present.items()}
        yield PersonRecord(
            id=str(values.pop("id") or ""),
            identifiers={c: (row[c] or "").strip() or None for c in marked},
            **values,
        )


def write_pairs_csv(handle: TextIO, result: LinkResult) -> int:
    """Write ``id_a,id_b,score,cluster,explanation`` (explanation as JSON); returns the number of rows."""
    writer = csv.writer(handle)
    writer.writerow(("id_a", "id_b", "score", "cluster", "explanation"))
    for pair in result.pairs:
        writer.writerow(
            (
                pair.id_a,
                pair.id_b,
                f"{pair.score:.4f}",
                result.clusters.get(pair.id_a, pair.id_a),
                json.dumps(pair.explanation, sort_keys=True),
            )
        )
    return len(result.pairs)
