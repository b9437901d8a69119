# SPDX-License-Identifier: EUPL-1.2
"""The stack's own limit with one and with two app servers behind a load balancer, then a crash phase.

Creates a throwaway PostgreSQL database, migrates it and runs the multi-server set-up of ``make cluster`` on
loopback: two gunicorn app servers under the bench-only site ``bench/benchsite`` (Weerbaar's URLs plus two
minimal views: insert one row, read one row), HAProxy in front of them with health checks on ``/healthz``,
Redis as the shared cache of the throttles, and the task worker (which seals the audit trail). Endpoints:

- ``insert``: ``POST /_bench/rijen`` (one row in one transaction; no auth, no audit),
- ``read``: ``GET /_bench/rijen/{id}`` (one row by primary key),
- ``signals``: ``POST /api/v1/meldingen`` (bearer token, Idempotency-Key, routing, subjects, audit),
- ``case-read``: ``GET /api/v1/casussen/{uuid}`` (bearer token, scoped selectors, audited read),
- ``screening``: ``POST /api/v1/subjecten/_zoek`` (a person screened across signals and cases, audited).

For each endpoint, first with one app server (the other one set to maintenance in HAProxy) and right after
with two, all through the load balancer, it measures (1) the sustained maximum with closed-loop clients and
(2) the latency at 80 % of that rate with paced (open-loop) clients, counted from the moment a request was
due, so queueing shows. Then the *crash phase*: both servers, one of them killed with SIGKILL (master and
workers) every few seconds, in turn, and restarted, while signals with Idempotency-Keys are posted through
the load balancer and retried with the same key; signals are counted per key in the database (lost and
duplicated must be 0). Afterwards it waits for the sealer and runs ``verify_audit``. Writes
``bench/results/stack_limit.json`` and exits 1 when a request failed outside the crash phase, a signal was
lost or duplicated, or the audit trail does not verify. Only 127.0.0.1 is used.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import multiprocessing
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
from benchkit import PYTHON, ROOT, SRC, admin, django_environ, manage, manage_json, percentile, say
from crash_phase import crash

RESULTS = ROOT / "bench" / "results" / "stack_limit.json"
HOST = "127.0.0.1"
DB_NAME = "weerbaar_bench_stack"
WORKERS, THREADS = 2, 4
ROWS, CASES = 1000, 50
#: The table of the minimal views (``bench/benchsite/views.py``), in the throwaway database only.
TABLE_SQL = "CREATE TABLE bench_row (id bigserial PRIMARY KEY, body text NOT NULL)"
#: Set in main(): the database and the Redis port every child process is started with.
CONFIG: dict[str, Any] = {"database": DB_NAME, "redis_port": 0, "plates": "one"}

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

#: The person screened (synthetic; the search terms go in the body, never in the URL).
SCREENING_BODY = json.dumps(
    {"soort": "persoon", "achternaam": "Verzonnen", "geboortedatum": "1981-04-12", "doel": "Bibob-quickscan (bench)"}
).encode()


def dsn() -> str:
    return f"postgresql://postgres@127.0.0.1:5432/{CONFIG['database']}"


def env(base_url: str) -> dict[str, str]:
    extra = {
        # the per-user limits would cap the benchmark: the API throttle and the hourly screening brake
        "API_THROTTLE_RATE": "1000000/minute",
        "CORRELATION_SCREENINGS_PER_HOUR": "100000000",
        "CORRELATION_HIT_DISCLOSURES_PER_HOUR": "100000000",
        "CACHE_URL": f"redis://{HOST}:{CONFIG['redis_port']}/0",
    }
    base = django_environ(CONFIG["database"], base_url=base_url, **extra)
    return {**os.environ, **base, "DJANGO_SETTINGS_MODULE": "benchsite.settings", "PYTHONPATH": str(ROOT / "bench")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


#: The letters Dutch plates use.
PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"


def plate_for(key: str) -> str:
    """``--plates one``: the same plate for every signal; ``each``: a plate derived from the signal's key (so
    a retry with the same key sends the same body), hardly ever the same as another signal's."""
    if CONFIG["plates"] == "one":
        return "AB-123-C"
    digest = hashlib.sha256(key.encode()).digest()
    letters = [PLATE_LETTERS[b % len(PLATE_LETTERS)] for b in digest[:3]]
    number = int.from_bytes(digest[3:5], "big") % 1000
    return f"{letters[0]}{letters[1]}-{number:03d}-{letters[2]}"


