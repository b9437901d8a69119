# SPDX-License-Identifier: EUPL-1.2
"""The run on Spark: `score_pairs_spark` (the scored pairs stay on Spark) and `link_records_spark` (the
engine's `LinkResult`, clustered on the driver)."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F  # noqa: N812 - the name every Spark user reads

from ..batch import LinkResult, _fixed_model
from ..cluster import cluster_pairs
from ..records import DEFAULT, FEATURES, Judgement, LinkConfig, PersonRecord, ScoredPair
from ..scoring import DEFAULT_MODEL, RANDOM_PAIRS, Model, estimate_model, pattern_scores, random_pair_arrays
from .levels import level_case_sql, splink_settings
from .prepare import _prepare
from .session import local_session, register_functions

__all__ = ["MARGIN", "SparkScored", "link_records_spark", "score_pairs_spark"]

Levels = tuple[int, ...]

#: Splink sums unrounded weights; our score rounds every term to 4 decimals (5 terms and the sum: at most
#: 0.0003 bits apart). Splink keeps pairs down to this far below the threshold; the exact cut is ours.
MARGIN = 0.001
_PAIR_SCHEMA = "id_a string, id_b string, " + ", ".join(f"l_{f} int" for f in FEATURES)


@dataclass
class SparkScored:
    """The outcome of `score_pairs_spark`, still on Spark.

    ``pairs`` has one row per pair at or above the threshold: ``id_a < id_b``, ``score`` (exactly
    `scoring.score_of` of the levels) and the levels ``l_given``, ``l_surname``, ``l_birth_date``,
    ``l_address``. ``records`` holds the normalised records with their usability flags and blocking keys.
    Call `release` when done: both are cached.
    """

    pairs: DataFrame
    records: DataFrame
    model: Model
    stats: dict[str, Any] = field(default_factory=dict)
    cached: list[DataFrame] = field(default_factory=list, repr=False)
    splink_api: Any = field(default=None, repr=False)

    def release(self) -> None:
        """Drop what this run cached (Splink's tables included)."""
        if self.splink_api is not None:
            self.splink_api.delete_tables_created_by_splink_from_db()
            self.splink_api = None
        for frame in self.cached:
            frame.unpersist()
        self.cached.clear()


def _level_columns(prefix: str = "gamma_") -> list[Any]:
    return [F.col(f"{prefix}{feature}").cast("int").alias(f"l_{feature}") for feature in FEATURES]


def _pattern_counts(frame: DataFrame) -> Counter[Levels]:
    level_columns = [f"l_{feature}" for feature in FEATURES]
    counter: Counter[Levels] = Counter()
    for row in frame.groupBy(*level_columns).count().collect():
        counter[(row[0], row[1], row[2], row[3])] = int(row["count"])
    return counter


def score_pairs_spark(
    records_or_csv_path: Iterable[PersonRecord] | str | os.PathLike[str] | DataFrame,
    *,
    config: LinkConfig = DEFAULT,
    model: Model | None = None,
    spark: SparkSession | None = None,
    columns: Mapping[str, str] | None = None,
) -> SparkScored:
    """Normalise, block, compare and score on Spark; the pairs stay a Spark DataFrame.

    ``records_or_csv_path`` is a list of `PersonRecord`, a CSV path (read by Spark, so it may be a
    directory or an ``hdfs://``/``s3a://`` URL) or a Spark DataFrame; for the last two ``columns`` maps
    `PersonRecord` fields to column names as in `batch.read_person_csv`. Record ids must be unique.
    """
    from splink import Linker
    from splink.backends.spark import SparkAPI

    if config.identifiers:
        msg = "identifier columns are not supported on Spark; link them with the DuckDB engine"
        raise ValueError(msg)
    spark = spark or SparkSession.getActiveSession() or local_session()
    register_functions(spark)
    stats: dict[str, Any] = {"engine": "spark", "spark": spark.version}
    started = time.perf_counter()
    records = _prepare(spark, records_or_csv_path, config, columns)
    counts = records.agg(F.count("*").alias("n"), F.countDistinct("id").alias("ids")).first()
    n_records = int(counts["n"]) if counts else 0
    if counts and counts["ids"] != n_records:
        records.unpersist()
        msg = f"record ids must be unique: {n_records} records, {counts['ids']} distinct ids"
        raise ValueError(msg)
    stats["records"] = n_records
    stats["prepare_s"] = round(time.perf_counter() - started, 2)

    started = time.perf_counter()
    fixed = model or _fixed_model(config)
    # Without a fixed model Splink only computes the levels (its m/u are then placeholders); the model is
    # estimated from the level patterns afterwards, as the other engines do.
    settings = splink_settings(fixed or Model(mu=DEFAULT_MODEL, prior=1e-5))
    # Splink's own similarity UDF jar is not registered: its Jaro-Winkler is not ours (see the package doc).
    # (cast: SparkAPI is untyped, and absent from environments without the `spark` group.)
    splink_api = cast(Any, SparkAPI)(
        spark_session=spark, break_lineage_method="persist", register_udfs_automatically=False
    )
    result = SparkScored(pairs=records, records=records, model=fixed or Model(DEFAULT_MODEL, 1e-5), stats=stats)
    result.cached.append(records)
    result.splink_api = splink_api
    try:
        if n_records < 2:  # nothing to compare (and Splink wants at least two records)
            compared = spark.createDataFrame([], _PAIR_SCHEMA)
        else:
            linker = Linker(splink_api.register(records), settings, log_level=None)
            predicted = linker.inference.predict(
                threshold_match_weight=None if fixed is None else config.threshold - MARGIN, warning_mode="never"
            )
            compared = predicted.as_spark_dataframe().select(
                F.col("id_l").alias("id_a"), F.col("id_r").alias("id_b"), *_level_columns()
            )
        model = fixed
        if model is None:
            compared = compared.persist()
            result.cached.append(compared)
            patterns = _pattern_counts(compared)
            stats["candidates"] = sum(patterns.values())
            randoms: Counter[Levels] = Counter()
            if stats["candidates"] >= config.min_pairs_for_em:  # else the defaults are used, as elsewhere
                randoms = _random_pattern_counts(spark, records, n_records, config)
            model = estimate_model(
                patterns,
                randoms,
                n_records=n_records,
                iterations=config.em_iterations,
                min_pairs=config.min_pairs_for_em,
            )
        # The score of each level pattern is `scoring.score_of`, computed in Python: Spark only picks the
        # pairs whose pattern scores at or above the threshold, so scores equal the other engines' exactly.
        kept = [(*levels, score) for levels, score in pattern_scores(model).items() if score >= config.threshold]
        kept_frame = spark.createDataFrame(kept, ", ".join(f"l_{f} int" for f in FEATURES) + ", score double")
        result.pairs = compared.join(F.broadcast(kept_frame), [f"l_{f}" for f in FEATURES]).select(
            "id_a", "id_b", "score", *[f"l_{f}" for f in FEATURES]
        )
        result.model = model
    except BaseException:
        result.release()
        raise
    stats["score_s"] = round(time.perf_counter() - started, 2)
    return result


def _positions(spark: SparkSession, ordered: DataFrame) -> DataFrame:
    """``(pos, id)``: every record's index in id order, from ``ordered`` (ids sorted, with the columns ``p``
    = `spark_partition_id` and ``m`` = `monotonically_increasing_id`, cached), with no single partition."""
    offsets, total = [], 0
    for row in sorted(ordered.groupBy("p").count().collect()):
        offsets.append((int(row["p"]), total))
        total += int(row["count"])
    offset_frame = spark.createDataFrame(offsets, "p int, offset long")
    # monotonically_increasing_id() holds the partition index from bit 33 up and the row number below it.
    return ordered.join(F.broadcast(offset_frame), "p").select(
        (F.col("offset") + F.col("m") - F.shiftleft(F.col("p").cast("long"), 33)).alias("pos"), "id"
    )


def _random_pattern_counts(
    spark: SparkSession, records: DataFrame, n_records: int, config: LinkConfig
) -> Counter[Levels]:
    """Level patterns of the seeded random pairs of `scoring.random_pair_arrays` (indices in id order)."""
    random_i, random_j = random_pair_arrays(n_records, RANDOM_PAIRS, config.seed)
    if not len(random_i):
        return Counter()
    ordered = (
        records.select("id")
        .orderBy("id")
        .select("id", F.spark_partition_id().alias("p"), F.monotonically_increasing_id().alias("m"))
        .persist()
    )
    try:
        positions = _positions(spark, ordered)
        drawn = spark.createDataFrame(pa.table({"i": pa.array(random_i), "j": pa.array(random_j)}))
        values = [c for c in records.columns if not c.startswith("bk_")]
        left = records.select(*[F.col(c).alias(f"{c}_l") for c in values])
        right = records.select(*[F.col(c).alias(f"{c}_r") for c in values])
        joined = (
            drawn.join(positions.select(F.col("pos").alias("i"), F.col("id").alias("id_l")), "i")
            .join(positions.select(F.col("pos").alias("j"), F.col("id").alias("id_r")), "j")
            .join(left, "id_l")
            .join(right, "id_r")
        )
        return _pattern_counts(joined.select(*[F.expr(level_case_sql(f)).alias(f"l_{f}") for f in FEATURES]))
    finally:
        ordered.unpersist()


def link_records_spark(
    records_or_csv_path: Iterable[PersonRecord] | str | os.PathLike[str] | DataFrame,
    *,
    config: LinkConfig = DEFAULT,
    model: Model | None = None,
    judgements: Iterable[Judgement] = (),
    spark: SparkSession | None = None,
    columns: Mapping[str, str] | None = None,
) -> LinkResult:
    """`batch.link_records` on Spark: the same pairs, scores, explanations and clusters.

    ``config.engine``, ``duckdb_from`` and ``threads`` do not apply; identifier columns and term-frequency
    adjustments are not supported on Spark (identifiers are refused; names weigh the same however common
    they are, as with ``term_frequencies=False`` on the other engines). Everything else applies. See
    `score_pairs_spark` for the input forms. The pairs at or above the threshold and the record ids are
    brought to the driver, where `cluster.cluster_pairs` clusters them with the judgements.
    """
    started = time.perf_counter()
    scored = score_pairs_spark(records_or_csv_path, config=config, model=model, spark=spark, columns=columns)
    try:
        step = time.perf_counter()
        weights = scored.model.weights()
        prior_weight = scored.model.prior_weight
        pairs = [
            ScoredPair(
                row["id_a"],
                row["id_b"],
                row["score"],
                (row["l_given"], row["l_surname"], row["l_birth_date"], row["l_address"]),
                weights,
                prior_weight,
            )
            for row in scored.pairs.collect()
        ]
        pairs.sort(key=lambda p: (p.id_a, p.id_b))
        ids = sorted(row["id"] for row in scored.records.select("id").collect())
        scored.stats["collect_s"] = round(time.perf_counter() - step, 2)
    finally:
        scored.release()
    step = time.perf_counter()
    clusters, conflicts = cluster_pairs(
        ids, [(p.id_a, p.id_b, p.score) for p in pairs], judgements, threshold=config.threshold
    )
    stats = {
        **scored.stats,
        "pairs": len(pairs),
        "cluster_s": round(time.perf_counter() - step, 2),
        "total_s": round(time.perf_counter() - started, 2),
    }
    return LinkResult(pairs=pairs, clusters=clusters, model=scored.model, conflicts=conflicts, stats=stats)
