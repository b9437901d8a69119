# SPDX-License-Identifier: EUPL-1.2
"""`link` on DuckDB: block, compare, estimate (EM in Python over the level patterns) and score."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt

from ..blocking import cut_off_names
from ..records import FEATURES, LinkConfig
from ..scoring import Model, estimate_model, pattern_scores, random_pair_arrays
from .sql import _KEYS_SQL, _LEVEL_COLUMNS, _levels_sql

__all__ = ["RANDOM_PAIRS", "Scored", "link"]

RANDOM_PAIRS = 200_000  # random pairs for u, in both engines
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


def _patterns(con: duckdb.DuckDBPyConnection, sql: str) -> dict[Levels, int]:
    return {(g, s, d, a): n for g, s, d, a, n in con.execute(sql).fetchall()}


def link(
    con: duckdb.DuckDBPyConnection,
    config: LinkConfig,
    stats: dict[str, Any],
    fixed: Model | None,
    progress: Callable[[str], None] = lambda phase: None,
    sources: Mapping[str, str] | None = None,
) -> Scored:
    """Block, compare, estimate (unless ``fixed``) and score the records of table ``r``; ``progress`` is
    called with the name of each phase as it starts."""
    progress("blocking")
    started = time.perf_counter()
    con.execute(f"CREATE TEMP TABLE k AS {_KEYS_SQL}")
    address, birth, block = cut_off_names(config)
    row = con.execute(
        """
        SELECT count(*) FILTER (WHERE address_crowded), count(*) FILTER (WHERE NOT date_ok),
            (SELECT count(DISTINCT idx) FROM k WHERE (kind, k1, k2, k3) IN (
                SELECT (kind, k1, k2, k3) FROM k GROUP BY ALL HAVING count(*) > ?))
        FROM r
        """,
        [config.max_block_size],
    ).fetchone()
    stats["cut_offs"] = dict(zip((address, birth, block), (int(v) for v in row or (0, 0, 0)), strict=True))
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
    con.execute(f"CREATE TEMP TABLE c AS {_levels_sql('p')}")
    con.execute("DROP TABLE p")
    stats["compare_s"] = round(time.perf_counter() - started, 2)
    n_records = len(ids := [str(v) for v in con.execute("SELECT id FROM r ORDER BY idx").fetchnumpy()["id"]])
    model = fixed
    if model is None:
        progress("estimating")
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
    progress("scoring")
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
