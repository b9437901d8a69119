# SPDX-License-Identifier: EUPL-1.2
"""The same linkage model on Spark, for national scale: Splink's Spark back end with our levels and m/u.

What runs where (see ``docs/correlation-spark.md``):

1. *Normalisation* on the Spark workers: an Arrow UDF calls `records.normalise_record` (the engine's own
   Python normalisers) on batches of raw records, so a CSV of millions of rows is never on the driver.
2. *Usability* (exclusion list and frequency cut-offs of `blocking.usability`) as Spark aggregations.
3. *Blocking keys* on the workers by `blocking.block_keys` itself, one column per key kind; a key held by
   more than `LinkConfig.max_block_size` records is set to NULL, which is how "skip large blocks" is
   reproduced: Splink then blocks on ``l.bk_<kind> = r.bk_<kind>`` for every kind in `blocking.KEYS`.
4. *Comparison levels* as Splink custom SQL levels generated below from the thresholds in `scoring`
   (the Spark SQL twin of `scoring.compare`, as `duck._sql_levels` is the DuckDB one). Jaro-Winkler is
   `scoring.jaro_winkler` itself, registered as a vectorised (Arrow) Spark SQL function: the similarity
   UDF jar that Splink ships uses Apache Commons Text, which counts half transpositions differently and
   disagrees with DuckDB and rapidfuzz on about 6 % of near-identical name pairs, so it is not used.
5. *Scoring*: the m/u of every level are fixed from our `scoring.Model` (Splink trains nothing) and
   Splink predicts at the threshold (less `MARGIN`, as it does not round like we do). The score of a pair
   is then taken from `scoring.pattern_scores` by its four levels, so it is `scoring.score_of`, the
   number the other engines give, to the bit. Without a fixed model the model is estimated as the other
   engines do it: the level patterns of all candidate pairs and of the seeded random pairs are counted
   on Spark and `scoring.estimate_model` runs on the driver over those counts.
6. *Clustering* on the driver with `cluster.cluster_pairs` (judgements win), over the pairs at or above
   the threshold: those are few compared with the candidate pairs.

Entry points: `link_records_spark` (returns the engine's `LinkResult`), `score_pairs_spark` (the scored
pairs as a Spark DataFrame, for runs whose pairs should stay on the cluster), `local_session`, and the
command line ``python -m weerbaar.correlation.engine.spark INPUT.csv --out pairs.csv`` with the options of
``python -m weerbaar.correlation.engine`` plus ``--master`` and ``--model``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F  # noqa: N812 - the name every Spark user reads
from pyspark.sql.pandas.functions import arrow_udf
from pyspark.sql.types import DataType, DoubleType, StringType, StructField, StructType
from pyspark.util import PythonEvalType

from .batch import DEFAULT_COLUMNS, RANDOM_PAIRS, LinkResult, _fixed_model, add_cli_arguments, write_pairs_csv
from .blocking import KEYS, address_key, block_keys
from .cluster import cluster_pairs
from .records import DEFAULT, FEATURES, Judgement, LinkConfig, Normalised, PersonRecord, ScoredPair, normalise_record
from .records import phonetic_key as _phonetic_key
from .scoring import (
    DEFAULT_MODEL,
    GIVEN_JW,
    JW_TOLERANCE,
    SURNAME_JW,
    SURNAME_JW_LOW,
    Model,
    estimate_model,
    jaro_winkler,
    pattern_scores,
    random_pair_arrays,
)

__all__ = [
    "JW_FUNCTION",
    "SparkScored",
    "level_case_sql",
    "level_conditions",
    "link_records_spark",
    "local_session",
    "main",
    "model_from_dict",
    "read_csv_spark",
    "register_functions",
    "score_pairs_spark",
    "splink_settings",
]

Levels = tuple[int, int, int, int]

#: Name under which `scoring.jaro_winkler` is registered as a Spark SQL function.
JW_FUNCTION = "weerbaar_jaro_winkler"
#: Splink sums unrounded weights; our score rounds every term to 4 decimals (5 terms and the sum: at most
#: 0.0003 bits apart). Splink keeps pairs down to this far below the threshold; the exact cut is ours.
MARGIN = 0.001
_EPS = 1e-6  # the clamp of `scoring.Model.weight`

_RAW_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PersonRecord))
_NORMALISED_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Normalised))
# Columns the levels read besides the `Normalised` fields: the phonetic key of the given name (for swapped
# names), the address key and the usability flags.
_EXTRA_TEXT = ("given_key", "address_key")
_NORMALISED_SCHEMA = StructType([StructField(n, StringType()) for n in (*_NORMALISED_FIELDS, *_EXTRA_TEXT)])
_KEY_SCHEMA = StructType([StructField(f"bk_{kind}", StringType()) for kind in KEYS])
_PAIR_SCHEMA = "id_a string, id_b string, " + ", ".join(f"l_{f} int" for f in FEATURES)


# --- Spark session ---------------------------------------------------------------------------------------


def local_session(
    *, master: str = "local[2]", work_dir: str | os.PathLike[str] | None = None, app_name: str = "weerbaar-link"
) -> SparkSession:
    """A Spark session on this machine, with everything it writes under ``work_dir`` (a new temp dir if None).

    Several of these may run at once (e.g. pytest-xdist workers): the UI is off, every port is chosen by
    the OS, and scratch, warehouse and checkpoint directories are private to the session. The Python
    workers run this interpreter with this source tree on their path.
    """
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        msg = "Spark needs a Java runtime (17 or 21): e.g. 'apt-get install default-jre-headless'"
        raise RuntimeError(msg)
    root = Path(work_dir) if work_dir is not None else Path(tempfile.mkdtemp(prefix="weerbaar-spark-"))
    root.mkdir(parents=True, exist_ok=True)
    # The driver's Python is the workers' Python; a different minor version is refused by PySpark.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    source_root = str(Path(__file__).resolve().parents[3])
    python_path = os.pathsep.join(p for p in (source_root, os.environ.get("PYTHONPATH", "")) if p)
    spark = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.local.dir", str(root / "local"))
        .config("spark.sql.warehouse.dir", str(root / "warehouse"))
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.executorEnv.PYTHONPATH", python_path)
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setCheckpointDir(str(root / "checkpoints"))
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _arrow_udf(function: Callable[..., pa.Array], return_type: DataType) -> Any:
    """A vectorised Python function for Spark SQL: it receives and returns Arrow arrays of a batch of rows."""
    with warnings.catch_warnings():
        # PySpark would rather infer the kind from type hints; stating it keeps the typing exact.
        warnings.filterwarnings("ignore", "It is preferred to specify type hints", UserWarning)
        return arrow_udf(function, return_type, PythonEvalType.SQL_SCALAR_ARROW_UDF)


def _jaro_winkler_batch(left: pa.Array, right: pa.Array) -> pa.Array:
    return pa.array(
        [jaro_winkler(a or "", b or "") for a, b in zip(left.to_pylist(), right.to_pylist(), strict=True)],
        pa.float64(),
    )


def register_functions(spark: SparkSession) -> None:
    """Register `scoring.jaro_winkler` as the SQL function `JW_FUNCTION` (used by the level SQL)."""
    spark.udf.register(JW_FUNCTION, _arrow_udf(_jaro_winkler_batch, DoubleType()))


# --- Comparison levels as Spark SQL ------------------------------------------------------------------------


def _jw(left: str, right: str) -> str:
    return f"{JW_FUNCTION}({left}, {right})"


def _at_least(similarity: str, threshold: float) -> str:
    """`scoring.at_least` in SQL: the same double (threshold less `scoring.JW_TOLERANCE`) as Python uses."""
    return f"{similarity} >= CAST({threshold - JW_TOLERANCE!r} AS DOUBLE)"


def _hamming(left: str, right: str, length: int = 10) -> str:
    """Positions at which two ISO dates (always 10 characters) differ."""
    terms = (f"IF(substring({left}, {k}, 1) <> substring({right}, {k}, 1), 1, 0)" for k in range(1, length + 1))
    return "(" + " + ".join(terms) + ")"


def level_conditions() -> dict[str, list[tuple[int, str]]]:
    """Per feature, the levels in the order they are tried, with a Spark SQL condition on ``<col>_l/_r``.

    The first entry is the "missing" level -1; the last condition is ``ELSE``. This is `scoring.compare`
    (with `scoring.is_swapped`) written as SQL, like `duck._sql_levels`; the tests run it against
    `scoring.compare` on generated data.
    """
    gl, sl, gr, sr = "given_l", "surname_l", "given_r", "surname_r"
    swapped = (
        f"({gl} <> '' AND {sl} <> '' AND {gr} <> '' AND {sr} <> '' "
        f"AND NOT ({_at_least(_jw(gl, gr), GIVEN_JW)}) AND NOT ({_at_least(_jw(sl, sr), SURNAME_JW)}) "
        f"AND {_at_least(_jw(gl, sr), SURNAME_JW)} AND {_at_least(_jw(sl, gr), SURNAME_JW)})"
    )

    def pick(if_swapped: str, otherwise: str) -> str:
        return f"(CASE WHEN {swapped} THEN {if_swapped} ELSE {otherwise} END)"

    # The other side's given name, surname and surname key after undoing a swap, and the similarities that
    # use them - written as a choice between two plain calls, so that only four distinct calls remain.
    given_r, surname_r, key_r = pick(sr, gr), pick(gr, sr), pick("given_key_r", "surname_key_r")
    given_jw, surname_jw = pick(_jw(gl, sr), _jw(gl, gr)), pick(_jw(sl, gr), _jw(sl, sr))

    bd_l, bd_r = "birth_date_l", "birth_date_r"

    def part(column: str, start: int, length: int) -> str:
        return f"substring({column}, {start}, {length})"

    same_year = f"{part(bd_l, 1, 4)} = {part(bd_r, 1, 4)}"
    day_month_swapped = (
        f"({same_year} AND {part(bd_l, 6, 2)} = {part(bd_r, 9, 2)} AND {part(bd_l, 9, 2)} = {part(bd_r, 6, 2)})"
    )

    def no_address(side: str) -> str:
        return f"(postcode_{side} = '' AND street_{side} = '' AND city_{side} = '')"

    return {
        "given": [
            (-1, f"{gl} = '' OR {given_r} = ''"),
            (3, f"{gl} = {given_r}"),
            (2, f"length({gl}) > 1 AND length({given_r}) > 1 AND {_at_least(given_jw, GIVEN_JW)}"),
            (1, f"substring({gl}, 1, 1) = substring({given_r}, 1, 1)"),
            (0, "ELSE"),
        ],
        "surname": [
            (-1, f"{sl} = '' OR {surname_r} = ''"),
            (3, f"{sl} = {surname_r}"),
            (2, f"{_at_least(surname_jw, SURNAME_JW)} OR surname_key_l = {key_r}"),
            (1, _at_least(surname_jw, SURNAME_JW_LOW)),
            (0, "ELSE"),
        ],
        "birth_date": [
            (-1, f"NOT (date_ok_l AND date_ok_r) OR {bd_l} = '' OR {bd_r} = ''"),
            (3, f"{bd_l} = {bd_r}"),
            (2, f"{_hamming(bd_l, bd_r)} <= 1 OR {day_month_swapped}"),
            (1, same_year),
            (0, "ELSE"),
        ],
        "address": [
            (-1, f"NOT (address_ok_l AND address_ok_r) OR {no_address('l')} OR {no_address('r')}"),
            (
                3,
                (
                    "house_number_l <> '' AND house_number_l = house_number_r AND ("
                    "(postcode_l <> '' AND postcode_l = postcode_r) "
                    "OR (street_l <> '' AND street_l = street_r AND city_l <> '' AND city_l = city_r))"
                ),
            ),
            (2, "postcode_l <> '' AND postcode_l = postcode_r"),
            (
                1,
                (
                    "(city_l <> '' AND city_l = city_r) "
                    "OR (postcode_l <> '' AND substring(postcode_l, 1, 4) = substring(postcode_r, 1, 4))"
                ),
            ),
            (0, "ELSE"),
        ],
    }


def level_case_sql(feature: str) -> str:
    """One CASE expression giving the level of ``feature`` (the same conditions Splink evaluates)."""
    whens = [f"WHEN {cond} THEN {level}" for level, cond in level_conditions()[feature] if cond != "ELSE"]
    else_level = next(level for level, cond in level_conditions()[feature] if cond == "ELSE")
    return "(CASE " + " ".join(whens) + f" ELSE {else_level} END)"


def splink_settings(model: Model) -> dict[str, Any]:
    """Splink settings for our model: custom SQL levels, m/u fixed from ``model``, blocking on our key columns.

    Splink numbers the non-null levels from the top down, so its gamma values are our levels; this is
    checked here against the model, so a level added to the engine fails loudly instead of shifting.
    """
    comparisons = []
    for feature in FEATURES:
        conditions = level_conditions()[feature]
        levels = [level for level, _ in conditions]
        if levels[0] != -1 or levels[1:] != sorted(model.mu[feature], reverse=True) or levels[-1] != 0:
            msg = f"Spark levels {levels} of {feature!r} do not match the model's {sorted(model.mu[feature])}"
            raise ValueError(msg)
        comparison_levels: list[dict[str, Any]] = []
        for level, condition in conditions:
            if level == -1:
                comparison_levels.append(
                    {"sql_condition": condition, "label_for_charts": "missing or not usable", "is_null_level": True}
                )
                continue
            m, u = model.mu[feature][level]
            comparison_levels.append(
                {
                    "sql_condition": condition,
                    "label_for_charts": f"level {level}",
                    "m_probability": max(m, _EPS),
                    "u_probability": max(u, _EPS),
                }
            )
        comparisons.append(
            {
                "output_column_name": feature,
                "comparison_description": f"weerbaar {feature} levels",
                "comparison_levels": comparison_levels,
            }
        )
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "id",
        "probability_two_random_records_match": model.prior,
        "blocking_rules_to_generate_predictions": [f"l.bk_{kind} = r.bk_{kind}" for kind in KEYS],
        "comparisons": comparisons,
        # Splink only returns the level (gamma) columns together with the compared values.
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": False,
    }


# --- Input and normalisation ---------------------------------------------------------------------------


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _raw_from_records(spark: SparkSession, records: Iterable[PersonRecord]) -> DataFrame:
    rows = list(records)
    table = pa.table({name: pa.array([_as_text(getattr(r, name)) for r in rows], pa.string()) for name in _RAW_FIELDS})
    return spark.createDataFrame(table)  # through Arrow: much faster than a list of tuples


def _raw_from_frame(frame: DataFrame, columns: Mapping[str, str] | None) -> DataFrame:
    """The `PersonRecord` fields of a DataFrame read from a CSV, mapped as `batch.read_person_csv` maps them."""
    mapping = {**DEFAULT_COLUMNS, **(columns or {})}
    header = set(frame.columns)
    if mapping["id"] not in header:
        msg = f"id column {mapping['id']!r} not in the CSV header {sorted(header)}"
        raise ValueError(msg)
    return frame.select(
        *[
            (F.col(f"`{mapping[name]}`") if mapping[name] in header else F.lit(None)).cast("string").alias(name)
            for name in _RAW_FIELDS
        ]
    )


def read_csv_spark(spark: SparkSession, path: str | os.PathLike[str]) -> DataFrame:
    """A CSV with a header row as all-text columns (RFC 4180 quoting; a UTF-8 byte order mark is dropped).

    Unlike Python's csv module, Spark splits files by line, so a quoted value must not contain a newline.
    """
    frame = spark.read.csv(str(path), header=True, inferSchema=False, quote='"', escape='"', encoding="UTF-8")
    return frame.toDF(*[c.removeprefix("\ufeff") for c in frame.columns])


def _normaliser(strip: bool) -> Any:
    def normalise(*columns: pa.Array) -> pa.Array:
        out: dict[str, list[str]] = {name: [] for name in (*_NORMALISED_FIELDS, *_EXTRA_TEXT)}
        for values in zip(*(c.to_pylist() for c in columns), strict=True):
            if strip:  # exactly what `batch.read_person_csv` does with a CSV row
                cleaned = [(v or "").strip() or None for v in values]
                record = PersonRecord(str(cleaned[0] or ""), *cleaned[1:])
            else:
                record = PersonRecord(*values)
            normalised = normalise_record(record)
            for name in _NORMALISED_FIELDS:
                out[name].append(getattr(normalised, name))
            out["given_key"].append(_phonetic_key(normalised.given) if normalised.given else "")
            out["address_key"].append(address_key(normalised))
        return pa.StructArray.from_arrays([pa.array(values, pa.string()) for values in out.values()], names=list(out))

    return _arrow_udf(normalise, _NORMALISED_SCHEMA)


def _block_keys_batch(*columns: pa.Array) -> pa.Array:
    out: dict[str, list[str | None]] = {kind: [] for kind in KEYS}
    for values in zip(*(c.to_pylist() for c in columns), strict=True):
        record = Normalised(*values[: len(_NORMALISED_FIELDS)])
        found: dict[str, str | None] = dict.fromkeys(KEYS)
        for key in block_keys(record, bool(values[-2]), bool(values[-1])):
            kind = key.partition(":")[0]
            if kind not in found:
                msg = f"blocking key kind {kind!r} is not in blocking.KEYS"
                raise ValueError(msg)
            found[kind] = key
        for kind, value in found.items():
            out[kind].append(value)
    return pa.StructArray.from_arrays(
        [pa.array(out[kind], pa.string()) for kind in KEYS], names=[f"bk_{kind}" for kind in KEYS]
    )


def _frequent(frame: DataFrame, column: str, limit: int) -> list[str]:
    """Values of ``column`` held by more than ``limit`` records (few: they are brought to the driver)."""
    counts = frame.where(F.col(column) != "").groupBy(column).count()
    return [row[0] for row in counts.where(F.col("count") > limit).select(column).collect()]


def _usable(frame: DataFrame, config: LinkConfig) -> DataFrame:
    """`blocking.usability`: may a record's address and birth date block and score?"""
    excluded = {
        address_key(normalise_record(PersonRecord("", postcode=pc, house_number=nr)))
        for pc, nr in config.excluded_addresses
    } - {""}
    excluded.update(_frequent(frame, "address_key", config.max_address_frequency))
    frequent_dates = _frequent(frame, "birth_date", config.max_birth_date_frequency)
    address_ok = (F.col("address_key") == "") | ~F.col("address_key").isin(sorted(excluded))
    date_ok = (F.col("birth_date") == "") | ~F.col("birth_date").isin(frequent_dates)
    return frame.select(*frame.columns, address_ok.alias("address_ok"), date_ok.alias("date_ok"))