def signal_body(key: str) -> bytes:
    return json.dumps(
        {
            "fenomeen": "drugsafvaldumping",
            "indicatoren": ["vaten"],
            "omschrijving": f"Vaten langs de bosrand. bench-key:{key}",
            "locatie": {"soort": "punt", "breedtegraad": 51.55551, "lengtegraad": 5.0913},
            "betrokkenen": [{"soort": "voertuig", "kenteken": plate_for(key)}],
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
    if endpoint == "screening":
        headers = {"Authorization": f"Bearer {setup['cases']}", "Content-Type": "application/json"}
        return "POST", "/api/v1/subjecten/_zoek", SCREENING_BODY, headers
    case = setup["case_uuids"][rng.randrange(len(setup["case_uuids"]))]
    return "GET", f"/api/v1/casussen/{case}", None, {"Authorization": f"Bearer {setup['cases']}"}


EXPECTED = {"insert": 201, "read": 200, "signals": 201, "case-read": 200, "screening": 200}


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
    """A child in its own process group (gunicorn with its workers, the task worker, HAProxy, Redis)."""

    def __init__(self, argv: list[str], log_name: str, base_url: str, health_port: int | None = None) -> None:
        self.argv, self.base_url, self.health_port = argv, base_url, health_port
        self.log = RESULTS.parent / f"stack_limit.{log_name}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(  # noqa: S603 - fixed arguments, loopback only
                self.argv,
                cwd=SRC,
                env=env(self.base_url),
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
        if self.health_port is not None:
            wait_until_up(self.health_port)

    def kill(self) -> None:
        """``kill -9`` of the whole process group (a gunicorn master and all its workers)."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def wait_until_up(port: int, path: str = "/healthz") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers {path} on port {port}")


def gunicorn(port: int, name: str, base_url: str) -> Process:
    argv = [
        str(PYTHON),
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--preload",  # as scripts/cluster.sh: the port opens once the application is loaded
        f"--bind={HOST}:{port}",
        f"--workers={WORKERS}",
        f"--threads={THREADS}",
        "--log-level=warning",
    ]
    return Process(argv, name, base_url, health_port=port)


HAPROXY_CFG = """# Generated by bench/stack_limit.py: the load balancer of `make cluster` (scripts/cluster.sh).
global
    maxconn 1000
    stats socket {socket} mode 600 level admin

defaults
    mode http
    option forwardfor
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # a connection that fails (a killed or restarting server refuses it) is tried again, each retry on
    # another server; only connection failures are retried, never a request a server may have received
    retries 3
    option redispatch 1

frontend weerbaar
    bind {host}:{port}
    default_backend app

backend app
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host {host}
    http-check expect status 200
    # a server busy with slow requests answers late but is alive: 5 s per check before it counts as failed
    timeout check 5s
    # out after two failed checks, or at once when a request's connection fails (observe layer4); while
    # out, checked every 0.5 s and back after two passes, its share of requests then ramped up over 3 s
    default-server check inter 1s downinter 500ms fall 2 rise 2 slowstart 3s
    server app1 {host}:{app1} observe layer4 error-limit 1 on-error mark-down
    server app2 {host}:{app2} observe layer4 error-limit 1 on-error mark-down
"""


class Balancer:
    """HAProxy with its admin socket: servers are put in maintenance (out) or ready (in) at run time."""

    def __init__(self, haproxy: str, port: int, apps: list[int], workdir: Path) -> None:
        self.socket = workdir / "haproxy.sock"
        self.config = workdir / "haproxy.cfg"
        self.config.write_text(HAPROXY_CFG.format(socket=self.socket, host=HOST, port=port, app1=apps[0], app2=apps[1]))
        self.process = Process([haproxy, "-db", "-f", str(self.config)], "haproxy", "")

    def command(self, line: str) -> str:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(str(self.socket))
            sock.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def status(self) -> dict[str, str]:
        """Each server's status as HAProxy sees it (UP, DOWN, MAINT, ...)."""
        lines = self.command("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
        return {row["svname"]: row["status"] for row in rows if row.get("svname", "").startswith("app")}

    def use(self, servers: int) -> None:
        """Route to app1 only (1) or to both (2); waits until HAProxy reports that state."""
        self.command(f"set server app/app2 state {'ready' if servers == 2 else 'maint'}")
        want = {"app1": "UP", "app2": "UP" if servers == 2 else "MAINT"}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            status = self.status()
            if all(status.get(name, "").startswith(state) for name, state in want.items()):
                return
            time.sleep(0.2)
        raise RuntimeError(f"HAProxy did not reach {want}: {self.status()}")


class KillOneInTurn:
    """The crash phase's target: the load balancer's port; ``kill`` is ``kill -9`` of app1, then app2, ..."""

    def __init__(self, port: int, apps: list[Process]) -> None:
        self.port, self.apps, self.turn = port, apps, 0
        self.killed: Process | None = None

    def kill(self) -> None:
        self.killed = self.apps[self.turn % len(self.apps)]
        self.turn += 1
        self.killed.kill()

    def start(self) -> None:
        if self.killed is not None:
            self.killed.start()  # returns once the restarted server answers /healthz itself


def signals_per_key() -> dict[str, int]:
    with psycopg.connect(dsn()) as conn:
        rows = conn.execute(
            "SELECT substring(description from 'bench-key:(.*)$'), count(*) FROM signals_signal GROUP BY 1"
        ).fetchall()
    return {str(key): int(count) for key, count in rows}


def unsealed() -> int:
    with psycopg.connect(dsn()) as conn:
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


def find_binary(name: str) -> str:
    found = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if Path(p).exists()), "")
    if not found:
        raise SystemExit(
            f"{name} is not installed: sudo apt-get install {'haproxy' if name == 'haproxy' else 'redis-server'}"
        )
    return found


def prepare(base_url: str) -> dict[str, Any]:
    """Migrate the throwaway database, add the minimal views' table and the bench's users, tokens and cases."""
    manage(env(base_url), "migrate", "--noinput", "-v0")
    with psycopg.connect(dsn(), autocommit=True) as conn:
        conn.execute(TABLE_SQL)
        conn.execute(f"INSERT INTO bench_row (body) SELECT '{{}}' FROM generate_series(1, {ROWS})")  # noqa: S608
    return dict(manage_json(env(base_url), SETUP % {"cases": CASES}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8, help="per phase, endpoint and server count")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=6, help="client threads per process")
    parser.add_argument("--endpoints", default="insert,read,signals,case-read,screening")
    parser.add_argument("--database", default=DB_NAME, help="throwaway database (dropped before and after)")
    parser.add_argument("--port", type=int, default=0, help="load balancer port; app servers +1, +2, Redis +3")
    parser.add_argument("--crash-submissions", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--kill-interval", type=float, default=3.0, help="seconds between kills")
    parser.add_argument("--crash-clients", type=int, default=8)
    parser.add_argument(
        "--plates",
        choices=("one", "each"),
        default="one",
        help="signals: one plate for all (each new subject is scored and linked against every earlier one, up to "
        "the key frequency cut-off of 300) or a plate per signal",
    )
    args = parser.parse_args()
    CONFIG["plates"] = args.plates
    endpoints = [e for e in args.endpoints.split(",") if e]
    haproxy, redis = find_binary("haproxy"), find_binary("redis-server")

    CONFIG["database"] = db = args.database
    lb = args.port or free_port()
    app_ports = [lb + 1, lb + 2] if args.port else [free_port(), free_port()]
    CONFIG["redis_port"] = lb + 3 if args.port else free_port()
    base_url = f"http://{HOST}:{lb}"
    for stale in RESULTS.parent.glob("stack_limit.*.log"):
        stale.unlink()

    admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{db}"')
    workdir = Path(tempfile.mkdtemp(prefix="stack-limit-"))
    redis_server = Process(
        [redis, "--bind", HOST, "--port", str(CONFIG["redis_port"]), "--save", "", "--appendonly", "no"],
        "redis",
        base_url,
    )
    apps = [gunicorn(port, f"app{n}", base_url) for n, port in enumerate(app_ports, 1)]
    worker = Process([str(PYTHON), "manage.py", "db_worker", "--queue-name", "default"], "worker", base_url)
    balancer = Balancer(haproxy, lb, app_ports, workdir)
    results: dict[str, Any] = {}
    shape = {"processes": args.processes, "threads": args.threads}
    crash_result: dict[str, Any] = {}
    try:
        redis_server.start()
        setup = prepare(base_url)
        for app in apps:
            app.start()
        worker.start()
        balancer.process.start()
        wait_until_up(lb)
        say(
            f"HAProxy {HOST}:{lb} -> 2 gunicorn servers ({WORKERS} workers x {THREADS} threads) on "
            f"{app_ports}; Redis :{CONFIG['redis_port']}; task worker sealing; database {db}"
        )
        say(f"clients: {args.processes} processes x {args.threads} threads; load before: {os.getloadavg()}")
        for endpoint in endpoints:
            results[endpoint] = {}
            for servers in (1, 2):
                balancer.use(servers)
                load(lb, endpoint, setup, seconds=2, **shape)  # warm-up (boundaries, connections, caches)
                peak = load(lb, endpoint, setup, seconds=args.seconds, **shape)
                paced = load(lb, endpoint, setup, seconds=args.seconds, rate=0.8 * peak["per_s"], **shape)
                key = "one" if servers == 1 else "two"
                results[endpoint][key] = {"max": peak, "at_80": paced, "load_avg": os.getloadavg()}
                say(f"{endpoint:<10} {servers} server(s): max {peak}; at 80 %: {paced}")
        balancer.use(2)
        say(f"crash: {args.crash_submissions} signals, kill -9 of one server every {args.kill_interval} s")
        crash_result = crash(
            KillOneInTurn(lb, apps),
            setup["signals"],
            args.crash_clients,
            args.crash_submissions,
            args.kills,
            args.kill_interval,
            "/api/v1/meldingen",
            signal_body,
        )
        attempted = crash_result.pop("_attempted")
        counts = signals_per_key()
        crash_result["lost"] = sum(counts.get(k, 0) == 0 for k in attempted)
        crash_result["duplicated"] = sum(counts.get(k, 0) > 1 for k in attempted)
        crash_result["load_avg"] = os.getloadavg()
        say(f"crash: {crash_result}")
        seal_seconds, left = wait_for_sealer(120)
        check = subprocess.run(  # noqa: S603
            [str(PYTHON), "manage.py", "verify_audit"],
            cwd=SRC,
            env=env(base_url),
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        balancer.process.stop()
        worker.stop()
        for app in apps:
            app.stop()
        redis_server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

    def rate(endpoint: str, servers: str) -> float | None:
        return results[endpoint][servers]["max"]["per_s"] if endpoint in results else None

    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 2) if a is not None and b else None

    ratios: dict[str, Any] = {
        "two_to_one": {e: ratio(rate(e, "two"), rate(e, "one")) for e in results},
        **{
            f"{a}_to_{b}": {s: ratio(rate(a, s), rate(b, s)) for s in ("one", "two")}
            for a, b in (("signals", "insert"), ("case-read", "read"), ("screening", "read"))
            if a in results and b in results
        },
    }
    targets: list[tuple[str, bool]] = []
    if "signals" in results and "insert" in results:
        value = ratios["signals_to_insert"]["two"]
        targets.append((f"two servers: signals / minimal insert = {value} >= 0.5", bool(value and value >= 0.5)))
    if "signals" in results:
        value = rate("signals", "two") or 0
        targets.append((f"two servers: signals {value}/s >= 96/s", value >= 96))
    if "case-read" in results and "read" in results:
        value = ratios["case-read_to_read"]["two"]
        targets.append((f"two servers: case reads / minimal read = {value} >= 0.5", bool(value and value >= 0.5)))
    for endpoint, result in results.items():
        p99 = result["two"]["at_80"]["p99_ms"]
        targets.append((f"two servers, {endpoint}: p99 at 80 % = {p99} ms <= 250 ms", p99 <= 250))
    errors = sum(r[s][phase]["errors"] for r in results.values() for s in ("one", "two") for phase in ("max", "at_80"))
    crash_ok = (
        crash_result.get("lost") == 0
        and crash_result.get("duplicated") == 0
        and crash_result.get("acknowledged") == crash_result.get("submissions")
    )
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "stack": {
            "load_balancer": "HAProxy, round robin, health check GET /healthz every 1 s (out after 2 failures "
            "or a refused connection), redispatch on every retry",
            "gunicorn": "--preload",
            "app_servers": 2,
            "gunicorn_workers": WORKERS,
            "threads": THREADS,
            "cache": "Redis",
            "settings": "benchsite.settings (dev, DEBUG off)",
        },
        "clients": shape,
        "seconds": args.seconds,
        "plates": args.plates,
        "results": results,
        "ratios": ratios,
        "crash": crash_result,
        "sealer": {"caught_up_after_s": seal_seconds, "left_unsealed": left},
        "verify_audit": (check.stdout or check.stderr).strip(),
        "targets": dict(targets),
        "errors": errors,
        "ok": check.returncode == 0 and errors == 0 and left == 0 and crash_ok,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    say(
        f"\n{'endpoint':<10} {'servers':>7} {'max/s':>8} {'p50':>7} {'p99':>7} | "
        f"{'80 %/s':>8} {'p50':>7} {'p99':>7}  (ms)"
    )
    for endpoint, result in results.items():
        for key, label in (("one", "1"), ("two", "2")):
            peak, paced = result[key]["max"], result[key]["at_80"]
            say(
                f"{endpoint:<10} {label:>7} {peak['per_s']:>8} {peak['p50_ms']:>7} {peak['p99_ms']:>7} | "
                f"{paced['per_s']:>8} {paced['p50_ms']:>7} {paced['p99_ms']:>7}"
            )
    say(f"\ntwo servers / one: {ratios['two_to_one']}")
    for name, value in ratios.items():
        if name != "two_to_one":
            say(f"{name}: {value}")
    c = crash_result
    say(
        f"crash: {c['submissions']} signals, {c['kills']} x kill -9 in {c['seconds']} s: acknowledged "
        f"{c['acknowledged']}, retries {c['retries']}, replayed {c['replayed']}, lost {c['lost']}, "
        f"duplicated {c['duplicated']}; p50 / p99 {c['p50_ms']} / {c['p99_ms']} ms"
    )
    for text, met in targets:
        say(f"{'met    ' if met else 'NOT MET'}  {text}")
    say(f"sealer caught up {seal_seconds} s after the load ({left} left); {report['verify_audit']}")
    say(f"load average after: {os.getloadavg()}; errors outside the crash phase: {errors}")
    say(f"\n{'OK' if report['ok'] else 'FAILED'}; written to {RESULTS.relative_to(ROOT)}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
