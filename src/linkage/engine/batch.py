# SPDX-License-Identifier: EUPL-1.2
"""The link run: normalise, block, compare, estimate, score, cluster - in Python or on DuckDB.

Both engines implement the same model (`blocking` keys, `scoring` levels and weights) and give the same
pairs, scores and clusters. The Python engine is for small runs and for reading; the DuckDB engine
(`duck`) normalises each distinct value once and runs blocking and comparisons as SQL, which is what a
million records need. `link_csv` lets DuckDB read a CSV itself, without a `PersonRecord` per row.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TextIO

from . import duck
from .blocking import candidate_pairs, usability
from .cluster import cluster_pairs, components
from .duck import RANDOM_PAIRS as RANDOM_PAIRS  # the Spark port imports it from here
from .duck import _sql_levels  # noqa: F401 - the comparison levels as SQL; the Spark port reads them here
from .records import DEFAULT, Judgement, LinkConfig, Normalised, PersonRecord, ScoredPair, normalise_record
from .scoring import DEFAULT_PRIOR, Model, compare, estimate_model, random_pairs, score_of

__all__ = [
    "LinkResult",
    "add_cli_arguments",
    "link_csv",
    "link_records",
    "read_person_csv",
    "run_cli",
    "write_pairs_csv",
]

Levels = tuple[int, int, int, int]


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
) -> LinkResult:
    """Deduplicate ``records``: see the package docstring of `linkage.engine`."""
    started = time.perf_counter()
    records = list(records)
    engine = _engine(config, len(records))
    stats: dict[str, Any] = {"records": len(records), "engine": engine}
    if engine == "duckdb":
        with duck.connect(config) as con:
            duck.load_records(con, records)
            stats["load_s"] = round(time.perf_counter() - started, 2)
            return _link_duckdb(con, config, judgements, stats, started)
    normalised = sorted((normalise_record(r) for r in records), key=lambda r: r.id)
    stats["normalise_s"] = round(time.perf_counter() - started, 2)
    model, scored = _score_python(normalised, config, stats)
    weights = model.weights()
    prior_weight = model.prior_weight
    pairs = [
        ScoredPair(normalised[i].id, normalised[j].id, score, levels, weights, prior_weight)
        for i, j, score, levels in scored
    ]
    pairs.sort(key=lambda p: (p.id_a, p.id_b))
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
) -> LinkResult:
    """`link_records` on a CSV file (columns mapped as in `read_person_csv`), the same result.

    On the DuckDB engine, DuckDB reads the file itself; the Python engine reads it with `read_person_csv`.
    """
    path = Path(path)
    mapping = {**DEFAULT_COLUMNS, **(columns or {})}
    started = time.perf_counter()
    if config.engine != "python":
        with duck.connect(config) as con:
            n_records = duck.load_csv(con, path, mapping)
            if _engine(config, n_records) == "duckdb":
                stats: dict[str, Any] = {"records": n_records, "engine": "duckdb"}
                stats["load_s"] = round(time.perf_counter() - started, 2)
                return _link_duckdb(con, config, judgements, stats, started)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return link_records(
            read_person_csv(handle, mapping), config=replace(config, engine="python"), judgements=judgements
        )


def _link_duckdb(
    con: Any, config: LinkConfig, judgements: Iterable[Judgement], stats: dict[str, Any], started: float
) -> LinkResult:
    step = time.perf_counter()
    duck.normalised_table(con, config)
    stats["normalise_s"] = round(time.perf_counter() - step, 2)
    scored = duck.link(con, config, stats, _fixed_model(config))
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
    pairs = [
        ScoredPair(ids[i], ids[j], score, (g, s, d, a), weights, prior_weight)
        for i, j, score, (g, s, d, a) in zip(
            scored.i.tolist(), scored.j.tolist(), scored.score.tolist(), scored.levels.tolist(), strict=True
        )
    ]
    stats["result_s"] = round(time.perf_counter() - step, 2)
    stats["pairs"] = len(pairs)
    stats["total_s"] = round(time.perf_counter() - started, 2)
    return LinkResult(pairs=pairs, clusters=clusters, model=scored.model, conflicts=conflicts, stats=stats)


def _fixed_model(config: LinkConfig) -> Model | None:
    if config.model is None:
        return None
    return Model(mu=config.model, prior=config.prior or DEFAULT_PRIOR)


_score_of = score_of  # the name the Spark port imports


def _score_python(
    records: Sequence[Normalised], config: LinkConfig, stats: dict[str, Any]
) -> tuple[Model, list[tuple[int, int, float, Levels]]]:
    usable = usability(records, config)
    candidates = sorted(candidate_pairs(records, usable, config))
    stats["candidates"] = len(candidates)

    def levels_of(i: int, j: int) -> Levels:
        return compare(
            records[i],
            records[j],
            a_address_usable=usable.address[i],
            b_address_usable=usable.address[j],
            a_date_usable=usable.birth_date[i],
            b_date_usable=usable.birth_date[j],
        )

    compared = [(i, j, levels_of(i, j)) for i, j in candidates]
    model = _fixed_model(config)
    if model is None:
        patterns = Counter(levels for _, _, levels in compared)
        randoms: Counter[Levels] = Counter()
        if sum(patterns.values()) >= config.min_pairs_for_em:  # else the defaults are used throughout
            randoms.update(levels_of(i, j) for i, j in random_pairs(len(records), RANDOM_PAIRS, config.seed))
        model = estimate_model(
            patterns,
            randoms,
            n_records=len(records),
            iterations=config.em_iterations,
            min_pairs=config.min_pairs_for_em,
        )
    weights = model.weights()
    prior_weight = model.prior_weight
    scored = []
    for i, j, levels in compared:
        score = _score_of(levels, weights, prior_weight)
        if score >= config.threshold:
            scored.append((i, j, score, levels))
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


def read_person_csv(handle: TextIO, columns: Mapping[str, str] | None = None) -> Iterator[PersonRecord]:
    """PersonRecords from a CSV with a header row; ``columns`` maps PersonRecord fields to column names.

    A mapped column that is absent from the file is treated as empty; the id column must exist.
    """
    mapping = {**DEFAULT_COLUMNS, **(columns or {})}
    reader = csv.DictReader(handle)
    header = set(reader.fieldnames or [])
    if mapping["id"] not in header:
        msg = f"id column {mapping['id']!r} not in the CSV header {sorted(header)}"
        raise ValueError(msg)
    present = {f: c for f, c in mapping.items() if c in header}
    for row in reader:
        values = {f: (row[c] or "").strip() or None for f, c in present.items()}
        yield PersonRecord(
            id=str(values.pop("id") or ""),
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


# --- Command line (shared by `manage.py correlate_csv` and `python -m linkage.engine`) ---


def add_cli_arguments(parser: Any) -> None:
    """Options of the CSV command; ``parser`` is an `argparse.ArgumentParser` (or Django's)."""
    parser.add_argument("input", help="CSV with a header row, one person per row")
    parser.add_argument("--out", required=True, help="where to write id_a,id_b,score,cluster,explanation")
    parser.add_argument("--clusters", help="also write id,cluster for every record")
    for field_name, option in (
        ("id", "--id-col"),
        ("given", "--given-col"),
        ("prefix", "--prefix-col"),
        ("surname", "--surname-col"),
        ("birth_date", "--birth-col"),
        ("street", "--street-col"),
        ("house_number", "--number-col"),
        ("postcode", "--postcode-col"),
        ("city", "--city-col"),
    ):
        parser.add_argument(option, dest=f"col_{field_name}", default=DEFAULT_COLUMNS[field_name])
    parser.add_argument("--threshold", type=float, default=DEFAULT.threshold, help="match weight in bits")
    parser.add_argument("--exclude-address", action="append", default=[], metavar="POSTCODE:NUMBER", help="may repeat")
    parser.add_argument("--max-address-frequency", type=int, default=DEFAULT.max_address_frequency)
    parser.add_argument("--max-birth-date-frequency", type=int, default=DEFAULT.max_birth_date_frequency)
    parser.add_argument("--engine", choices=("auto", "python", "duckdb"), default="auto")


def cli_config(
    options: Mapping[str, Any], *, engine: Literal["auto", "python", "duckdb"] = "auto"
) -> tuple[LinkConfig, dict[str, str]]:
    """The configuration and column mapping the parsed options of :func:`add_cli_arguments` ask for."""
    excluded = frozenset(
        (pc.strip(), nr.strip()) for pc, _, nr in (item.partition(":") for item in options["exclude_address"])
    )
    config = LinkConfig(
        threshold=options["threshold"],
        excluded_addresses=excluded,
        max_address_frequency=options["max_address_frequency"],
        max_birth_date_frequency=options["max_birth_date_frequency"],
        engine=engine,
    )
    return config, {f: options[f"col_{f}"] for f in DEFAULT_COLUMNS}


def write_cli_outputs(options: Mapping[str, Any], result: LinkResult) -> tuple[int, int]:
    """Write the pairs (``--out``) and, when asked, the clusters (``--clusters``); returns the number of
    pairs written and of clusters with more than one record."""
    with open(options["out"], "w", newline="", encoding="utf-8") as handle:
        written = write_pairs_csv(handle, result)
    if options.get("clusters"):
        with open(options["clusters"], "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("id", "cluster"))
            writer.writerows(sorted(result.clusters.items()))
    multi = sum(1 for k, v in Counter(result.clusters.values()).items() if v > 1 and k)
    return written, multi


def run_cli(options: Mapping[str, Any]) -> str:
    """Run the CSV command with parsed ``options``; returns a one-line summary."""
    config, columns = cli_config(options, engine=options["engine"])
    result = link_csv(options["input"], columns, config=config)
    written, multi = write_cli_outputs(options, result)
    return (
        f"{result.stats['records']} records, {result.stats.get('candidates', 0)} candidate pairs, "
        f"{written} pairs written to {options['out']}, {multi} clusters with more than one record "
        f"({result.stats['engine']}, {result.stats['total_s']} s)"
    )