def _keyed(frame: DataFrame) -> DataFrame:
    """One column ``bk_<kind>`` per kind of `blocking.KEYS`: the record's key of that kind, or NULL."""
    key_udf = _arrow_udf(_block_keys_batch, _KEY_SCHEMA)
    keys = key_udf(*[F.col(n) for n in _NORMALISED_FIELDS], F.col("address_ok"), F.col("date_ok"))
    return frame.withColumn("bk", keys).select(*frame.columns, *[F.col(f"bk.bk_{k}").alias(f"bk_{k}") for k in KEYS])


def _bounded(keyed: DataFrame, config: LinkConfig) -> DataFrame:
    """NULL instead of a key that more than ``max_block_size`` records share: such a block is skipped."""
    # Keys carry their kind as a prefix ("address:..."), so all kinds are counted in one go.
    every_key = keyed.select(F.explode(F.array(*[F.col(f"bk_{kind}") for kind in KEYS])).alias("key"))
    too_big = _frequent(every_key.where(F.col("key").isNotNull()), "key", config.max_block_size)
    columns = [F.col(c) for c in keyed.columns if not c.startswith("bk_")]
    for kind in KEYS:
        column = F.col(f"bk_{kind}")
        big = sorted(key for key in too_big if key.startswith(f"{kind}:"))
        columns.append((F.when(~column.isin(big), column) if big else column).alias(f"bk_{kind}"))
    return keyed.select(*columns)


