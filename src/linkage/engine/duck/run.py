# SPDX-License-Identifier: EUPL-1.2
"""`link` on DuckDB: block, compare, estimate (EM in Python over the level patterns) and score."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import _duckdb as duckdb  # the compiled module only: `tables.DRIVER`
import numpy as np
import numpy.typing as npt

from ..blocking import KEYS, cut_off_names, key_name
from ..frequency import CutOffs
from ..records import LinkConfig
from ..scoring import (
    RANDOM_PAIRS,
    Model,
    adjusted_score,
    estimate_model,
    pattern_scores,
    random_pair_arrays,
    tf_tables,
)
from .sql import _levels_sql, keys_sql, level_columns
from .tables import one_thread

__all__ = ["RANDOM_PAIRS", "Scored", "link"]

Levels = tuple[int, ...]
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
    levels: npt.NDArray[np.int64]  # shape (pairs, features)
    adjust_given: npt.NDArray[np.float64]  # the term-frequency adjustments in bits, 0 where there is none
    adjust_surname: npt.NDArray[np.float64]


def _patterns(con: duckdb.DuckDBPyConnection, sql: str) -> dict[Levels, int]:
    return {tuple(row[:-1]): row[-1] for row in con.execute(sql).fetchall()}


def link(
    con: duckdb.DuckDBPyConnection,
    config: LinkConfig,
    cut: CutOffs,
    stats: dict[str, Any],
    fixed: Model | None,
    progress: Callable[[str], None] = lambda phase: None,
    sources: Mapping[str, str] | None = None,
) -> Scored:
    """Block, compare, estimate (unless ``fixed``) and score the records of table ``r`` (flagged by the
    frequency cut-offs ``cut``); ``progress`` is
    called with the name of each phase as it starts."""
    progress("blocking")
    started = time.perf_counter()
    n_ids = len(config.identifiers)
    # One kind of key at a time (holding all keys of all records at once set the peak memory of a run):
    # blocks of 2 to max_block_size records, numbered; the pairs within each block; the records of the
    # blocks skipped for their size. Then each pair once.
    con.execute("CREATE TEMP TABLE pp (i INTEGER, j INTEGER)")
    con.execute("CREATE TEMP TABLE big (kind TINYINT, idx INTEGER)")
    for query in keys_sql(n_ids):
        con.execute(f"CREATE TEMP TABLE k AS {query}")
        con.execute(
            """
            INSERT INTO big SELECT kind, idx FROM k WHERE (kind, k1, k2, k3) IN (
                SELECT (kind, k1, k2, k3) FROM k GROUP BY ALL HAVING count(*) > ?)
            """,
            [config.max_block_size],
        )
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
            INSERT INTO pp SELECT DISTINCT a.idx, b.idx
            FROM members a JOIN members b ON a.block = b.block AND a.idx < b.idx
        """)
        con.execute("DROP TABLE members")
    address, birth, block = cut_off_names(cut, config)
    row = con.execute(
        """
        SELECT count(*) FILTER (WHERE address_crowded), count(*) FILTER (WHERE NOT date_ok),
            (SELECT count(DISTINCT idx) FROM big)
        FROM r
        """
    ).fetchone()
    stats["cut_offs"] = dict(zip((address, birth, block), (int(v) for v in row or (0, 0, 0)), strict=True))
    kinds = [*KEYS, *(f"id{k}" for k in range(n_ids))]  # kind 1 is KEYS[0]
    by_kind = con.execute("SELECT kind, count(DISTINCT idx) FROM big GROUP BY kind").fetchall()
    stats["cut_offs_by_key"] = dict(
        sorted((key_name(kinds[kind - 1], config.identifiers), int(n)) for kind, n in by_kind)
    )
    con.execute("CREATE TEMP TABLE p AS SELECT DISTINCT i, j FROM pp")
    con.execute("DROP TABLE pp")
    con.execute("DROP TABLE big")
    if sources is not None:
        # Link mode: only pairs of records from different sources.
        con.register(
            "sources_input",
            {"id": np.array(list(sources), dtype=object), "source": np.array(list(sources.values()), dtype=object)},
        )
        con.execute("""
            CREATE TEMP TABLE src AS
            SELECT r.idx, coalesce(s.source, '') AS source FROM r LEFT JOIN sources_input s ON s.id = r.id
        """)
        con.unregister("sources_input")
        con.execute("""
            CREATE TEMP TABLE p_linked AS
            SELECT p.i, p.j FROM p JOIN src a ON a.idx = p.i JOIN src b ON b.idx = p.j WHERE a.source <> b.source
        """)
        con.execute("DROP TABLE p")
        con.execute("ALTER TABLE p_linked RENAME TO p")
    row = con.execute("SELECT count(*) FROM p").fetchone()
    stats["candidates"] = int(row[0]) if row else 0
    stats["blocking_s"] = round(time.perf_counter() - started, 2)
    progress("comparing")
    started = time.perf_counter()
    con.execute(f"CREATE TEMP TABLE c AS {_levels_sql('p', n_ids)}")
    con.execute("DROP TABLE p")
    stats["compare_s"] = round(time.perf_counter() - started, 2)
    n_records = len(ids := [str(v) for v in con.execute("SELECT id FROM r ORDER BY idx").fetchnumpy()["id"]])
    model = fixed
    if model is None:
        progress("estimating")
        started = time.perf_counter()
        patterns = _patterns(con, f"SELECT {level_columns(n_ids)}, count(*) FROM c GROUP BY ALL")  # noqa: S608
        random_i, random_j = random_pair_arrays(n_records, RANDOM_PAIRS, config.seed)
        con.register("random_pairs", {"i": random_i, "j": random_j})
        randoms = _patterns(
            con,
            f"SELECT {level_columns(n_ids)}, count(*) FROM ({_levels_sql('random_pairs', n_ids)}) GROUP BY ALL",  # noqa: S608
        )
        con.unregister("random_pairs")
        model = estimate_model(
            patterns,
            randoms,
            n_records=n_records,
            iterations=config.em_iterations,
            min_pairs=config.min_pairs_for_em,
            features=config.features,
        )
        stats["estimate_s"] = round(time.perf_counter() - started, 2)
    progress("scoring")
    started = time.perf_counter()
    scored = _score(con, config, model, n_records)
    stats["score_s"] = round(time.perf_counter() - started, 2)
    return Scored(ids=ids, model=model, **scored)


