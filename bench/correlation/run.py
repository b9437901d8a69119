# SPDX-License-Identifier: EUPL-1.2
"""Correlation benchmark: our linkage engine against Splink 5 (DuckDB) on the same synthetic data.

    .venv/bin/python bench/correlation/run.py [--sizes 10000,100000] [--profile dutch|hard]
        [--workdir var/bench/correlation] [--ours-engine auto|python|duckdb]

Per size: generate records with known truth (`generate.py`), then run each engine in its own
subprocess (so wall time and peak RSS — the child's high-water mark ``VmHWM``, `peak_rss_mib` — are its
own; ``ru_maxrss`` would not do: a child starts with its parent's maximum, which here held the data).
Both engines read the same CSV and get the same normalised fields (Dutch prefixes
split off, ISO dates, compact postcodes) through the same preparation: DuckDB reads the CSV and our
normalisers run once per distinct value (`engine.duck.normalised_table`). Both classify a pair as a
match at match probability ≥ 0.5 (ours: score ≥ 0 bits; Splink:
``predict(threshold_match_probability=0.5)``); both sets of pairs are clustered the same way (connected
components, `engine.cluster.components`). Reported: pairwise
precision/recall/F1 of the clusters against the truth (primary) and of the matched pairs themselves.
Our engine runs as a user gets it (``--ours-engine auto``: pure Python up to `LinkConfig.duckdb_from`
records, DuckDB above; the stats say which ran). Results go to bench/results/correlation.json and a table
on stdout.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SPLINK_NOTE = (
    "Splink 5 DuckDB: NameComparison(given), NameComparison(surname), DateOfBirthComparison, one custom address "
    "comparison; prior by deterministic rule (recall 0.7), u by random sampling (2e6), EM on given+surname and "
    "on birth_date; predict at match probability 0.5"
)


def peak_rss_mib() -> float:
    """This process's peak resident set in MiB: ``VmHWM`` of /proc/self/status, which starts afresh at exec.

    (``getrusage(RUSAGE_SELF).ru_maxrss`` keeps the parent's maximum across fork and exec, so a worker
    started by a parent holding the benchmark's data reported the parent's size, not its own.)
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:  # not Linux
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _write_outputs(out: Path, clusters: dict[str, str], pairs: list[tuple[str, str]]) -> None:
    with (out / "clusters.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(clusters.items())
    with (out / "pairs.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(pairs)


def worker_ours(path: Path, out: Path, engine: Literal["auto", "python", "duckdb"] = "auto") -> dict[str, object]:
    from linkage.engine import LinkConfig
    from linkage.engine.batch import link_csv

    result = link_csv(path, config=LinkConfig(engine=engine))
    started = time.perf_counter()
    _write_outputs(out, result.clusters, [(p.id_a, p.id_b) for p in result.pairs])
    return {
        "stats": result.stats | {"write_s": round(time.perf_counter() - started, 2)},
        "model": result.model.as_dict(),
    }


def worker_splink(path: Path, out: Path) -> dict[str, object]:
    import duckdb
    import numpy as np
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from linkage.engine import LinkConfig
    from linkage.engine.batch import DEFAULT_COLUMNS
    from linkage.engine.cluster import components
    from linkage.engine.duck import load_csv, normalised_table

    stats: dict[str, object] = {}
    started = time.perf_counter()
    # The same preparation as our engine's: DuckDB reads the CSV, our normalisers run once per distinct
    # value, DuckDB joins the results back (`engine.duck.normalised_table`).
    con = duckdb.connect()
    load_csv(con, path, DEFAULT_COLUMNS)
    normalised_table(con, LinkConfig(), name="r")
    con.execute(
        "CREATE TABLE people AS SELECT id AS unique_id, nullif(given, '') AS given, nullif(surname, '') AS surname, "
        "nullif(birth_date, '') AS birth_date, nullif(postcode, '') AS postcode, "
        "nullif(house_number, '') AS house_number, nullif(city, '') AS city FROM r ORDER BY idx"
    )
    con.execute("DROP TABLE r")
    con.execute("DROP TABLE IF EXISTS raw")
    ids = [str(v) for v in con.execute("SELECT unique_id FROM people").fetchnumpy()["unique_id"]]
    stats["prepare_s"] = round(time.perf_counter() - started, 2)
    db_api = DuckDBAPI(connection=con)
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("surname", "substr(birth_date, 1, 4)"),
            block_on("postcode", "house_number"),
            block_on("substr(given, 1, 1)", "birth_date"),
            block_on("surname", "substr(given, 1, 1)", "substr(birth_date, 6, 5)"),
        ],
        comparisons=[
            cl.NameComparison("given"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            # One address comparison (postcode and number together, then postcode, then district or
            # city): separate postcode, number and city comparisons would count one address three times.
            cl.CustomComparison(
                output_column_name="address",
                comparison_levels=[
                    cll.CustomLevel("postcode_l IS NULL OR postcode_r IS NULL").configure(is_null_level=True),
                    cll.CustomLevel("postcode_l = postcode_r AND house_number_l = house_number_r", "same address"),
                    cll.CustomLevel("postcode_l = postcode_r", "same postcode"),
                    cll.CustomLevel(
                        "substr(postcode_l, 1, 4) = substr(postcode_r, 1, 4) OR city_l = city_r", "same area"
                    ),
                    cll.ElseLevel(),
                ],
            ),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(db_api.register("people"), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given", "surname", "birth_date")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    predicted = linker.inference.predict(threshold_match_probability=0.5)
    rows = con.execute(f"SELECT unique_id_l, unique_id_r FROM {predicted.physical_name}").fetchall()  # noqa: S608
    pairs = [(a, b) if a < b else (b, a) for a, b in rows]
    # Connected components as our engine computes them (`ids` is sorted, so the smallest index is the
    # smallest id, the canonical one).
    position = {identifier: k for k, identifier in enumerate(ids)}
    i = np.array([position[a] for a, _ in pairs], dtype=np.int64)
    j = np.array([position[b] for _, b in pairs], dtype=np.int64)
    root = components(len(ids), i, j).tolist()
    clusters = {identifier: ids[r] for identifier, r in zip(ids, root, strict=True)}
    _write_outputs(out, clusters, pairs)
    return {"stats": stats | {"pairs": len(pairs)}}


def _pairs_in(groups: Counter[str]) -> int:
    return sum(n * (n - 1) // 2 for n in groups.values())


def evaluate(truth: dict[str, str], out: Path) -> dict[str, float]:
    with (out / "clusters.csv").open(newline="") as handle:
        predicted = dict(csv.reader(handle))
    true_pairs = _pairs_in(Counter(truth.values()))
    pred_pairs = _pairs_in(Counter(predicted.get(i, i) for i in truth))
    both = _pairs_in(Counter((truth[i], predicted.get(i, i)) for i in truth))
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    with (out / "pairs.csv").open(newline="") as handle:
        links = [(a, b) for a, b in csv.reader(handle)]
    link_tp = sum(truth[a] == truth[b] for a, b in links)
    link_p = link_tp / len(links) if links else 1.0
    link_r = link_tp / true_pairs if true_pairs else 1.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "pair_precision": round(link_p, 4),
        "pair_recall": round(link_r, 4),
        "pair_f1": round(2 * link_p * link_r / (link_p + link_r), 4) if link_p + link_r else 0.0,
        "true_pairs": true_pairs,
        "predicted_pairs": pred_pairs,
    }


def run_worker(engine: str, path: Path, out: Path, ours_engine: str = "auto") -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    argv = [sys.executable, __file__, "--worker", engine, "--input", str(path), "--out", str(out)]
    completed = subprocess.run(  # noqa: S603 - our own script
        [*argv, "--ours-engine", ours_engine],
        capture_output=True,
        text=True,
        check=False,
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
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench" / "correlation")
    parser.add_argument("--engines", default="ours,splink")
    parser.add_argument("--profile", choices=("dutch", "hard"), default="dutch", help="see generate.py")
    parser.add_argument("--worker", choices=("ours", "splink"))
    parser.add_argument("--input", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--ours-engine",
        choices=("auto", "python", "duckdb"),
        default="auto",
        help="our engine: auto (the default a user gets: pure Python up to 20,000 records), python or duckdb",
    )
    args = parser.parse_args()
    if args.worker:
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        if args.worker == "ours":
            report = worker_ours(args.input, args.out, args.ours_engine)
        else:
            report = worker_splink(args.input, args.out)
        report["engine_s"] = round(time.perf_counter() - started, 2)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        report["peak_rss_mib"] = peak_rss_mib()
        # CPU seconds of all the child's threads: less disturbed than wall time by other work on the machine.
        report["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 1)
        # The 1-minute load average before and after: how busy the machine was with everything else.
        report["load"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
        sys.stdout.write(json.dumps(report) + "\n")
        return

    from generate import generate, write

    results: list[dict[str, object]] = []
    for size in [int(s) for s in args.sizes.split(",")]:
        path = args.workdir / f"people_{args.profile}_{size}.csv"
        started = time.perf_counter()
        rows = generate(size, profile=args.profile)
        write(rows, path)
        truth = {row["id"]: row["entity"] for row in rows}
        del rows
        generated_s = round(time.perf_counter() - started, 1)
        entry: dict[str, object] = {"records": size, "profile": args.profile, "generate_s": generated_s}
        for engine in args.engines.split(","):
            out = args.workdir / f"{engine}_{args.profile}_{size}"
            report = run_worker(engine, path, out, args.ours_engine)
            if "error" not in report:
                report |= evaluate(truth, out)
            entry[engine] = report
            sys.stderr.write(f"{size} {engine}: {json.dumps({k: v for k, v in report.items() if k != 'model'})}\n")
        results.append(entry)
    machine = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (
        ROOT / "bench" / "results" / f"correlation{'' if args.profile == 'dutch' else '_' + args.profile}.json"
    ).write_text(json.dumps({"machine": machine, "splink_model": SPLINK_NOTE, "results": results}, indent=2))
    header = (
        f"{'records':>9} {'engine':>7} {'P':>6} {'R':>6} {'F1':>6} {'pairF1':>6} {'wall s':>8} {'CPU s':>7} "
        f"{'RSS MiB':>8} {'load':>10}"
    )
    print(header)  # noqa: T201
    for entry in results:
        for engine in args.engines.split(","):
            r = entry[engine]
            if not isinstance(r, dict) or "error" in r:
                print(f"{entry['records']:>9} {engine:>7} failed")  # noqa: T201
                continue
            print(  # noqa: T201
                f"{entry['records']:>9} {engine:>7} {r['precision']:>6} {r['recall']:>6} {r['f1']:>6} "
                f"{r['pair_f1']:>6} {r['wall_s']:>8} {r['cpu_s']:>7} {r['peak_rss_mib']:>8} "
                f"{'/'.join(str(x) for x in r['load']):>10}"
            )
        ours, ref = entry.get("ours"), entry.get("splink")
        if isinstance(ours, dict) and isinstance(ref, dict) and "f1" in ours and "f1" in ref:
            print(  # noqa: T201
                f"{'':>9} {'ratio':>7} F1 {ours['f1'] - ref['f1']:+.4f}, wall "
                f"{ours['wall_s'] / ref['wall_s']:.2f}x, CPU {ours['cpu_s'] / ref['cpu_s']:.2f}x, "
                f"RSS {ours['peak_rss_mib'] / ref['peak_rss_mib']:.2f}x"
            )


if __name__ == "__main__":
    main()