# --- The run ---------------------------------------------------------------------------------------------


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


def _prepare(spark: SparkSession, source: Any, config: LinkConfig, columns: Mapping[str, str] | None) -> DataFrame:
    if isinstance(source, DataFrame):
        raw, strip = _raw_from_frame(source, columns), True
    elif isinstance(source, str | os.PathLike):
        raw, strip = _raw_from_frame(read_csv_spark(spark, source), columns), True
    else:
        raw, strip = _raw_from_records(spark, source), False
    normalise = _normaliser(strip)
    normalised = raw.select(normalise(*[F.col(name) for name in _RAW_FIELDS]).alias("n")).select("n.*").persist()
    keyed = _keyed(_usable(normalised, config)).persist()
    # A checkpoint cuts the lineage: Splink's queries read the prepared records many times, and without it
    # each read would plan (and could run) the Python steps again. Reliable when a checkpoint directory is
    # set (as `local_session` does; on a cluster: a directory on HDFS or S3), else kept by the executors.
    bounded = _bounded(keyed, config)
    if spark.sparkContext._jsc.sc().getCheckpointDir().isDefined():  # noqa: SLF001 - no public accessor
        records = bounded.checkpoint(eager=True)
    else:
        records = bounded.localCheckpoint(eager=True)
    keyed.unpersist()
    normalised.unpersist()
    return records


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
    # Splink's own similarity UDF jar is not registered: its Jaro-Winkler is not ours (see the module doc).
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

    ``config.engine``, ``duckdb_from`` and ``threads`` do not apply; everything else does. See
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