def _score(con: duckdb.DuckDBPyConnection, config: LinkConfig, model: Model, n_records: int) -> dict[str, Any]:
    """The pairs of table ``c`` at or above the threshold, with their scores, levels and adjustments.

    The score of a level pattern is `scoring.score_of`, computed in Python for every pattern, and the
    term-frequency adjustments are computed in Python for every distinct name (`scoring.tf_tables`) and
    applied where `scoring.tf_applies` says (the conditions are repeated in the SQL below); SQL
    joins them to the pairs and keeps those that may reach the threshold, and the final score is
    `scoring.adjusted_score` in Python again - so the scores are the Python engine's to the bit.
    """
    features = model.features
    columns = [f"l_{f}" for f in ("given", "surname", "birth_date", "address")]
    columns += [f"l_id{k}" for k in range(len(features) - len(columns))]
    counts = {
        feature: dict(con.execute(f"SELECT {feature}, count(*) FROM r GROUP BY ALL").fetchall())  # noqa: S608
        for feature in ("given", "surname")
    }
    tf = tf_tables(config, model, n_records, counts)
    most = {f: max([0.0, *tf[f].values()]) for f in tf}
    patterns = list(pattern_scores(model).items())
    table: dict[str, Any] = {
        column: np.array([levels[k] for levels, _ in patterns], dtype=np.int64) for k, column in enumerate(columns)
    }
    table["pattern_score"] = np.array([score for _, score in patterns], dtype=np.float64)
    con.register("patterns", table)
    for feature, values in tf.items():
        con.register(
            f"tf_{feature}",
            {
                "value": np.array(list(values), dtype=object),
                "adjust": np.array(list(values.values()), dtype=np.float64),
            },
        )
    join = " AND ".join(f"c.{column} = q.{column}" for column in columns)
    # Only the pairs whose score, adjustments included, may reach the threshold leave DuckDB (the margin
    # covers the rounding of `scoring.adjusted_score`, which then decides in Python): a fifth of the
    # candidate pairs on the hard profile, where fetching them all set the peak memory of the run.
    with one_thread(con):  # joins of many columns (`tables.one_thread`)
        result = con.execute(
            f"""
            WITH hopeful AS (
                SELECT c.*, q.pattern_score FROM c JOIN patterns q ON {join}
                WHERE q.pattern_score + CASE WHEN c.l_given = 3 THEN ? ELSE 0 END
                    + CASE WHEN c.l_surname = 3 AND c.l_address < 2 THEN ? ELSE 0 END >= ? - 0.001
            ), adjusted AS (
                SELECT h.*, CASE WHEN h.l_given = 3 THEN coalesce(tg.adjust, 0) ELSE 0 END AS adjust_given,
                    CASE WHEN h.l_surname = 3 AND h.l_address < 2 THEN coalesce(ts.adjust, 0) ELSE 0 END
                        AS adjust_surname
                FROM hopeful h JOIN r a ON a.idx = h.i
                    LEFT JOIN tf_given tg ON tg.value = a.given LEFT JOIN tf_surname ts ON ts.value = a.surname
            )
            SELECT * FROM adjusted WHERE pattern_score + adjust_given + adjust_surname >= ? - 0.001
            """,  # noqa: S608 - built from our own column names
            [most["given"], most["surname"], config.threshold, config.threshold],
        ).fetchnumpy()
    for name in ("patterns", "tf_given", "tf_surname"):
        con.unregister(name)
    con.execute("DROP TABLE c")  # the pairs are in Python now; freed before clustering builds the result
    adjust_g = result["adjust_given"].astype(np.float64)
    adjust_s = result["adjust_surname"].astype(np.float64)
    score = np.array(
        [
            adjusted_score(p, g, s)
            for p, g, s in zip(result["pattern_score"].tolist(), adjust_g.tolist(), adjust_s.tolist(), strict=True)
        ],
        dtype=np.float64,
    )
    # Sorted by (i, j) here rather than by ORDER BY, and only the pairs kept.
    i, j = result["i"].astype(np.int64), result["j"].astype(np.int64)
    keep = np.flatnonzero(score >= config.threshold)
    keep = keep[np.lexsort((j[keep], i[keep]))]
    levels = np.stack([result[c].astype(np.int64)[keep] for c in columns], axis=1)
    return {
        "i": i[keep],
        "j": j[keep],
        "score": score[keep],
        "levels": levels.reshape(len(keep), len(columns)),
        "adjust_given": adjust_g[keep],
        "adjust_surname": adjust_s[keep],
    }
