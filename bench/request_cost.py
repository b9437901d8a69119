# SPDX-License-Identifier: EUPL-1.2
"""What one request costs, in process: SQL statements and their time, and where the wall time goes.

Creates the throwaway PostgreSQL database ``weerbaar_bench_cost``, migrates it (and ``createcachetable``, so
the throttle counts in the database cache as in production), adds a municipality, a partner and a
casusregisseur with bearer tokens and a few cases, then drives the endpoints through Django's WSGI handler
(the test client, with the whole middleware stack; DEBUG off; the bench site ``bench/benchsite``, so the
two minimal views of ``stack_limit.py`` are measured beside them):

- ``insert`` / ``read``: the minimal views (one row in a transaction, one row by primary key);
- ``signals``: ``POST /api/v1/meldingen`` with one vehicle subject (bearer token, Idempotency-Key, routing,
  subject resolution, audit);
- ``case-read``: ``GET /api/v1/casussen/{uuid}`` (bearer token, scoped selectors, audited read).

Per endpoint, over N requests after a warm-up: wall time p50/p95, SQL statements per request and their
time, and a breakdown by phase. The phases are measured by wrapping the functions that do them:
``auth`` (bearer-token authentication), ``throttle`` (the API throttle), ``audit`` (``audit_event_record``),
``commit`` (COMMITs of the database connection), ``view`` (the rest of the API view) and ``middleware``
(everything outside the view: the middleware stack, URL resolution, the handler). Each SQL statement is
filed under the innermost phase that ran it. ``--sql`` prints the statements of one request per endpoint.
For signals it also reports how long the subject's key locks were held, from the statement that takes them
to the end of the COMMIT: every other registration of the same plate waits that long.

``--profile`` runs the endpoints under cProfile instead (no phase instrumentation, so the profile sees only
the request) and prints, per endpoint, the functions with the most cumulative and the most own time per
request; ``--callees PATTERN`` and ``--callers PATTERN`` add what the matching functions call and what calls
them. ``--database`` names the throwaway database (default ``weerbaar_bench_cost``).

Usage: ``.venv/bin/python bench/request_cost.py [-n 200] [--endpoints signals,case-read] [--sql] [--keep]
[--reuse] [--profile [--top 25] [--callees PATTERN] [--callers PATTERN]] [--database NAME]``. Results in
``bench/results/request_cost.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from benchkit import ROOT, SRC, admin, django_environ, manage, manage_json, percentile, say

RESULTS = ROOT / "bench" / "results" / "request_cost.json"
#: Set in main() from ``--database`` and ``--plates``.
CONFIG = {"database": "weerbaar_bench_cost", "plates": "one"}
#: The letters Dutch plates use.
PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"
ROWS, CASES = 1000, 20
TABLE_SQL = "CREATE TABLE bench_row (id bigserial PRIMARY KEY, body text NOT NULL)"
#: The statement that takes a subject's key locks (``resolver.subject_keys_lock``).
KEY_LOCK = "pg_advisory_xact_lock(key)"
PHASES = ("middleware", "auth", "throttle", "view", "audit", "commit")

SETUP = """
import json
from django.db import connection
from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.selectors import actor_for
from weerbaar.accounts.services import user_create
from weerbaar.api.services import api_token_issue
from weerbaar.audit.sealing import audit_seal_pending
from weerbaar.cases.services import case_create
from weerbaar.geo.models import Municipality
from weerbaar.geo.services import geography_load
from weerbaar.organisations.services import organisation_create
with connection.cursor() as cursor:
    cursor.execute("%(table)s")
    cursor.execute("INSERT INTO bench_row (body) SELECT '{}' FROM generate_series(1, %(rows)d)")
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


def environ() -> dict[str, str]:
    base = django_environ(CONFIG["database"], API_THROTTLE_RATE="1000000/minute")
    return {**base, "DJANGO_SETTINGS_MODULE": "benchsite.settings"}


def prepare() -> dict[str, Any]:
    """Create, migrate and fill the throwaway database; returns the tokens and case UUIDs."""
    admin(f'DROP DATABASE IF EXISTS "{CONFIG["database"]}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{CONFIG["database"]}"')
    env = {**os.environ, **environ(), "PYTHONPATH": str(ROOT / "bench")}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    return dict(manage_json(env, SETUP % {"cases": CASES, "rows": ROWS, "table": TABLE_SQL}))


