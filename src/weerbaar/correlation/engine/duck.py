# SPDX-License-Identifier: EUPL-1.2
"""The DuckDB engine: the model of `blocking` and `scoring` as SQL, for hundreds of thousands of records.

Records reach DuckDB as raw text (from a CSV that DuckDB reads itself, or from `PersonRecord` objects).
Normalisation stays in Python - the functions of `records` are the only definition of it - but runs once
per *distinct* value of a field (a million records hold about 20,000 given names and 80,000 birth dates),
and DuckDB joins the results back. Usability (exclusion list, frequency cut-offs), blocking, comparison
levels and scoring are SQL; EM runs in Python over the aggregated level patterns. Every step mirrors the
Python engine, and ``tests/test_engine_parity.py`` checks that both give the same pairs, scores and
clusters.
"""

from __future__ import annotations

import csv
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt

from weerbaar.correlation.normalise import surname_key

from .records import (
    FEATURES,
    LinkConfig,
    PersonRecord,
    fold,
    given_parts,
    normalise_date,
    normalise_number,
    normalise_pc,
    phonetic_key,
    street_key,
)
from .scoring import (
    GIVEN_JW,
    JW_TOLERANCE,
    SURNAME_JW,
    SURNAME_JW_LOW,
    Model,
    estimate_model,
    pattern_scores,
    random_pair_arrays,
)

__all__ = ["RAW_FIELDS", "Scored", "connect", "link", "load_csv", "load_records", "normalised_table"]

RANDOM_PAIRS = 200_000  # random pairs for u, in both engines
# The raw fields of a record, as `PersonRecord` names them (the id comes first and is not normalised).
RAW_FIELDS: tuple[str, ...] = ("given", "prefix", "surname", "birth_date", "street", "house_number", "postcode", "city")
Levels = tuple[int, int, int, int]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Scored:
    """The outcome of a DuckDB run: record ids by index, the model, and the pairs at or above the threshold.

    ``i``/``j`` index ``ids`` (which is sorted, so ``i < j`` means ``ids[i] <= ids[j]``); pairs are sorted.
    """

    ids: list[str]
    model: Model
    i: IntArray
    j: IntArray
    score: npt.NDArray[np.float64]
    levels: npt.NDArray[np.int64]  # shape (pairs, 4)


