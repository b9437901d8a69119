# SPDX-License-Identifier: EUPL-1.2
"""A Spark session on this machine, and the engine's Python functions registered for Spark SQL."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql.pandas.functions import arrow_udf
from pyspark.sql.types import DataType, DoubleType
from pyspark.util import PythonEvalType

from ..scoring import jaro_winkler

__all__ = ["JW_FUNCTION", "local_session", "register_functions"]

#: Name under which `scoring.jaro_winkler` is registered as a Spark SQL function.
JW_FUNCTION = "weerbaar_jaro_winkler"


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
    source_root = str(Path(__file__).resolve().parents[3])  # src/, above linkage/engine/spark/
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