def signal_body(key: str, plate: str = "AB-123-C") -> bytes:
    return json.dumps(
        {
            "fenomeen": "drugsafvaldumping",
            "indicatoren": ["vaten"],
            "omschrijving": f"Vaten langs de bosrand. bench-key:{key}",
            "locatie": {"soort": "punt", "breedtegraad": 51.55551, "lengtegraad": 5.0913},
            "betrokkenen": [{"soort": "voertuig", "kenteken": plate}],
            "drugsafval": {"soortDumping": "vaten", "volumeLiters": 200},
        }
    ).encode()


def fresh_plate() -> str:
    """A plate no earlier signal is likely to carry (random letters around three digits)."""
    import random

    rng = random.SystemRandom()
    letters = "".join(rng.choice(PLATE_LETTERS) for _ in range(3))
    return f"{letters[:2]}-{rng.randrange(1000):03d}-{letters[2]}"  # the side code XX-999-X


class Recorder:
    """Times the phases of one request and files its SQL statements under the innermost running phase."""

    def __init__(self) -> None:
        self.stack: list[str] = ["middleware"]
        self.started: list[float] = [0.0]
        self.own: dict[str, float] = defaultdict(float)
        self.sql: list[tuple[str, str, float]] = []
        self.key_locked_at: float | None = None
        self.key_lock_held: float | None = None

    def reset(self) -> None:
        self.stack, self.started, self.own, self.sql = ["middleware"], [time.perf_counter()], defaultdict(float), []
        self.key_locked_at = self.key_lock_held = None

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        now = time.perf_counter()
        self.own[self.stack[-1]] += now - self.started[-1]
        self.stack.append(name)
        self.started.append(now)
        try:
            yield
        finally:
            end = time.perf_counter()
            self.own[self.stack.pop()] += end - self.started.pop()
            self.started[-1] = end

    def finish(self) -> dict[str, float]:
        now = time.perf_counter()
        self.own[self.stack[-1]] += now - self.started[-1]
        return dict(self.own)

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        original: Callable[..., Any] = getattr(owner, attribute)
        recorder = self

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            with recorder.phase(name):
                return original(*args, **kwargs)

        setattr(owner, attribute, wrapped)

    def execute(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql.append((self.stack[-1], sql, time.perf_counter() - began))
            if self.key_locked_at is None and KEY_LOCK in sql:
                self.key_locked_at = began  # from asking for the subject's key locks ...

    def committed(self) -> None:
        if self.key_locked_at is not None and self.key_lock_held is None:
            self.key_lock_held = time.perf_counter() - self.key_locked_at  # ... to the end of the COMMIT


def instrument(recorder: Recorder) -> None:
    """Wrap the functions whose time makes the phases (see the module docstring)."""
    from django.db import connection
    from django.urls import get_resolver
    from rest_framework.views import APIView

    import weerbaar.audit.services as audit_services
    from weerbaar.api.authentication import BearerTokenAuthentication
    from weerbaar.api.throttling import RateLimitThrottle

    _patterns = get_resolver().url_patterns  # import every view module (and the services they import) first
    recorder.wrap(APIView, "dispatch", "view")
    recorder.wrap(BearerTokenAuthentication, "authenticate", "auth")
    recorder.wrap(RateLimitThrottle, "allow_request", "throttle")
    # Services import the function by name: wrap it where each caller looks it up.
    record = audit_services.audit_event_record
    for module in [m for m in sys.modules.values() if getattr(m, "audit_event_record", None) is record]:
        recorder.wrap(module, "audit_event_record", "audit")
    connection.ensure_connection()
    original_commit = connection.commit

    def commit() -> None:
        began = time.perf_counter()
        with recorder.phase("commit"):
            original_commit()
        recorder.sql.append(("commit", "COMMIT", time.perf_counter() - began))
        recorder.committed()

    connection.commit = commit  # type: ignore[method-assign]  # the benchmark's own connection
    connection.execute_wrappers.append(recorder.execute)


def request_for(endpoint: str, setup: dict[str, Any], n: int) -> tuple[str, str, bytes | None, dict[str, str]]:
    if endpoint == "insert":
        return "POST", "/_bench/rijen", b'{"tekst": "een rij"}', {}
    if endpoint == "read":
        return "GET", f"/_bench/rijen/{1 + n % ROWS}", None, {}
    if endpoint == "signals":
        key = str(uuid.uuid4())
        headers = {"HTTP_AUTHORIZATION": f"Bearer {setup['signals']}", "HTTP_IDEMPOTENCY_KEY": key}
        return (
            "POST",
            "/api/v1/meldingen",
            signal_body(key, fresh_plate() if CONFIG["plates"] == "each" else "AB-123-C"),
            headers,
        )
    case = setup["case_uuids"][n % len(setup["case_uuids"])]
    return "GET", f"/api/v1/casussen/{case}", None, {"HTTP_AUTHORIZATION": f"Bearer {setup['cases']}"}


EXPECTED = {"insert": 201, "read": 200, "signals": 201, "case-read": 200}


def measure(endpoint: str, setup: dict[str, Any], recorder: Recorder, n: int, warmup: int, *, show_sql: bool) -> dict:
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    walls: list[float] = []
    phases: dict[str, list[float]] = defaultdict(list)
    statements: list[int] = []
    sql_ms: list[float] = []
    sql_by_phase: dict[str, Counter[str]] = defaultdict(Counter)
    key_lock_held: list[float] = []
    for i in range(warmup + n):
        method, path, body, headers = request_for(endpoint, setup, i)
        recorder.reset()
        began = time.perf_counter()
        if method == "POST":
            response = client.post(path, data=body, content_type="application/json", **headers)
        else:
            response = client.get(path, **headers)
        wall = time.perf_counter() - began
        own = recorder.finish()
        if response.status_code != EXPECTED[endpoint]:
            raise SystemExit(f"{endpoint}: {response.status_code} {response.content[:300]!r}")
        if i < warmup:
            continue
        walls.append(wall * 1000)
        for name in PHASES:
            phases[name].append(own.get(name, 0.0) * 1000)
        statements.append(len(recorder.sql))
        if recorder.key_lock_held is not None:
            key_lock_held.append(recorder.key_lock_held * 1000)
        sql_ms.append(sum(t for _p, _s, t in recorder.sql) * 1000)
        for phase, _sql, _t in recorder.sql:
            sql_by_phase[phase]["n"] += 1
        if show_sql and i == warmup:
            say(f"-- {endpoint}: the statements of one request")
            for phase, sql, t in recorder.sql:
                say(f"   {phase:<10} {t * 1000:6.2f} ms  {' '.join(sql.split())[:150]}")
    return {
        "requests": n,
        "wall_p50_ms": round(percentile(walls, 0.5), 2),
        "wall_p95_ms": round(percentile(walls, 0.95), 2),
        "sql_statements": round(sum(statements) / len(statements), 1),
        "sql_ms_p50": round(percentile(sql_ms, 0.5), 2),
        "phases_p50_ms": {name: round(percentile(phases[name], 0.5), 2) for name in PHASES},
        "phases_mean_ms": {name: round(sum(phases[name]) / len(phases[name]), 2) for name in PHASES},
        "sql_per_phase": {name: round(sql_by_phase[name]["n"] / n, 1) for name in PHASES if sql_by_phase[name]["n"]},
        # How long the subject's key locks were held (signals): every other registration of the same plate
        # waits that long, so 1000 / p50 is what one plate can take per second, whatever the servers.
        "key_lock_held_p50_ms": round(percentile(key_lock_held, 0.5), 2) if key_lock_held else None,
        "key_lock_held_p95_ms": round(percentile(key_lock_held, 0.95), 2) if key_lock_held else None,
    }


def _area(filename: str) -> str:
    """Where a function lives, coarsely: ``django/db``, ``rest_framework``, ``psycopg``, ``weerbaar/audit``, ..."""
    parts = filename.replace("\\", "/").split("/")
    for anchor in ("site-packages", "src", "lib"):
        if anchor in parts:
            rest = parts[parts.index(anchor) + 1 :]
            if rest and rest[0] in ("django", "weerbaar", "linkage") and len(rest) > 2:
                return "/".join(rest[:2])
            return rest[0] if rest else filename
    return "builtins" if filename.startswith("~") else filename.rsplit("/", 1)[-1]


def profile(
    endpoint: str, setup: dict[str, Any], n: int, warmup: int, top: int, callees: str, callers: str = ""
) -> dict[str, Any]:
    """``n`` requests under cProfile after ``warmup`` unprofiled ones; prints the top functions per request by
    cumulative and by own time, and the CPU time (process) against the wall time."""
    import cProfile
    import io
    import pstats

    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")

    def send(i: int) -> None:
        method, path, body, headers = request_for(endpoint, setup, i)
        if method == "POST":
            response = client.post(path, data=body, content_type="application/json", **headers)
        else:
            response = client.get(path, **headers)
        if response.status_code != EXPECTED[endpoint]:
            raise SystemExit(f"{endpoint}: {response.status_code} {response.content[:300]!r}")

    for i in range(warmup):
        send(i)
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(warmup, warmup + n):  # unprofiled: the CPU and wall time the profiler does not inflate
        send(i)
    cpu, wall = (time.process_time() - cpu) / n * 1000, (time.perf_counter() - wall) / n * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(warmup + n, warmup + 2 * n):
        send(i)
    profiler.disable()
    say(f"== {endpoint}: {n} requests, per request {cpu:.1f} ms CPU of {wall:.1f} ms wall (unprofiled)")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(order).print_stats(top)
        lines = out.getvalue().splitlines()
        start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
        say(f"-- by {order} (seconds over all {n} requests)")
        for line in lines[start:]:
            if line.strip():
                say(f"   {line.rstrip()[:170]}")
    by_area: Counter[str] = Counter()
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in pstats.Stats(profiler).stats.items():  # type: ignore[attr-defined]
        by_area[_area(filename)] += own
    total = sum(by_area.values()) or 1.0
    say("-- own time by area (share of the profiled time)")
    for area, own in by_area.most_common(12):
        say(f"   {area:<28} {own / total:6.1%}")
    for pattern, direction in ((callees, "callees"), (callers, "callers")):
        if pattern:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
            getattr(stats, f"print_{direction}")(pattern)
            say(f"-- what {pattern} calls" if direction == "callees" else f"-- what calls {pattern}")
            for line in out.getvalue().splitlines():
                if line.strip():
                    say(f"   {line.rstrip()[:190]}")
    return {"requests": n, "cpu_ms": round(cpu, 2), "wall_ms": round(wall, 2)}


def measure_parallel(setup: dict[str, Any], threads: int, n: int, *, same_plate: bool) -> dict[str, Any]:
    """``n`` signals from ``threads`` threads at once (no phase breakdown): with one plate for all, every
    registration waits for the one before (they could match); with a plate each, none waits for another."""
    import random
    import threading

    from django.db import connections
    from django.test import Client

    letters = "BDFGHJKLNPRSTVXZ"  # the letters Dutch plates use
    rng = random.Random()  # noqa: S311 - test data, not secrets; plates new to every run (a kept database)

    def plate(i: int) -> str:
        return f"{rng.choice(letters)}{rng.choice(letters)}-{i % 1000:03d}-{rng.choice(letters)}"

    one = plate(rng.randrange(1000))
    plates = [one if same_plate else plate(i) for i in range(n)]
    failures: list[str] = []
    start = threading.Barrier(threads)

    def run(part: list[str]) -> None:
        client = Client(SERVER_NAME="127.0.0.1")
        start.wait()
        for plate in part:
            key = str(uuid.uuid4())
            response = client.post(
                "/api/v1/meldingen",
                data=signal_body(key, plate),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {setup['signals']}",
                HTTP_IDEMPOTENCY_KEY=key,
            )
            if response.status_code != EXPECTED["signals"]:
                failures.append(f"{response.status_code} {response.content[:200]!r}")
        connections.close_all()

    pool = [threading.Thread(target=run, args=(plates[i::threads],)) for i in range(threads)]
    began = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - began
    if failures:
        raise SystemExit(f"signals in parallel: {len(failures)} failed, first {failures[0]}")
    return {"threads": threads, "signals": n, "same_plate": same_plate, "per_second": round(n / seconds, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="measured requests per endpoint (default 200)")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--endpoints", default="insert,read,signals,case-read")
    parser.add_argument("--sql", action="store_true", help="print the statements of one request per endpoint")
    parser.add_argument("--keep", action="store_true", help="keep the database (reuse it with --reuse)")
    parser.add_argument(
        "--parallel", type=int, default=0, help="also post -n signals from this many threads at once (no phases)"
    )
    parser.add_argument("--reuse", action="store_true", help="reuse the database of a --keep run")
    parser.add_argument("--database", default=CONFIG["database"], help="the throwaway database")
    parser.add_argument(
        "--plates",
        choices=("one", "each"),
        default="one",
        help="signals: one plate for all (each new subject is scored and linked against every earlier one, up "
        "to the key frequency cut-off) or a fresh plate per signal",
    )
    parser.add_argument(
        "--profile", action="store_true", help="run the endpoints under cProfile and print the top functions"
    )
    parser.add_argument("--top", type=int, default=25, help="functions listed per endpoint with --profile")
    parser.add_argument("--callees", default="", help="with --profile: also list what the functions matching this call")
    parser.add_argument("--callers", default="", help="with --profile: also list the callers of these functions")
    args = parser.parse_args()
    CONFIG["database"] = args.database
    CONFIG["plates"] = args.plates
    load_before = os.getloadavg()
    setup_file = ROOT / "bench" / "results" / f"request_cost.{args.database}.setup.json"
    if args.reuse and setup_file.exists():
        setup = json.loads(setup_file.read_text())
    else:
        say(f"preparing {CONFIG['database']}")
        setup = prepare()
        if args.keep:
            setup_file.parent.mkdir(parents=True, exist_ok=True)
            setup_file.write_text(json.dumps(setup))
    os.environ.update(environ())
    sys.path[:0] = [str(SRC), str(ROOT / "bench")]
    import django

    django.setup()
    results: dict[str, Any] = {}
    try:
        if args.parallel:  # before the instrumentation, which follows one request at a time
            for same in (False, True):
                r = measure_parallel(setup, args.parallel, args.n, same_plate=same)
                results[f"signals-parallel-{'same' if same else 'distinct'}-plate"] = r
                say(
                    f"signals from {args.parallel} threads, {'one plate' if same else 'a plate each'}: "
                    f"{r['per_second']}/s"
                )
        if args.profile:
            for endpoint in [e for e in args.endpoints.split(",") if e]:
                results[endpoint] = profile(endpoint, setup, args.n, args.warmup, args.top, args.callees, args.callers)
            return 0
        recorder = Recorder()
        instrument(recorder)
        for endpoint in [e for e in args.endpoints.split(",") if e]:
            results[endpoint] = measure(endpoint, setup, recorder, args.n, args.warmup, show_sql=args.sql)
            r = results[endpoint]
            phases = "  ".join(f"{k} {v:.1f}" for k, v in r["phases_mean_ms"].items())
            say(
                f"{endpoint:<10} p50 {r['wall_p50_ms']:7.2f} ms  p95 {r['wall_p95_ms']:7.2f} ms  "
                f"SQL {r['sql_statements']:5.1f} stmts {r['sql_ms_p50']:6.2f} ms | mean ms: {phases}"
            )
            say(f"{'':<10} SQL per phase: {r['sql_per_phase']}")
            if r["key_lock_held_p50_ms"] is not None:
                held = f"p50 {r['key_lock_held_p50_ms']:.2f} ms  p95 {r['key_lock_held_p95_ms']:.2f} ms"
                say(f"{'':<10} key locks held {held}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin(f'DROP DATABASE IF EXISTS "{CONFIG["database"]}" WITH (FORCE)')
        if args.profile:
            say(f"load (1/5/15 min) before {[round(x, 2) for x in load_before]} after {os.getloadavg()}")
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "endpoints": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    say(f"load (1/5/15 min) before {report['load_before']} after {report['load_after']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