@contextmanager
def connect(config: LinkConfig) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB that spills to a private temporary directory."""
    with tempfile.TemporaryDirectory(prefix="weerbaar-link-") as tmp:
        con = duckdb.connect(config=({"threads": config.threads} if config.threads else {}))
        try:
            con.execute("SET temp_directory = ?", [tmp])
            con.execute("SET preserve_insertion_order = true")
            yield con
        finally:
            con.close()


# --- Input ------------------------------------------------------------------------------------------------


def _date_text(value: str | date | None) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def load_records(con: duckdb.DuckDBPyConnection, records: Sequence[PersonRecord]) -> int:
    """Table ``raw`` (pos, id, raw fields) from records; returns the number of records."""
    columns: dict[str, Any] = {
        "pos": np.arange(len(records), dtype=np.int64),
        "id": np.array([str(r.id) for r in records], dtype=object),
    }
    for name in RAW_FIELDS:
        if name == "birth_date":
            values = [_date_text(r.birth_date) for r in records]
        else:
            values = [getattr(r, name) for r in records]
        columns[name] = np.array(values, dtype=object)
    con.register("raw_input", columns)
    con.execute("CREATE TABLE raw AS SELECT * FROM raw_input")
    con.unregister("raw_input")
    return len(records)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load_csv(con: duckdb.DuckDBPyConnection, path: Path, columns: Mapping[str, str]) -> int:
    """Table ``raw`` from a CSV with a header row, read by DuckDB itself; as `batch.read_person_csv` reads it.

    ``columns`` maps ``id`` and the `RAW_FIELDS` to column names; a field whose column is absent is empty.
    Values are trimmed as `read_person_csv` trims them.
    """
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle), [])
    if columns["id"] not in header:
        msg = f"id column {columns['id']!r} not in the CSV header {sorted(header)}"
        raise ValueError(msg)
    selected = [f"trim(coalesce({_quoted(columns['id'])}, '')) AS id"]
    for name in RAW_FIELDS:
        column = columns.get(name, "")
        selected.append(f"nullif(trim({_quoted(column)}), '') AS {name}" if column in header else f"NULL AS {name}")
    con.execute(
        f"CREATE TABLE raw AS SELECT row_number() OVER () - 1 AS pos, {', '.join(selected)} "  # noqa: S608 - quoted names
        "FROM read_csv(?, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', "
        "null_padding = true, encoding = 'utf-8')",
        [str(path)],
    )
    row = con.execute("SELECT count(*) FROM raw").fetchone()
    return int(row[0]) if row else 0


# --- Normalisation of distinct values ---------------------------------------------------------------------


# The normalisers of `records` without their caches: here every value is new, and a miss costs more
# than the call.
_given_parts = given_parts.__wrapped__
_date = normalise_date.__wrapped__
_postcode = normalise_pc.__wrapped__
_number = normalise_number.__wrapped__
_street = street_key.__wrapped__
_fold = fold.__wrapped__


def _given(value: str) -> tuple[str, str, str]:
    first, initials = _given_parts(value)
    return first, initials, phonetic_key(first) if first else ""


def _surname(prefix: str, surname: str) -> tuple[str, str]:
    core = surname_key(prefix or None, surname or None)
    return core, phonetic_key(core) if core else ""


# (raw fields, normalised columns, function from the raw values to the normalised ones)
_NORMALISERS: tuple[tuple[tuple[str, ...], tuple[str, ...], Callable[..., tuple[str, ...]]], ...] = (
    (("given",), ("given", "initials", "given_key"), _given),
    (("prefix", "surname"), ("surname", "surname_key"), _surname),
    (("birth_date",), ("birth_date",), lambda v: (_date(v or None),)),
    (("postcode",), ("postcode",), lambda v: (_postcode(v or None),)),
    (("house_number",), ("house_number",), lambda v: (_number(v or None),)),
    (("street",), ("street",), lambda v: (_street(v or None),)),
    (("city",), ("city",), lambda v: (_fold(v or None),)),
)


def normalised_table(con: duckdb.DuckDBPyConnection, config: LinkConfig, name: str = "r") -> None:
    """Table ``name`` from ``raw``: one row per record in id order (``idx`` 0..n-1), normalised fields as
    `records.normalise_record` gives them, and the usability flags of `blocking.usability`."""
    joins: list[str] = []
    outputs: list[str] = []
    for number, (inputs, produced, function) in enumerate(_NORMALISERS):
        raw = ", ".join(f"coalesce({field}, '')" for field in inputs)
        distinct = con.execute(f"SELECT DISTINCT {raw} FROM raw").fetchall()  # noqa: S608 - constant names
        results = [function(*values) for values in distinct]
        table: dict[str, Any] = {f"in{k}": np.array([v[k] for v in distinct], dtype=object) for k in range(len(inputs))}
        for k, column in enumerate(produced):
            table[column] = np.array([r[k] for r in results], dtype=object)
        con.register(f"norm_input_{number}", table)
        con.execute(f"CREATE TEMP TABLE norm_{number} AS SELECT * FROM norm_input_{number}")  # noqa: S608
        con.unregister(f"norm_input_{number}")
        condition = " AND ".join(f"n{number}.in{k} = coalesce(raw.{field}, '')" for k, field in enumerate(inputs))
        joins.append(f"JOIN norm_{number} n{number} ON {condition}")
        outputs.extend(f"n{number}.{column}" for column in produced)
    excluded = sorted({f"{normalise_pc(pc)}|{normalise_number(nr)}" for pc, nr in config.excluded_addresses})
    con.execute(
        f"""
        CREATE TABLE {name} AS
        WITH ordered AS (
            -- Sorting only (id, pos) is much cheaper than sorting the whole row by id.
            SELECT pos, (row_number() OVER (ORDER BY id, pos) - 1)::INTEGER AS idx FROM raw
        ), n AS (
            SELECT ordered.idx, raw.id, {", ".join(outputs)}
            FROM raw JOIN ordered ON ordered.pos = raw.pos {" ".join(joins)}
        ), a AS (
            SELECT *, CASE WHEN postcode <> '' AND house_number <> '' THEN postcode || '|' || house_number
                      ELSE '' END AS address_key
            FROM n
        ), addresses AS (
            -- Counted by GROUP BY and joined back: a window over the whole row costs several times more.
            SELECT address_key, count(*) AS holders FROM a GROUP BY address_key
        ), dates AS (
            SELECT birth_date, count(*) AS holders FROM a GROUP BY birth_date
        )
        SELECT a.* EXCLUDE (address_key),
            a.address_key = '' OR (NOT list_contains(?::VARCHAR[], a.address_key)
                AND addresses.holders <= ?) AS address_ok,
            a.birth_date = '' OR dates.holders <= ? AS date_ok
        FROM a JOIN addresses ON addresses.address_key = a.address_key JOIN dates ON dates.birth_date = a.birth_date
        """,  # noqa: S608 - names are ours
        [excluded, config.max_address_frequency, config.max_birth_date_frequency],
    )
    for number in range(len(_NORMALISERS)):
        con.execute(f"DROP TABLE norm_{number}")


# --- Blocking, comparison, scoring ------------------------------------------------------------------------


# The blocking keys of `blocking.block_keys` over the normalised table: one row per record and key, the
# key as (kind, parts) instead of one string, which DuckDB groups faster. The parts have fixed widths or
# cannot contain each other's separators, so these keys group records exactly as the key strings do.
_KEYS_SQL = """
    WITH d AS (
        SELECT idx, given, surname, surname_key AS sk, birth_date AS birth, postcode, house_number, address_ok,
            date_ok, given[1] AS initial, substr(birth_date, 1, 4) AS year, substr(birth_date, 6, 2) AS month,
            substr(birth_date, 9, 2) AS day
        FROM r
    )
    SELECT idx, 1::TINYINT AS kind, postcode AS k1, house_number AS k2, NULL::VARCHAR AS k3 FROM d
        WHERE address_ok AND postcode <> '' AND house_number <> ''
    UNION ALL SELECT idx, 2, initial, birth, NULL FROM d WHERE initial <> '' AND birth <> '' AND date_ok
    UNION ALL SELECT idx, 3, least(given, surname), greatest(given, surname), year FROM d
        WHERE given <> '' AND surname <> '' AND birth <> ''
    UNION ALL SELECT idx, 4, sk, birth, NULL FROM d WHERE sk <> '' AND birth <> '' AND date_ok
    UNION ALL SELECT idx, unnest([5, 6, 7, 8]::TINYINT[]), sk, initial,
            unnest([month || day, year || month, year || day, year || least(month, day) || greatest(month, day)])
        FROM d WHERE sk <> '' AND initial <> '' AND birth <> ''