# --- Command line ----------------------------------------------------------------------------------------


def model_from_dict(data: Mapping[str, Any]) -> Model:
    """The inverse of `scoring.Model.as_dict` (what ``LinkResult.model.as_dict()`` stored as JSON)."""
    mu = {
        feature: {int(level): (float(pair[0]), float(pair[1])) for level, pair in levels.items()}
        for feature, levels in data["mu"].items()
    }
    return Model(mu=mu, prior=float(data["prior"]))


def _session(master: str | None) -> SparkSession:
    """Under spark-submit (which starts the JVM and sets the master) its session; otherwise a local one."""
    if os.environ.get("PYSPARK_GATEWAY_PORT") and master is None:
        spark = SparkSession.getActiveSession() or SparkSession.builder.appName("weerbaar-link").getOrCreate()
        spark.sparkContext.setLogLevel("WARN")  # spark-submit's console default (INFO) buries the summary
        return spark
    return SparkSession.getActiveSession() or local_session(master=master or "local[*]")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m weerbaar.correlation.engine.spark",
        description="Link person records on Spark; the options and output of `python -m weerbaar.correlation.engine`.",
    )
    add_cli_arguments(parser)
    parser.add_argument("--master", help="Spark master of a run without spark-submit (default local[*])")
    parser.add_argument("--model", help="a stored model, JSON as LinkResult.model.as_dict(): fixes m/u and prior")
    options = vars(parser.parse_args(argv))
    if options["engine"] != "auto":
        parser.error("--engine does not apply: this command runs on Spark")
    model = None
    if options["model"]:
        model = model_from_dict(json.loads(Path(options["model"]).read_text(encoding="utf-8")))
    excluded = frozenset(
        (pc.strip(), nr.strip()) for pc, _, nr in (item.partition(":") for item in options["exclude_address"])
    )
    config = LinkConfig(
        threshold=options["threshold"],
        excluded_addresses=excluded,
        max_address_frequency=options["max_address_frequency"],
        max_birth_date_frequency=options["max_birth_date_frequency"],
    )
    columns = {f: options[f"col_{f}"] for f in DEFAULT_COLUMNS}
    result = link_records_spark(
        options["input"], config=config, model=model, spark=_session(options["master"]), columns=columns
    )
    with open(options["out"], "w", newline="", encoding="utf-8") as handle:
        written = write_pairs_csv(handle, result)
    if options.get("clusters"):
        with open(options["clusters"], "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("id", "cluster"))
            writer.writerows(sorted(result.clusters.items()))
    multi = sum(1 for k, v in Counter(result.clusters.values()).items() if v > 1 and k)
    sys.stdout.write(
        f"{result.stats['records']} records, {written} pairs written to {options['out']}, "
        f"{multi} clusters with more than one record (Spark {result.stats['spark']}, {result.stats['total_s']} s)\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
