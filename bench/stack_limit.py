# SPDX-License-Identifier: EUPL-1.2
"""Signal intake and audited case reads next to the stack's own limit: minimal Django views, same run.

Creates a throwaway PostgreSQL database, migrates it, serves Weerbaar with gunicorn on loopback under the
bench-only site ``bench/benchsite`` (Weerbaar's URLs plus two minimal views: insert one row, read one row)
and runs the task worker (which seals the audit trail) beside it. For each endpoint

- ``insert``: ``POST /_bench/rijen`` (one row in one transaction; no auth, no audit),
- ``read``: ``GET /_bench/rijen/{id}`` (one row by primary key),
- ``signals``: ``POST /api/v1/meldingen`` (bearer token, Idempotency-Key, routing, subjects, audit),
- ``case-read``: ``GET /api/v1/casussen/{uuid}`` (bearer token, scoped selectors, audited read),

it measures (1) the sustained maximum with closed-loop clients, then (2) the latency at 80 % of that rate
with paced (open-loop) clients, latency counted from the moment a request was due, so queueing shows.
Afterwards it waits for the sealer and runs ``verify_audit``. Reports ratios to the minimal views (less
sensitive to what else runs on the machine than the absolute rates) and the load average, writes
``bench/results/stack_limit.json`` and exits 1 when the audit trail does not verify or a request failed.
Only 127.0.0.1 is used.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from typing import Any

import psycopg
from benchkit import ROOT, SRC, admin, django_environ, percentile, say

PYTHON = ROOT / ".venv" / "bin" / "python"
RESULTS = ROOT / "bench" / "results" / "stack_limit.json"
HOST = "127.0.0.1"
DB_NAME = "weerbaar_bench_stack"
WORKERS, THREADS = 2, 4
ROWS, CASES = 1000, 50
#: The table of the minimal views (``bench/benchsite/views.py``), in the throwaway database only.
TABLE_SQL = "CREATE TABLE bench_row (id bigserial PRIMARY KEY, body text NOT NULL)"

SETUP = """
import json
from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.selectors import actor_for
from weerbaar.accounts.services import user_create
from weerbaar.api.services import api_token_issue
from weerbaar.audit.sealing import audit_seal_pending
from weerbaar.cases.services import case_create
from weerbaar.geo.models import Municipality
from weerbaar.geo.services import geography_load
from weerbaar.organisations.services import organisation_create
geography_load()
org = organisation_create(actor=None, name="Gemeente Tilburg", type="gemeente",
                          municipality=Municipality.objects.get(code="GM0855"))
partner, _ = user_create(actor=None, username="bench.partner", first_name="Bench", last_name="Partner",
                         email="bench@example.invalid", home_organisation=org, role=Role.PARTNERVERTEGENWOORDIGER,
                         screening_status=ScreeningStatus.PASSED)
director, _ = user_create(actor=None, username="bench.regisseur", first_name="Bench", last_name="Regisseur",
                          email="bench.regisseur@example.invalid", home_organisation=org, role=Role.CASUSREGISSEUR,
                          screening_status=ScreeningStatus.PASSED)
actor = actor_for(user=director)
cases = [str(case_create(actor=actor, title=f"Schuur {n}", phenomena=["drugsafvaldumping"],
                         classification="vertrouwelijk").uuid) for n in range(%(cases)d)]
audit_seal_pending()
print(json.dumps({"signals": api_token_issue(user=partner)[1], "cases": api_token_issue(user=director)[1],
                  "case_uuids": cases}))