"""


def _sql_levels(a: str, b: str) -> str:
    """SQL for the four comparison levels of aliases a and b; mirrors `scoring.compare`.

    The plain form of the levels, one CASE per feature, for reading and for porting to other SQL engines;
    the engine runs `_levels_sql`, the same levels computed in stages (a test keeps the two equal).
    Thresholds are lowered by `scoring.JW_TOLERANCE` exactly as `scoring.at_least` does.
    """
    jw = "jaro_winkler_similarity"
    given_jw, surname_jw, surname_low = (repr(t - JW_TOLERANCE) for t in (GIVEN_JW, SURNAME_JW, SURNAME_JW_LOW))
    swapped = (
        f"({a}.given <> '' AND {a}.surname <> '' AND {b}.given <> '' AND {b}.surname <> '' "
        f"AND {jw}({a}.given, {b}.given) < {given_jw} AND {jw}({a}.surname, {b}.surname) < {surname_jw} "
        f"AND {jw}({a}.given, {b}.surname) >= {surname_jw} AND {jw}({a}.surname, {b}.given) >= {surname_jw})"
    )
    return f"""
        {swapped} AS swapped,
        {a}.given AS gl, CASE WHEN swapped THEN {b}.surname ELSE {b}.given END AS gr,
        {a}.surname AS sl, CASE WHEN swapped THEN {b}.given ELSE {b}.surname END AS sr,
        {a}.surname_key AS kl, CASE WHEN swapped THEN {b}.given_key ELSE {b}.surname_key END AS kr,
        CASE WHEN gl = '' OR gr = '' THEN -1 WHEN gl = gr THEN 3
             WHEN length(gl) = 1 OR length(gr) = 1 THEN CASE WHEN gl[1] = gr[1] THEN 1 ELSE 0 END
             WHEN {jw}(gl, gr) >= {given_jw} THEN 2 WHEN gl[1] = gr[1] THEN 1 ELSE 0 END AS l_given,
        CASE WHEN sl = '' OR sr = '' THEN -1 WHEN sl = sr THEN 3
             WHEN {jw}(sl, sr) >= {surname_jw} OR kl = kr THEN 2
             WHEN {jw}(sl, sr) >= {surname_low} THEN 1 ELSE 0 END AS l_surname,
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


_LEVEL_COLUMNS = "l_given, l_surname, l_birth_date, l_address"


