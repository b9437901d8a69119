# SPDX-License-Identifier: EUPL-1.2
"""The records of a run on Spark: read, normalised on the workers, flagged for usability and keyed for
blocking (a key shared by too many records set to NULL), then checkpointed."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import fields
from datetime import date, datetime
from typing import Any

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F  # noqa: N812 - the name every Spark user reads
from pyspark.sql.types import StringType, StructField, StructType

from ..batch import DEFAULT_COLUMNS
from ..blocking import KEYS, address_key, block_keys
from ..frequency import cut_offs
from ..records import LinkConfig, Normalised, PersonRecord, normalise_record
from ..records import phonetic_key as _phonetic_key
from .session import _arrow_udf

__all__ = ["read_csv_spark"]

# The text fields of a record (identifier columns are not supported on Spark: `run.score_pairs_spark`).
_RAW_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PersonRecord) if not f.kw_only)
_NORMALISED_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Normalised))
# Columns the levels read besides the `Normalised` fields: the phonetic key of the given name (for swapped
# names), the address key and the usability flags.
_EXTRA_TEXT = ("given_key", "address_key")
_NORMALISED_SCHEMA = StructType([StructField(n, StringType()) for n in (*_NORMALISED_FIELDS, *_EXTRA_TEXT)])
_KEY_SCHEMA = StructType([StructField(f"bk_{kind}", StringType()) for kind in KEYS])


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


def _holders(frame: DataFrame, column: str) -> DataFrame:
    """How many records hold each non-empty value of ``column`` (column ``count``)."""
    return frame.where(F.col(column) != "").groupBy(column).count()


def _frequent(counts: DataFrame, limit: int) -> list[str]:
    """The values of `_holders` ``counts`` held by more than ``limit`` records (few: brought to the driver)."""
    return [row[0] for row in counts.where(F.col("count") > limit).select(counts.columns[0]).collect()]


def _histogram(counts: DataFrame, leave_out: Collection[str] = ()) -> dict[int, int]:
    """`frequency.histogram` of holder counts from `_holders` (one row per distinct count to the driver)."""
    value = counts.columns[0]
    if leave_out:
        counts = counts.where(~F.col(value).isin(sorted(leave_out)))
    by_holders = counts.withColumnRenamed("count", "holders").groupBy("holders").count()
    return {int(row[0]): int(row[1]) for row in by_holders.collect()}


def _usable(frame: DataFrame, config: LinkConfig) -> DataFrame:
    """`blocking.usability`: may a record's address and birth date block and score, is its address crowded?"""
    excluded = {
        address_key(normalise_record(PersonRecord("", postcode=pc, house_number=nr)))
        for pc, nr in config.excluded_addresses
    } - {""}
    # Each count is read twice (its histogram for the cut-off, then the values over it): counted once.
    addresses, dates = _holders(frame, "address_key").cache(), _holders(frame, "birth_date").cache()
    cut = cut_offs(config, _histogram(addresses, excluded), _histogram(dates))
    crowded = set(_frequent(addresses, cut.address)) - excluded
    frequent_dates = _frequent(dates, cut.birth_date)
    addresses.unpersist()
    dates.unpersist()
    address_ok = (F.col("address_key") == "") | ~F.col("address_key").isin(sorted(excluded | crowded))
    address_crowded = F.col("address_key").isin(sorted(crowded)) if crowded else F.lit(False)
    date_ok = (F.col("birth_date") == "") | ~F.col("birth_date").isin(frequent_dates)
    return frame.select(
        *frame.columns,
        address_ok.alias("address_ok"),
        address_crowded.alias("address_crowded"),
        date_ok.alias("date_ok"),
    )


def _keyed(frame: DataFrame) -> DataFrame:
    """One column ``bk_<kind>`` per kind of `blocking.KEYS`: the record's key of that kind, or NULL."""
    key_udf = _arrow_udf(_block_keys_batch, _KEY_SCHEMA)
    keys = key_udf(*[F.col(n) for n in _NORMALISED_FIELDS], F.col("address_ok"), F.col("date_ok"))
    return frame.withColumn("bk", keys).select(*frame.columns, *[F.col(f"bk.bk_{k}").alias(f"bk_{k}") for k in KEYS])


def _bounded(keyed: DataFrame, config: LinkConfig) -> DataFrame:
    """NULL instead of a key that more than ``max_block_size`` records share: such a block is skipped."""
    # Keys carry their kind as a prefix ("address:..."), so all kinds are counted in one go.
    every_key = keyed.select(F.explode(F.array(*[F.col(f"bk_{kind}") for kind in KEYS])).alias("key"))
    too_big = _frequent(_holders(every_key.where(F.col("key").isNotNull()), "key"), config.max_block_size)
    columns = [F.col(c) for c in keyed.columns if not c.startswith("bk_")]
    for kind in KEYS:
        column = F.col(f"bk_{kind}")
        big = sorted(key for key in too_big if key.startswith(f"{kind}:"))
        columns.append((F.when(~column.isin(big), column) if big else column).alias(f"bk_{kind}"))
    return keyed.select(*columns)


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
