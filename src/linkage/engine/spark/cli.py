# SPDX-License-Identifier: EUPL-1.2
"""The command line: ``python -m linkage.engine.spark``, and the same `main` under spark-submit."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pyspark.sql import SparkSession

from ..command import add_cli_arguments, cli_config, write_cli_outputs
from ..scoring import Model
from .run import link_records_spark
from .session import local_session

__all__ = ["main", "model_from_dict"]


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
        prog="python -m linkage.engine.spark",
        description="Link person records on Spark; the options and output of `python -m linkage.engine`.",
    )
    add_cli_arguments(parser)
    parser.add_argument("--master", help="Spark master of a run without spark-submit (default local[*])")
    parser.add_argument("--model", help="a stored model, JSON as LinkResult.model.as_dict(): fixes m/u and prior")
    options = vars(parser.parse_args(argv))
    if options["engine"] != "auto":
        parser.error("--engine does not apply: this command runs on Spark")
    if options["identifier"]:
        sys.stderr.write(
            f"{parser.prog}: error: --identifier is not supported on Spark; link identifier columns with "
            "python -m weerbaar.correlation.engine (the DuckDB engine)\n"
        )
        return 2
    model = None
    if options["model"]:
        model = model_from_dict(json.loads(Path(options["model"]).read_text(encoding="utf-8")))
    config, columns = cli_config(options)
    result = link_records_spark(
        options["input"], config=config, model=model, spark=_session(options["master"]), columns=columns
    )
    written, multi = write_cli_outputs(options, result)
    sys.stdout.write(
        f"{result.stats['records']} records, {written} pairs written to {options['out']}, "
        f"{multi} clusters with more than one record (Spark {result.stats['spark']}, {result.stats['total_s']} s)\n"
    )
    return 0
