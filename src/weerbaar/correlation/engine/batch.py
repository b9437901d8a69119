# SPDX-License-Identifier: EUPL-1.2
"""The link run: normalise, block, compare, estimate, score, cluster - in Python or on DuckDB.

Both engines implement the same model (`blocking` keys, `scoring` levels and weights); the DuckDB one
runs blocking and comparisons as SQL (DuckDB's built-in ``jaro_winkler_similarity`` gives the same
values as `scoring.jaro_winkler`), which is what makes a million records fit in a minute or two on
two cores. Normalisation, EM (over aggregated level patterns) and clustering stay in Python.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .blocking import candidate_pairs, usability
from .cluster import cluster_pairs
from .records import DEFAULT, FEATURES, Judgement, LinkConfig, Normalised, PersonRecord, ScoredPair, normalise_record
from .scoring import DEFAULT_PRIOR, GIVEN_JW, SURNAME_JW, SURNAME_JW_LOW, Model, compare, estimate_model, random_pairs

__all__ = ["LinkResult", "add_cli_arguments", "link_records", "read_person_csv", "run_cli", "write_pairs_csv"]

Levels = tuple[int, int, int, int]
RANDOM_PAIRS = 200_000


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


def link_records(
    records: Iterable[PersonRecord],
    *,
    config: LinkConfig = DEFAULT,
    judgements: Iterable[Judgement] = (),
) -> LinkResult:
    """Deduplicate ``records``: see the package docstring of `weerbaar.correlation.engine`."""
    started = time.perf_counter()
    normalised = sorted((normalise_record(r) for r in records), key=lambda r: r.id)
    stats: dict[str, Any] = {"records": len(normalised), "normalise_s": round(time.perf_counter() - started, 2)}
    engine = config.engine
    if engine == "auto":
        engine = "duckdb" if duckdb_available() and len(normalised) > config.duckdb_from else "python"
    stats["engine"] = engine
    if engine == "duckdb":
        model, scored = _score_duckdb(normalised, config, stats)
    else:
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


def _fixed_model(config: LinkConfig) -> Model | None:
    if config.model is None:
        return None
    return Model(mu=config.model, prior=config.prior or DEFAULT_PRIOR)


def _score_of(levels: Levels, weights: Mapping[str, Mapping[int, float]], prior_weight: float) -> float:
    return round(
        round(prior_weight, 4) + sum(round(weights[f][lv], 4) for f, lv in zip(FEATURES, levels, strict=True)), 4
    )


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


def _sql_levels(a: str, b: str) -> str:
    """SQL for the four comparison levels of aliases a and b; mirrors `scoring.compare`."""
    jw = "jaro_winkler_similarity"
    swapped = (
        f"({a}.given <> '' AND {a}.surname <> '' AND {b}.given <> '' AND {b}.surname <> '' "
        f"AND {jw}({a}.given, {b}.given) < {GIVEN_JW} AND {jw}({a}.surname, {b}.surname) < {SURNAME_JW} "
        f"AND {jw}({a}.given, {b}.surname) >= {SURNAME_JW} AND {jw}({a}.surname, {b}.given) >= {SURNAME_JW})"
    )
    return f"""
        {swapped} AS swapped,
        {a}.given AS gl, CASE WHEN swapped THEN {b}.surname ELSE {b}.given END AS gr,
        {a}.surname AS sl, CASE WHEN swapped THEN {b}.given ELSE {b}.surname END AS sr,
        {a}.surname_key AS kl, CASE WHEN swapped THEN {b}.given_key ELSE {b}.surname_key END AS kr,
        CASE WHEN gl = '' OR gr = '' THEN -1 WHEN gl = gr THEN 3
             WHEN length(gl) = 1 OR length(gr) = 1 THEN CASE WHEN gl[1] = gr[1] THEN 1 ELSE 0 END
             WHEN {jw}(gl, gr) >= {GIVEN_JW} THEN 2 WHEN gl[1] = gr[1] THEN 1 ELSE 0 END AS l_given,
        CASE WHEN sl = '' OR sr = '' THEN -1 WHEN sl = sr THEN 3
             WHEN {jw}(sl, sr) >= {SURNAME_JW} OR kl = kr THEN 2
             WHEN {jw}(sl, sr) >= {SURNAME_JW_LOW} THEN 1 ELSE 0 END AS l_surname,
        CASE WHEN NOT ({a}.date_ok AND {b}.date_ok) OR {a}.birth_date = '' OR {b}.birth_date = '' THEN -1
             WHEN {a}.birth_date = {b}.birth_date THEN 3
             WHEN hamming({a}.birth_date, {b}.birth_date) <= 1
               OR (substr({a}.birth_date, 1, 4) = substr({b}.birth_date, 1, 4)
                   AND substr({a}.birth_date, 6, 2) = substr({b}.birth_date, 9, 2)
                   AND substr({a}.birth_date, 9, 2) = substr({b}.birth_date, 6, 2)) THEN 2
             WHEN substr({a}.birth_date, 1, 4) = substr({b}.birth_date, 1, 4) THEN 1 ELSE 0 END AS l_birth_date,
        CASE WHEN NOT ({a}.address_ok AND {b}.address_ok) THEN -1
             WHEN ({a}.postcode = '' AND {a}.street = '' AND {a}.city = '')
               OR ({b}.postcode = '' AND {b}.street = '' AND {b}.city = '') THEN -1
             WHEN {a}.house_number <> '' AND {a}.house_number = {b}.house_number
               AND (({a}.postcode <> '' AND {a}.postcode = {b}.postcode)
                    OR ({a}.street <> '' AND {a}.street = {b}.street AND {a}.city <> '' AND {a}.city = {b}.city))
               THEN 3
             WHEN {a}.postcode <> '' AND {a}.postcode = {b}.postcode THEN 2
             WHEN ({a}.city <> '' AND {a}.city = {b}.city)
               OR ({a}.postcode <> '' AND substr({a}.postcode, 1, 4) = substr({b}.postcode, 1, 4)) THEN 1
             ELSE 0 END AS l_address
    """


_COLUMNS = (
    "idx",
    "given",
    "given_key",
    "surname",
    "surname_key",
    "birth_date",
    "postcode",
    "house_number",
    "street",
    "city",
    "address_ok",
    "date_ok",
)


def _score_duckdb(
    records: Sequence[Normalised], config: LinkConfig, stats: dict[str, Any]
) -> tuple[Model, list[tuple[int, int, float, Levels]]]:
    import duckdb

    from .records import phonetic_key

    started = time.perf_counter()
    usable = usability(records, config)
    with tempfile.TemporaryDirectory(prefix="weerbaar-link-") as tmp:
        path = Path(tmp) / "records.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(_COLUMNS)
            for index, r in enumerate(records):
                writer.writerow(
                    (
                        index,
                        r.given,
                        phonetic_key(r.given) if r.given else "",
                        r.surname,
                        r.surname_key,
                        r.birth_date,
                        r.postcode,
                        r.house_number,
                        r.street,
                        r.city,
                        int(usable.address[index]),
                        int(usable.birth_date[index]),
                    )
                )
        stats["export_s"] = round(time.perf_counter() - started, 2)
        con = duckdb.connect(config=({"threads": config.threads} if config.threads else {}))
        try:
            con.execute(f"SET temp_directory = '{tmp}'")
            text_columns = ", ".join(f"coalesce({c}, '') AS {c}" for c in _COLUMNS[1:10])
            con.execute(
                f"CREATE TABLE r AS SELECT idx::INTEGER AS idx, {text_columns}, "  # noqa: S608 - our own columns
                "address_ok = '1' AS address_ok, date_ok = '1' AS date_ok "
                "FROM read_csv(?, header = true, all_varchar = true)",
                [str(path)],
            )
            return _duckdb_model_and_pairs(con, len(records), config, stats)
        finally:
            con.close()


def _duckdb_model_and_pairs(
    con: Any, n_records: int, config: LinkConfig, stats: dict[str, Any]
) -> tuple[Model, list[tuple[int, int, float, Levels]]]:
    started = time.perf_counter()
    con.execute("""
        CREATE TABLE k AS
        SELECT idx, 'sy:' || surname_key || '|' || substr(birth_date, 1, 4) AS key FROM r
            WHERE surname_key <> '' AND birth_date <> ''
        UNION ALL SELECT idx, 'ad:' || postcode || '|' || house_number FROM r
            WHERE address_ok AND postcode <> '' AND house_number <> ''
        UNION ALL SELECT idx, 'gd:' || given[1] || '|' || birth_date FROM r
            WHERE given <> '' AND birth_date <> '' AND date_ok
        UNION ALL SELECT idx, 'ny:' || least(given, surname) || '|' || greatest(given, surname) || '|'
            || substr(birth_date, 1, 4) FROM r WHERE given <> '' AND surname <> '' AND birth_date <> ''
        UNION ALL SELECT idx, 'sm:' || surname_key || '|' || given[1] || '|' || substr(birth_date, 6) FROM r
            WHERE surname_key <> '' AND given <> '' AND birth_date <> ''
    """)
    con.execute(
        """
        CREATE TABLE p AS
        WITH kk AS (SELECT idx, key, count(*) OVER (PARTITION BY key) AS n FROM k)
        SELECT DISTINCT a.idx AS i, b.idx AS j
        FROM kk a JOIN kk b ON a.key = b.key AND a.idx < b.idx
        WHERE a.n BETWEEN 2 AND ?
        """,
        [config.max_block_size],
    )
    stats["candidates"] = con.execute("SELECT count(*) FROM p").fetchone()[0]
    stats["blocking_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    con.execute(f"""
        CREATE TABLE c AS
        SELECT p.i, p.j, l_given, l_surname, l_birth_date, l_address
        FROM (SELECT p.i, p.j, {_sql_levels("a", "b")}
              FROM p JOIN r a ON a.idx = p.i JOIN r b ON b.idx = p.j) p
    """)  # noqa: S608 - the SQL is built from constants only
    stats["compare_s"] = round(time.perf_counter() - started, 2)
    model = _fixed_model(config)
    if model is None:
        started = time.perf_counter()
        level_columns = "l_given, l_surname, l_birth_date, l_address"
        patterns = {
            tuple(row[:4]): row[4]
            for row in con.execute(f"SELECT {level_columns}, count(*) FROM c GROUP BY ALL").fetchall()  # noqa: S608
        }
        pairs = random_pairs(n_records, RANDOM_PAIRS, config.seed)
        con.execute("CREATE TABLE rp (i INTEGER, j INTEGER)")
        _insert_pairs(con, pairs)
        randoms = {
            tuple(row[:4]): row[4]
            for row in con.execute(f"""
                SELECT {level_columns}, count(*) FROM (
                    SELECT {_sql_levels("a", "b")} FROM rp JOIN r a ON a.idx = rp.i JOIN r b ON b.idx = rp.j
                ) GROUP BY ALL
            """).fetchall()  # noqa: S608
        }
        model = estimate_model(
            patterns,
            randoms,
            n_records=n_records,
            iterations=config.em_iterations,
            min_pairs=config.min_pairs_for_em,
        )
        stats["estimate_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    weights = model.weights()
    terms = [f"{round(model.prior_weight, 4)!r}::DOUBLE"]
    for feature in FEATURES:
        cases = " ".join(f"WHEN {lv} THEN {round(w, 4)!r}" for lv, w in sorted(weights[feature].items()))
        terms.append(f"(CASE l_{feature} {cases} END)")
    rows = con.execute(
        f"""
        SELECT i, j, round({" + ".join(terms)}, 4) AS score, l_given, l_surname, l_birth_date, l_address
        FROM c WHERE round({" + ".join(terms)}, 4) >= ?
        """,  # noqa: S608 - numbers from the model only
        [config.threshold],
    ).fetchall()
    stats["score_s"] = round(time.perf_counter() - started, 2)
    return model, [(i, j, score, (g, s, d, a)) for i, j, score, g, s, d, a in rows]


def _insert_pairs(con: Any, pairs: list[tuple[int, int]]) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as handle:
        handle.write("i,j\n")
        handle.writelines(f"{i},{j}\n" for i, j in pairs)
    try:
        con.execute("INSERT INTO rp SELECT * FROM read_csv(?, header = true)", [handle.name])
    finally:
        os.unlink(handle.name)


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


# --- Command line (shared by `manage.py correlate_csv` and `python -m weerbaar.correlation.engine`) ---


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


def run_cli(options: Mapping[str, Any]) -> str:
    """Run the CSV command with parsed ``options``; returns a one-line summary."""
    excluded = frozenset(
        (pc.strip(), nr.strip()) for pc, _, nr in (item.partition(":") for item in options["exclude_address"])
    )
    config = LinkConfig(
        threshold=options["threshold"],
        excluded_addresses=excluded,
        max_address_frequency=options["max_address_frequency"],
        max_birth_date_frequency=options["max_birth_date_frequency"],
        engine=options["engine"],
    )
    columns = {f: options[f"col_{f}"] for f in DEFAULT_COLUMNS}
    with open(options["input"], newline="", encoding="utf-8-sig") as handle:
        result = link_records(read_person_csv(handle, columns), config=config)
    with open(options["out"], "w", newline="", encoding="utf-8") as handle:
        written = write_pairs_csv(handle, result)
    if options.get("clusters"):
        with open(options["clusters"], "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("id", "cluster"))
            writer.writerows(sorted(result.clusters.items()))
    multi = sum(1 for k, v in Counter(result.clusters.values()).items() if v > 1 and k)
    return (
        f"{result.stats['records']} records, {result.stats.get('candidates', 0)} candidate pairs, "
        f"{written} pairs written to {options['out']}, {multi} clusters with more than one record "
        f"({result.stats['engine']}, {result.stats['total_s']} s)"
    )
