# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of ``POST /api/v1/meldingen`` on PostgreSQL: throughput, a same-key race and a crash run.

Creates a throwaway database, migrates it, serves the app with gunicorn on loopback, and then

1. *sustained*: N client threads post signals for a fixed time -> signals/s, p50/p99 latency;
2. *race*: rounds of N threads posting the same Idempotency-Key at the same moment -> exactly one signal;
3. *crash*: thousands of submissions, each with its own Idempotency-Key and retried (same key) on
   connection errors and 5xx, while gunicorn's master and workers are killed with SIGKILL several times
   and restarted. Afterwards every key is counted in the database: lost and duplicated must both be 0.
4. *findings*: the same crash run for the findings of a joint action (``findings_crash.py``).

Every signal's description carries its key, so duplicates are found even if they had escaped the key
table. Prints a table, writes ``bench/results/signals_api.json`` and exits 1 when a check fails.
Only 127.0.0.1 is used. Run with ``make bench``.
"""

import argparse
import http.client
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from typing import Any

import psycopg
from benchkit import PYTHON, ROOT, SRC, admin, django_environ, manage, manage_json, manage_last_line, percentile, say
from crash_phase import HOST, Client, crash
from findings_crash import SETUP as FINDINGS_SETUP
from findings_crash import FindingPayloads, findings_per_key

RESULTS = ROOT / "bench" / "results" / "signals_api.json"
DB_NAME = "weerbaar_bench"
WORKERS, THREADS = 2, 4

SETUP = """
from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.services import user_create
from weerbaar.api.services import api_token_issue
from weerbaar.geo.models import Municipality
from weerbaar.geo.services import geography_load
from weerbaar.organisations.services import organisation_create
geography_load()
org = organisation_create(actor=None, name="Gemeente Tilburg", type="gemeente",
                          municipality=Municipality.objects.get(code="GM0855"))
user, _ = user_create(actor=None, username="bench.partner", first_name="Bench", last_name="Partner",
                      email="bench@example.invalid", home_organisation=org, role=Role.PARTNERVERTEGENWOORDIGER,
                      screening_status=ScreeningStatus.PASSED)
print(api_token_issue(user=user)[1])
"""


def env(port: int) -> dict[str, str]:
    # the per-user API throttle would cap the benchmark
    extra = {"API_THROTTLE_RATE": "1000000/minute"}
    return {**os.environ, **django_environ(DB_NAME, base_url=f"http://{HOST}:{port}", **extra)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def body(key: str) -> bytes:
    return json.dumps(
        {
            "fenomeen": "drugsafvaldumping",
            "indicatoren": ["vaten"],
            "omschrijving": f"Vaten langs de bosrand. bench-key:{key}",
            "locatie": {"soort": "punt", "breedtegraad": 51.55551, "lengtegraad": 5.0913},
            "betrokkenen": [{"soort": "voertuig", "kenteken": "AB-123-C"}],
            "drugsafval": {"soortDumping": "vaten", "volumeLiters": 200},
        }
    ).encode()


class Server:
    """gunicorn in its own process group, so one SIGKILL takes the master and all workers."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(  # noqa: S603 - fixed arguments, loopback only
            [
                str(PYTHON),
                "-m",
                "gunicorn",
                "config.wsgi:application",
                f"--bind={HOST}:{self.port}",
                f"--workers={WORKERS}",
                f"--threads={THREADS}",
                "--log-level=warning",
            ],
            cwd=SRC,
            env=env(self.port),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not come up")

    def kill(self) -> None:
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def sustained(port: int, token: str, clients: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run() -> None:
        client = Client(port, token)
        while time.monotonic() < stop_at:
            key = str(uuid.uuid4())
            started = time.perf_counter()
            try:
                status, _headers = client.post(key, body(key))
            except (OSError, http.client.HTTPException):
                status = 0
            with lock:
                if status == 201:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "signals": len(latencies),
        "errors": errors[0],
        "signals_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
    }


