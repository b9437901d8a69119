# SPDX-License-Identifier: EUPL-1.2
"""Person-record linkage: deduplicate or link any set of person records, with explained scores.

Python API::

    from linkage.engine import PersonRecord, Judgement, LinkConfig, link_records

    result = link_records(
        [PersonRecord("1", given="Jan", prefix="van der", surname="Meer", birth_date="1980-03-07",
                      street="Kerkstraat", house_number="12", postcode="1234 AB", city="Utrecht"), ...],
        config=LinkConfig(threshold=0.0, excluded_addresses=frozenset({("2511BT", "1")})),
        judgements=[Judgement("1", "7", "not_same", author="a.jansen", reason="other birth certificate")],
    )
    for pair in result.pairs:          # ScoredPair(id_a, id_b, score, levels) with id_a < id_b
        pair.explanation               # {"prior": -17.2, "given": 5.1, "surname": 7.9, ...}; sums to score
    result.clusters                    # record id -> canonical id (the smallest member id)

Every `PersonRecord` field except ``id`` may be ``None``. Values not in a Dutch format are kept in a generic
form and values that cannot be used are counted per field (``LinkResult.stats["values"]``), as are the
records each frequency cut-off took out of blocking (``stats["cut_offs"]``, the cut-offs themselves and how
they follow the data in ``stats["frequency_cut_offs"]``: `frequency`). The score is the log2 odds
that the two records are the same person (0 = probability 0.5); `LinkConfig.threshold` keeps pairs at or
above it. Judgements always win: clusters are never joined across a ``not_same`` and ``same`` pairs are always joined
(``unsure`` leaves the model in charge). The exclusion list (postcode, house number) and the frequency
cut-offs (an address or birth date held by more records than the limit stops blocking and scoring; by
default the limit is relative to the data) are `LinkConfig` fields. m/u probabilities are estimated per
run by EM unless `LinkConfig.model` fixes them; `LinkResult.model` holds what was used, so it can be stored
and reused. Identifier columns (`LinkConfig.identifiers`, values in `PersonRecord.identifiers`) block and
compare as features of their own; an exact given name or surname is weighed by how common it is in the
data (`LinkConfig.term_frequencies`).

Command line (the same run on a CSV; columns are mapped by options, defaults shown; `command`)::

    python -m weerbaar.correlation.engine INPUT.csv --out pairs.csv [--id-col id --given-col voornaam
        --prefix-col tussenvoegsel --surname-col achternaam --birth-col geboortedatum --street-col straat
        --number-col huisnummer --postcode-col postcode --city-col plaats] [--delimiter ;] [--encoding utf-8]
        [--threshold 0] [--exclude-address 2511BT:1 ...] [--max-address-frequency 12] [--clusters clusters.csv]
        [--identifier soc_sec_id ...] [--no-term-frequencies]
    python -m linkage.engine ... and manage.py correlate_csv ...   (the same command)

From Python, ``link_csv(path, columns, config=...)`` is the same run on a CSV file; on the DuckDB engine
DuckDB reads the file itself.

The output has one row per pair: ``id_a,id_b,score,cluster,explanation`` (explanation as JSON).

Engines: the pure-Python engine runs everywhere; above `LinkConfig.duckdb_from` records the same model runs
on DuckDB (`duck`: each distinct value normalised once, blocking and comparisons as SQL), which is what a
million records need. Both give the same pairs, scores and clusters. See `bench/correlation/` for the
benchmark against Splink.
"""

from .batch import LinkResult, link_csv, link_records, read_person_csv, write_pairs_csv
from .records import DEFAULT, FEATURES, Judgement, LinkConfig, PersonRecord, ScoredPair, Verdict
from .scoring import DEFAULT_MODEL, Model, jaro_winkler

__all__ = [
    "DEFAULT",
    "DEFAULT_MODEL",
    "FEATURES",
    "Judgement",
    "LinkConfig",
    "LinkResult",
    "Model",
    "PersonRecord",
    "ScoredPair",
    "Verdict",
    "jaro_winkler",
    "link_csv",
    "link_records",
    "read_person_csv",
    "write_pairs_csv",
]
