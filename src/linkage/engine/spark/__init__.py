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
command line ``python -m linkage.engine.spark INPUT.csv --out pairs.csv`` with the options of
``python -m linkage.engine`` plus ``--master`` and ``--model``.

Modules: `session` (the local session and our Spark SQL functions), `levels` (the comparison levels as
Spark SQL and the Splink settings), `prepare` (input, normalisation, usability and blocking keys on the
workers), `run` (`score_pairs_spark`, `link_records_spark`) and `cli` (the command line).
"""

from .cli import main, model_from_dict
from .levels import level_case_sql, level_conditions, splink_settings
from .prepare import read_csv_spark
from .run import MARGIN, SparkScored, link_records_spark, score_pairs_spark
from .session import JW_FUNCTION, local_session, register_functions

__all__ = [
    "JW_FUNCTION",
    "MARGIN",
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