def _levels_sql(pairs: str) -> str:
    """``SELECT i, j, l_given, l_surname, l_birth_date, l_address`` for the pairs ``(i, j)`` of table ``pairs``.

    The same levels as `_sql_levels`, computed in stages so that DuckDB evaluates each Jaro-Winkler
    similarity once per pair (an alias used in several CASEs is evaluated again in each), and carrying
    only the columns the levels need. About three times cheaper on a million records.
    """
    jw = "jaro_winkler_similarity"
    given_jw, surname_jw, surname_low = (repr(t - JW_TOLERANCE) for t in (GIVEN_JW, SURNAME_JW, SURNAME_JW_LOW))
    return f"""
        WITH joined AS (
            SELECT p.i, p.j, a.given AS ag, b.given AS bg, a.surname AS asn, b.surname AS bsn,
                a.surname_key AS ak, b.surname_key AS bk, b.given_key AS bgk,
                a.birth_date AS ad, b.birth_date AS bd, a.date_ok AND b.date_ok AS date_ok,
                a.address_ok AND b.address_ok AS address_ok, a.postcode AS apc, b.postcode AS bpc,
                a.house_number AS ahn, b.house_number AS bhn, a.street AS ast, b.street AS bst,
                a.city AS aci, b.city AS bci
            FROM {pairs} p JOIN r a ON a.idx = p.i JOIN r b ON b.idx = p.j
        ), similarity AS (
            SELECT *,
                CASE WHEN ag = '' OR bg = '' THEN 0.0 WHEN ag = bg THEN 1.0 ELSE {jw}(ag, bg) END AS jgg,
                CASE WHEN asn = '' OR bsn = '' THEN 0.0 WHEN asn = bsn THEN 1.0 ELSE {jw}(asn, bsn) END AS jss
            FROM joined
        ), swap AS MATERIALIZED (
            -- Materialised: otherwise DuckDB inlines `swapped` (four similarities) into every expression that
            -- uses it, which costs 20 % more on candidate pairs and six times as much on random pairs.
            SELECT *,
                CASE WHEN ag <> '' AND asn <> '' AND bg <> '' AND bsn <> '' AND jgg < {given_jw} AND jss < {surname_jw}
                     THEN {jw}(ag, bsn) >= {surname_jw} AND {jw}(asn, bg) >= {surname_jw} ELSE false END AS swapped
            FROM similarity
        ), names AS (
            SELECT *,
                CASE WHEN swapped THEN bsn ELSE bg END AS gr, CASE WHEN swapped THEN bg ELSE bsn END AS sr,
                CASE WHEN swapped THEN bgk ELSE bk END AS kr,
                CASE WHEN swapped THEN {jw}(ag, bsn) ELSE jgg END AS jg,
                CASE WHEN swapped THEN {jw}(asn, bg) ELSE jss END AS js
            FROM swap
        )
        SELECT i, j,
            CASE WHEN ag = '' OR gr = '' THEN -1 WHEN ag = gr THEN 3
                 WHEN length(ag) = 1 OR length(gr) = 1 THEN CASE WHEN ag[1] = gr[1] THEN 1 ELSE 0 END
                 WHEN jg >= {given_jw} THEN 2 WHEN ag[1] = gr[1] THEN 1 ELSE 0 END AS l_given,
            CASE WHEN asn = '' OR sr = '' THEN -1 WHEN asn = sr THEN 3
                 WHEN js >= {surname_jw} OR ak = kr THEN 2 WHEN js >= {surname_low} THEN 1 ELSE 0 END AS l_surname,
            CASE WHEN NOT date_ok OR ad = '' OR bd = '' THEN -1 WHEN ad = bd THEN 3
                 WHEN hamming(ad, bd) <= 1 OR (substr(ad, 1, 4) = substr(bd, 1, 4)
                      AND substr(ad, 6, 2) = substr(bd, 9, 2) AND substr(ad, 9, 2) = substr(bd, 6, 2)) THEN 2
                 WHEN substr(ad, 1, 4) = substr(bd, 1, 4) THEN 1 ELSE 0 END AS l_birth_date,
            CASE WHEN NOT address_ok THEN -1
                 WHEN (apc = '' AND ast = '' AND aci = '') OR (bpc = '' AND bst = '' AND bci = '') THEN -1
                 WHEN ahn <> '' AND ahn = bhn
                      AND ((apc <> '' AND apc = bpc) OR (ast <> '' AND ast = bst AND aci <> '' AND aci = bci)) THEN 3
                 WHEN apc <> '' AND apc = bpc THEN 2
                 WHEN (aci <> '' AND aci = bci) OR (apc <> '' AND substr(apc, 1, 4) = substr(bpc, 1, 4)) THEN 1
                 ELSE 0 END AS l_address
        FROM names
    """  # noqa: S608 - built from constants and our own table names