"""


def env(port: int) -> dict[str, str]:
    extra = {"API_THROTTLE_RATE": "1000000/minute"}  # the per-user API throttle would cap the benchmark
    base = django_environ(DB_NAME, base_url=f"http://{HOST}:{port}", **extra)
    return {**os.environ, **base, "DJANGO_SETTINGS_MODULE": "benchsite.settings", "PYTHONPATH": str(ROOT / "bench")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def signal_body(key: str) -> bytes:
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


def make_request(
    endpoint: str, setup: dict[str, Any], rng: random.Random
) -> tuple[str, str, bytes | None, dict[str, str]]:
    """Method, path, body and headers of one request to ``endpoint``."""
    if endpoint == "insert":
        return "POST", "/_bench/rijen", b'{"tekst": "een rij"}', {"Content-Type": "application/json"}
    if endpoint == "read":
        return "GET", f"/_bench/rijen/{rng.randint(1, ROWS)}", None, {}
    if endpoint == "signals":
        key = str(uuid.uuid4())
        headers = {
            "Authorization": f"Bearer {setup['signals']}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        }
        return "POST", "/api/v1/meldingen", signal_body(key), headers
    case = setup["case_uuids"][rng.randrange(len(setup["case_uuids"]))]
    return "GET", f"/api/v1/casussen/{case}", None, {"Authorization": f"Bearer {setup['cases']}"}


EXPECTED = {"insert": 201, "read": 200, "signals": 201, "case-read": 200}


def _client_process(
    args: tuple[int, str, dict[str, Any], int, float, float, float],
) -> tuple[list[float], int, str]:
    """One client process: ``threads`` threads, closed loop (``rate`` 0) or paced at ``rate`` requests/s each."""
    port, endpoint, setup, threads, seconds, rate, start_at = args
    latencies: list[float] = []
    errors = [0]
    first_error = [""]
    lock = threading.Lock()

    def run(seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 - load generation, not secrets
        conn: http.client.HTTPConnection | None = None
        while time.time() < start_at:
            time.sleep(0.001)
        began = time.perf_counter()
        n = 0
        while True:
            due = began + n / rate + rng.random() / rate if rate else time.perf_counter()
            if due - began >= seconds:
                return
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            method, path, body, headers = make_request(endpoint, setup, rng)
            status, answer = 0, b""
            for attempt in range(2):  # a kept-alive connection the server has closed meanwhile: once more
                reused = conn is not None
                try:
                    if conn is None:
                        conn = http.client.HTTPConnection(HOST, port, timeout=30)
                    conn.request(method, path, body=body, headers=headers)
                    response = conn.getresponse()
                    answer = response.read()
                    status = response.status
                    break
                except (OSError, http.client.HTTPException) as exc:
                    answer = repr(exc).encode()
                    if conn is not None:
                        conn.close()
                    conn = None
                    stale = isinstance(exc, (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected))
                    if not (reused and stale and attempt == 0):
                        break
            done = time.perf_counter()
            with lock:
                if status == EXPECTED[endpoint]:
                    latencies.append(done - due)
                else:
                    errors[0] += 1
                    first_error[0] = first_error[0] or f"{status} {answer[:200]!r}"
            n += 1

    pool = [threading.Thread(target=run, args=(hash((os.getpid(), i)),)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return latencies, errors[0], first_error[0]


def load(
    port: int, endpoint: str, setup: dict[str, Any], *, processes: int, threads: int, seconds: float, rate: float = 0
) -> dict[str, Any]:
    """Run the clients; ``rate`` 0 is closed loop (as fast as answers come), else the total paced rate."""
    per_thread = rate / (processes * threads) if rate else 0.0
    start_at = time.time() + 0.5
    jobs = [(port, endpoint, setup, threads, seconds, per_thread, start_at)] * processes
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        parts = pool.map(_client_process, jobs)
    latencies = [value for part, _errors, _first in parts for value in part]
    errors = sum(part_errors for _part, part_errors, _first in parts)
    first_error = next((first for _part, _errors, first in parts if first), "")
    return {
        "requests": len(latencies),
        "errors": errors,
        **({"first_error": first_error} if first_error else {}),
        "per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
    }


class Process:
    """A child in its own process group (gunicorn with its workers, or the task worker)."""

    def __init__(self, argv: list[str], port: int, log_name: str) -> None:
        self.argv, self.port = argv, port
        self.log = RESULTS.parent / f"stack_limit.{log_name}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(  # noqa: S603 - fixed arguments, loopback only
                self.argv,
                cwd=SRC,
                env=env(self.port),
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not come up")


def unsealed() -> int:
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}") as conn:
        row = conn.execute(
            "SELECT count(*) FROM audit_auditevent WHERE id > "
            "(SELECT coalesce(max(last_event_id), 0) FROM audit_auditseal)"
        ).fetchone()
    return int(row[0]) if row else 0


def wait_for_sealer(limit: float) -> tuple[float, int]:
    started = time.monotonic()
    left = unsealed()
    while left and time.monotonic() - started < limit:
        time.sleep(0.2)
        left = unsealed()
    return round(time.monotonic() - started, 1), left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="per phase and endpoint")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=6, help="client threads per process")
    parser.add_argument("--endpoints", default="insert,read,signals,case-read")
    args = parser.parse_args()
    endpoints = args.endpoints.split(",")

    admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(f"CREATE DATABASE {DB_NAME}")
    port = free_port()
    manage = [str(PYTHON), "manage.py"]
    server = Process(
        [
            str(PYTHON),
            "-m",
            "gunicorn",
            "config.wsgi:application",
            f"--bind={HOST}:{port}",
            f"--workers={WORKERS}",
            f"--threads={THREADS}",
            "--log-level=warning",
        ],
        port,
        "server",
    )
    worker = Process([*manage, "db_worker", "--queue-name", "default"], port, "worker")
    results: dict[str, Any] = {}
    try:
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=SRC, env=env(port), check=True)  # noqa: S603
        # the shared cache of the throttles (CACHE_URL=db://)
        subprocess.run([*manage, "createcachetable"], cwd=SRC, env=env(port), check=True)  # noqa: S603
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}", autocommit=True) as conn:
            conn.execute(TABLE_SQL)
            conn.execute(f"INSERT INTO bench_row (body) SELECT '{{}}' FROM generate_series(1, {ROWS})")  # noqa: S608
        out = subprocess.run(  # noqa: S603
            [*manage, "shell", "-c", SETUP % {"cases": CASES}],
            cwd=SRC,
            env=env(port),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        setup = json.loads(out.strip().splitlines()[-1])
        server.start()
        worker.start()
        wait_until_up(port)
        say(f"gunicorn {WORKERS} workers x {THREADS} threads on {HOST}:{port}, task worker sealing; {DB_NAME}")
        say(f"clients: {args.processes} processes x {args.threads} threads; load before: {os.getloadavg()}")
        shape = {"processes": args.processes, "threads": args.threads}
        for endpoint in endpoints:
            load(port, endpoint, setup, seconds=2, **shape)  # warm-up (boundaries, connections, caches)
            peak = load(port, endpoint, setup, seconds=args.seconds, **shape)
            paced = load(port, endpoint, setup, seconds=args.seconds, rate=0.8 * peak["per_s"], **shape)
            results[endpoint] = {"max": peak, "at_80": paced, "load_avg": os.getloadavg()}
            say(f"{endpoint:<10} max {peak}; at 80 %: {paced}")
        seal_seconds, left = wait_for_sealer(60)
        check = subprocess.run(  # noqa: S603
            [*manage, "verify_audit"], cwd=SRC, env=env(port), capture_output=True, text=True, check=False
        )
    finally:
        worker.stop()
        server.stop()
        admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    def ratio(a: str, b: str) -> float | None:
        if a not in results or b not in results or not results[b]["max"]["per_s"]:
            return None
        return round(results[a]["max"]["per_s"] / results[b]["max"]["per_s"], 2)

    targets: list[tuple[str, bool | None]] = []
    sig_ratio, case_ratio = ratio("signals", "insert"), ratio("case-read", "read")
    if sig_ratio is not None:
        targets.append((f"signals / minimal insert = {sig_ratio} >= 0.5", sig_ratio >= 0.5))
    if "signals" in results:
        rate = results["signals"]["max"]["per_s"]
        targets.append((f"signals {rate}/s >= 96/s", rate >= 96))
    if case_ratio is not None:
        targets.append((f"audited case reads / minimal read = {case_ratio} >= 0.5", case_ratio >= 0.5))
    for endpoint, result in results.items():
        p99 = result["at_80"]["p99_ms"]
        targets.append((f"{endpoint}: p99 at 80 % = {p99} ms <= 250 ms", p99 <= 250))
    errors = sum(r["max"]["errors"] + r["at_80"]["errors"] for r in results.values())
    audit_ok = check.returncode == 0
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "server": {"gunicorn_workers": WORKERS, "threads": THREADS, "settings": "benchsite.settings (dev, DEBUG off)"},
        "clients": shape,
        "seconds": args.seconds,
        "results": results,
        "ratios": {"signals_to_insert": sig_ratio, "case_read_to_read": case_ratio},
        "sealer": {"caught_up_after_s": seal_seconds, "left_unsealed": left},
        "verify_audit": (check.stdout or check.stderr).strip(),
        "targets": dict(targets),
        "errors": errors,
        "ok": audit_ok and errors == 0 and left == 0,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    say(f"\n{'endpoint':<10} {'max/s':>8} {'p50':>7} {'p99':>7} | {'80 %/s':>8} {'p50':>7} {'p99':>7}  (ms)")
    for endpoint, result in results.items():
        peak, paced = result["max"], result["at_80"]
        say(
            f"{endpoint:<10} {peak['per_s']:>8} {peak['p50_ms']:>7} {peak['p99_ms']:>7} | "
            f"{paced['per_s']:>8} {paced['p50_ms']:>7} {paced['p99_ms']:>7}"
        )
    say("")
    for text, met in targets:
        say(f"{'met    ' if met else 'NOT MET'}  {text}")
    say(f"sealer caught up {seal_seconds} s after the load ({left} left); {report['verify_audit']}")
    say(f"load average after: {os.getloadavg()}; errors: {errors}")
    say(f"\n{'OK' if report['ok'] else 'FAILED'}; written to {RESULTS.relative_to(ROOT)}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