def race(port: int, token: str, clients: int, rounds: int) -> dict[str, Any]:
    keys = [f"race-{uuid.uuid4()}" for _ in range(rounds)]
    statuses: list[int] = []
    replays = [0]
    lock = threading.Lock()
    for key in keys:
        barrier = threading.Barrier(clients)

        def run(key: str = key, barrier: threading.Barrier = barrier) -> None:
            client = Client(port, token)
            barrier.wait()
            status, headers = client.post(key, body(key))
            with lock:
                statuses.append(status)
                replays[0] += headers.get("idempotent-replayed") == "true"

        threads = [threading.Thread(target=run) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return {
        "rounds": rounds,
        "requests": len(statuses),
        "non_201": sum(s != 201 for s in statuses),
        "replayed": replays[0],
        "keys": keys,
    }


def signals_per_key() -> dict[str, int]:
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}") as conn:
        rows = conn.execute(
            "SELECT substring(description from 'bench-key:(.*)$'), count(*) FROM signals_signal GROUP BY 1"
        ).fetchall()
    return {str(key): int(count) for key, count in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--race-rounds", type=int, default=20)
    parser.add_argument("--crash-submissions", type=int, default=3000)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--kill-interval", type=float, default=4)
    parser.add_argument("--crash-findings", type=int, default=1000)
    parser.add_argument("--only-findings", action="store_true", help="run only the findings crash phase")
    args = parser.parse_args()

    admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(f"CREATE DATABASE {DB_NAME}")
    port = free_port()
    server = Server(port)
    try:
        manage(env(port), "migrate", "--noinput", "-v0")
        # The shared cache lives in the database (as ``make run`` sets it up); the joint actions' reads use it.
        manage(env(port), "createcachetable")
        token = manage_last_line(env(port), SETUP)
        action = manage_json(env(port), FINDINGS_SETUP)
        server.start()
        say(f"gunicorn {WORKERS} workers x {THREADS} threads on {HOST}:{port}; database {DB_NAME}")
        if args.only_findings:
            result_sustained = result_race = crash_result = {}
            race_keys, attempted, counts = [], set(), {}
        else:
            sustained(port, token, args.clients, 2)  # warm-up: each worker loads the municipal boundaries once
            result_sustained = sustained(port, token, args.clients, args.seconds)
            say(f"sustained: {result_sustained}")
            result_race = race(port, token, args.clients, args.race_rounds)
            race_keys = result_race.pop("keys")
            crash_result = crash(
                server,
                token,
                args.clients,
                args.crash_submissions,
                args.kills,
                args.kill_interval,
                "/api/v1/meldingen",
                body,
            )
            attempted = crash_result.pop("_attempted")
            counts = signals_per_key()
        findings_path = f"/api/v1/acties/{action['operation']}/bevindingen"
        findings_result = crash(
            server,
            action["token"],
            args.clients,
            args.crash_findings,
            args.kills,
            args.kill_interval,
            findings_path,
            FindingPayloads(action["locations"]),
        )
        findings_attempted = findings_result.pop("_attempted")
        finding_counts = findings_per_key(DB_NAME)
    finally:
        server.stop()
        admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    findings_result["lost"] = sum(finding_counts.get(k, 0) == 0 for k in findings_attempted)
    findings_result["duplicated"] = sum(finding_counts.get(k, 0) > 1 for k in findings_attempted)
    findings_ok = (
        findings_result["lost"] == 0
        and findings_result["duplicated"] == 0
        and findings_result["acknowledged"] == findings_result["submissions"]
    )
    if args.only_findings:
        return _report({"findings": findings_result, "ok": findings_ok}, [_findings_rows(findings_result)])
    result_race["duplicated"] = sum(counts.get(k, 0) > 1 for k in race_keys)
    result_race["lost"] = sum(counts.get(k, 0) == 0 for k in race_keys)
    crash_result["lost"] = sum(counts.get(k, 0) == 0 for k in attempted)
    crash_result["duplicated"] = sum(counts.get(k, 0) > 1 for k in attempted)
    results = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "server": {"gunicorn_workers": WORKERS, "threads": THREADS, "settings": "config.settings.dev (DEBUG off)"},
        "sustained": result_sustained,
        "race": result_race,
        "crash": crash_result,
        "findings": findings_result,
    }
    ok = (
        result_race["duplicated"] == 0
        and result_race["lost"] == 0
        and result_race["non_201"] == 0
        and crash_result["lost"] == 0
        and crash_result["duplicated"] == 0
        and crash_result["acknowledged"] == crash_result["submissions"]
        and findings_ok
    )
    results["ok"] = ok
    s, r, c = result_sustained, result_race, crash_result
    rows = [
        ("sustained", f"{s['clients']} clients, {s['seconds']} s", f"{s['signals']} signals, {s['errors']} errors"),
        ("", "throughput", f"{s['signals_per_s']} signals/s"),
        ("", "latency p50 / p99", f"{s['p50_ms']} / {s['p99_ms']} ms"),
        ("race", f"{r['rounds']} keys x {args.clients} threads", f"{r['replayed']} replays, {r['non_201']} non-201"),
        ("", "lost / duplicated", f"{r['lost']} / {r['duplicated']}"),
        ("crash", f"{c['submissions']} submissions, {c['kills']} x kill -9", f"{c['seconds']} s"),
        ("", "acknowledged / retries / replayed", f"{c['acknowledged']} / {c['retries']} / {c['replayed']}"),
        ("", "latency p50 / p99 (incl. retries)", f"{c['p50_ms']} / {c['p99_ms']} ms"),
        ("", "lost / duplicated", f"{c['lost']} / {c['duplicated']}"),
    ]
    return _report(results, [rows, _findings_rows(findings_result)])


def _findings_rows(f: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        ("findings", f"{f['submissions']} findings, {f['kills']} x kill -9", f"{f['seconds']} s"),
        ("", "acknowledged / retries / replayed", f"{f['acknowledged']} / {f['retries']} / {f['replayed']}"),
        ("", "latency p50 / p99 (incl. retries)", f"{f['p50_ms']} / {f['p99_ms']} ms"),
        ("", "lost / duplicated", f"{f['lost']} / {f['duplicated']}"),
    ]


def _report(results: dict[str, Any], tables: list[list[tuple[str, str, str]]]) -> int:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    say(f"\n{'phase':<10} {'measure':<36} result")
    for row in (row for rows in tables for row in rows):
        say(f"{row[0]:<10} {row[1]:<36} {row[2]}")
    say(f"\n{'OK' if results['ok'] else 'FAILED'}; written to {RESULTS.relative_to(ROOT)}")
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