def _patterns(con: duckdb.DuckDBPyConnection, sql: str) -> dict[Levels, int]:
    return {(g, s, d, a): n for g, s, d, a, n in con.execute(sql).fetchall()}


def link(con: duckdb.DuckDBPyConnection, config: LinkConfig, stats: dict[str, Any], fixed: Model | None) -> Scored:
    """Block, compare, estimate (unless ``fixed``) and score the records of table ``r``."""
    started = time.perf_counter()
    con.execute(f"CREATE TEMP TABLE k AS {_KEYS_SQL}")
    # Blocks of 2 to max_block_size records, numbered; then the pairs within each block, once.
    con.execute(
        """
        CREATE TEMP TABLE members AS
        SELECT block, unnest(ids) AS idx FROM (
            SELECT row_number() OVER () AS block, ids FROM (
                SELECT list(idx) AS ids FROM k GROUP BY kind, k1, k2, k3 HAVING count(*) BETWEEN 2 AND ?
            )
        )
        """,
        [config.max_block_size],
    )
    con.execute("DROP TABLE k")
    con.execute("""
        CREATE TEMP TABLE p AS
        SELECT DISTINCT a.idx AS i, b.idx AS j FROM members a JOIN members b ON a.block = b.block AND a.idx < b.idx
    """)
    con.execute("DROP TABLE members")
    row = con.execute("SELECT count(*) FROM p").fetchone()
    stats["candidates"] = int(row[0]) if row else 0
    stats["blocking_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    con.execute(f"CREATE TEMP TABLE c AS {_levels_sql('p')}")
    con.execute("DROP TABLE p")
    stats["compare_s"] = round(time.perf_counter() - started, 2)
    n_records = len(ids := [str(v) for v in con.execute("SELECT id FROM r ORDER BY idx").fetchnumpy()["id"]])
    model = fixed
    if model is None:
        started = time.perf_counter()
        patterns = _patterns(con, f"SELECT {_LEVEL_COLUMNS}, count(*) FROM c GROUP BY ALL")  # noqa: S608
        random_i, random_j = random_pair_arrays(n_records, RANDOM_PAIRS, config.seed)
        con.register("random_pairs", {"i": random_i, "j": random_j})
        randoms = _patterns(
            con,
            f"SELECT {_LEVEL_COLUMNS}, count(*) FROM ({_levels_sql('random_pairs')}) GROUP BY ALL",  # noqa: S608
        )
        con.unregister("random_pairs")
        model = estimate_model(
            patterns,
            randoms,
            n_records=n_records,
            iterations=config.em_iterations,
            min_pairs=config.min_pairs_for_em,
        )
        stats["estimate_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    # The scores are `scoring.score_of` for every level pattern, so they are the Python engine's to the
    # bit; SQL only picks the pairs whose pattern scores at or above the threshold.
    scores = pattern_scores(model)
    kept = [(*levels, score) for levels, score in scores.items() if score >= config.threshold]
    columns = list(zip(*kept, strict=True)) if kept else [(), (), (), (), ()]
    con.register(
        "kept",
        {
            "g": np.array(columns[0], dtype=np.int64),
            "s": np.array(columns[1], dtype=np.int64),
            "d": np.array(columns[2], dtype=np.int64),
            "a": np.array(columns[3], dtype=np.int64),
            "score": np.array(columns[4], dtype=np.float64),
        },
    )
    result = con.execute("""
        SELECT c.i, c.j, kept.score, c.l_given, c.l_surname, c.l_birth_date, c.l_address
        FROM c JOIN kept ON c.l_given = kept.g AND c.l_surname = kept.s AND c.l_birth_date = kept.d
            AND c.l_address = kept.a
        ORDER BY c.i, c.j
    """).fetchnumpy()
    con.unregister("kept")
    stats["score_s"] = round(time.perf_counter() - started, 2)
    levels = np.stack([result[f"l_{f}"].astype(np.int64) for f in FEATURES], axis=1) if len(result["i"]) else None
    return Scored(
        ids=ids,
        model=model,
        i=result["i"].astype(np.int64),
        j=result["j"].astype(np.int64),
        score=result["score"].astype(np.float64),
        levels=levels if levels is not None else np.zeros((0, 4), dtype=np.int64),
    )
