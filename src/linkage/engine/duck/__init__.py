# SPDX-License-Identifier: EUPL-1.2
"""The DuckDB engine: the model of `blocking` and `scoring` as SQL, for hundreds of thousands of records.

Records reach DuckDB as raw text (from a CSV that DuckDB reads itself, or from `PersonRecord` objects).
Normalisation stays in Python - the functions of `records` are the only definition of it - but runs once
per *distinct* value of a field (a million records hold about 20,000 given names and 80,000 birth dates),
and DuckDB joins the results back. Usability (exclusion list, frequency cut-offs), blocking, comparison
levels and scoring are SQL; EM runs in Python over the aggregated level patterns. Every step mirrors the
Python engine, and ``tests/test_engine_parity.py`` checks that both give the same pairs, scores and
clusters.

Modules: `tables` (the connection, the raw records and the normalised table), `sql` (blocking keys and
comparison levels as SQL) and `run` (`link`: block, compare, estimate and score).
"""

from .run import RANDOM_PAIRS, Scored, link
from .sql import _LEVEL_COLUMNS as _LEVEL_COLUMNS  # the level SQL: `batch` and the parity tests read it here
from .sql import _levels_sql as _levels_sql
from .sql import _sql_levels as _sql_levels
from .tables import RAW_FIELDS, connect, load_csv, load_records, normalised_table, one_thread, small_run

__all__ = [
    "RANDOM_PAIRS",
    "RAW_FIELDS",
    "Scored",
    "connect",
    "link",
    "load_csv",
    "load_records",
    "normalised_table",
    "one_thread",
    "small_run",
]
