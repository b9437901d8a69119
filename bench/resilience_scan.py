# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the resilience scan's results on PostgreSQL for a large organisation.

Creates a throwaway database (``--db``, default ``weerbaar_bench_resilience``), migrates it (which stores
questionnaire version 1) and generates with bulk inserts: one municipality of 5,000 staff, of whom 1,000 are
process owners; three yearly scans of it (two closed, the current one open as a re-scan), each with every
process owner answering two topics (2,000 assignments, about 5,600 answers, 95 % submitted) and 1,500
improvement actions in mixed statuses; and 40 other municipalities with a closed scan of the same version
(30 respondents each), so the benchmark has quartiles to compute. Then measures, per request, after a
warm-up, in-process:

(a) the scan page's figures: ``scan_scores``, ``scan_progress``, ``scan_findings`` and ``scan_trend``;
(b) the anonymous benchmark (``selectors.benchmark``) over the 41 organisations;
(c) the council's summary (``council_summary``) over the three scans;
(d) ``GET /api/v1/weerbaarheidsscans/{uuid}`` through the whole HTTP stack (bearer token, policy, the
    consolidated scores, the audited READ).

Prints a table, writes ``bench/results/resilience_scan.json`` and drops the database. Exits 1 when a p95 is
above the target (100 ms). Only 127.0.0.1 is used. Run with ``make bench``.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from benchkit import ROOT, admin, django_setup, percentile, say

RESULTS = ROOT / "bench" / "results" / "resilience_scan.json"
TARGET_P95_MS = 100.0
STATUSES = ["open", "open", "in_uitvoering", "in_uitvoering", "afgerond", "afgerond", "afgerond", "vervallen"]


def _people(organisation: Any, count: int, owners: int, prefix: str) -> list[Any]:
    from weerbaar.accounts.constants import Role
    from weerbaar.accounts.models import RoleAssignment, User

    users = User.objects.bulk_create(
        User(
            username=f"{prefix}{n}",
            first_name="Mede",
            last_name=f"Werker {n}",
            password="!",  # noqa: S106 - an unusable password: nobody logs in as these
            home_organisation=organisation,
        )
        for n in range(count)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=user,
            organisation=organisation,
            role=Role.PROCESEIGENAAR if n < owners else Role.MEDEWERKER,
        )
        for n, user in enumerate(users)
    )
    return users[:owners]


def _scan(
    organisation: Any,
    coordinator: Any,
    owners: list[Any],
    *,
    rng: random.Random,
    base: float,
    days_ago: int,
    closed: bool,
    previous: Any,
    topics_each: int,
    actions: int,
) -> Any:
    from django.utils import timezone

    from weerbaar.resilience.models import (
        Answer,
        Assignment,
        Exposure,
        ImprovementAction,
        Scan,
        ScanModel,
    )

    model = ScanModel.objects.get(version=1)
    topics = list(model.topics.prefetch_related("questions"))
    opened = timezone.now() - timedelta(days=days_ago)
    scan = Scan.objects.create(
        organisation=organisation,
        scan_model=model,
        title=f"Scan {opened.year}",
        status="afgesloten" if closed else "open",
        previous=previous,
        opened_by=coordinator,
        opened_at=opened,
        closed_at=opened + timedelta(days=40) if closed else None,
    )
    Exposure.objects.bulk_create(
        Exposure(scan=scan, topic=t, level=rng.randint(1, 3)) for t in topics if t.kind == "proces"
    )
    assignments = []
    for n, owner in enumerate(owners):
        for k in range(topics_each):
            topic = topics[(n * topics_each + k) % len(topics)]
            submitted = rng.random() < 0.95
            assignments.append(
                Assignment(
                    scan=scan,
                    topic=topic,
                    respondent=owner,
                    status="ingediend" if submitted else "concept",
                    submitted_at=opened + timedelta(days=10) if submitted else None,
                )
            )
    by_topic = {t.pk: list(t.questions.all()) for t in topics}
    levels = [[max(0, min(4, round(rng.gauss(base, 1.0)))) for _q in by_topic[a.topic_id]] for a in assignments]
    for assignment, given in zip(assignments, levels, strict=True):
        if assignment.status == "ingediend":
            assignment.score = sum(given) / len(given)  # as answers_save fixes it on submission
    assignments = Assignment.objects.bulk_create(assignments, batch_size=2000)
    answers = [
        Answer(assignment=a, question=q, level=level, evidence="")
        for a, given in zip(assignments, levels, strict=True)
        for q, level in zip(by_topic[a.topic_id], given, strict=True)
    ]
    Answer.objects.bulk_create(answers, batch_size=5000)
    ImprovementAction.objects.bulk_create(
        (
            ImprovementAction(
                scan=scan,
                topic=topics[n % len(topics)],
                title=f"Verbeteractie {n}",
                owner=owners[n % len(owners)],
                due_date=(opened + timedelta(days=30 + n % 300)).date(),
                status=rng.choice(STATUSES),
                created_by=coordinator,
            )
            for n in range(actions)
        ),
        batch_size=2000,
    )
    return scan


def generate(*, staff: int, owners: int, others: int, actions: int, seed: int) -> dict[str, Any]:
    from django.db import connection

    from weerbaar.accounts.constants import Role
    from weerbaar.accounts.models import RoleAssignment
    from weerbaar.organisations.constants import OrganisationType
    from weerbaar.organisations.models import Organisation

    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    big = Organisation.objects.create(name="Gemeente Groot (bench)", type=OrganisationType.GEMEENTE)
    people = _people(big, staff, owners, "groot")
    coordinator = people[0]
    RoleAssignment.objects.create(user=coordinator, organisation=big, role=Role.WEERBAARHEIDSCOORDINATOR)
    council = people[1]
    RoleAssignment.objects.create(user=council, organisation=big, role=Role.RAADSLID)
    first = _scan(
        big,
        coordinator,
        people,
        rng=rng,
        base=1.8,
        days_ago=730,
        closed=True,
        previous=None,
        topics_each=2,
        actions=actions,
    )
    second = _scan(
        big,
        coordinator,
        people,
        rng=rng,
        base=2.2,
        days_ago=365,
        closed=True,
        previous=first,
        topics_each=2,
        actions=actions,
    )
    current = _scan(
        big,
        coordinator,
        people,
        rng=rng,
        base=2.6,
        days_ago=20,
        closed=False,
        previous=second,
        topics_each=2,
        actions=actions,
    )
    for n in range(others):
        org = Organisation.objects.create(name=f"Gemeente Vergelijk {n} (bench)", type=OrganisationType.GEMEENTE)
        respondents = _people(org, 30, 30, f"vergelijk{n}-")
        _scan(
            org,
            respondents[0],
            respondents,
            rng=rng,
            base=rng.uniform(1.2, 3.2),
            days_ago=200,
            closed=True,
            previous=None,
            topics_each=2,
            actions=10,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        counts = {}
        for table in ("accounts_user", "resilience_assignment", "resilience_answer", "resilience_improvementaction"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
            counts[table] = cursor.fetchone()[0]
    return {
        "coordinator_id": coordinator.pk,
        "council_id": council.pk,
        "scan_uuid": str(current.uuid),
        "seconds": round(time.monotonic() - started, 1),
        "rows": counts,
    }


def measure(name: str, func: Callable[[int], object], *, warmup: int, requests: int) -> dict[str, Any]:
    for n in range(warmup):
        func(n)
    timings: list[float] = []
    for n in range(requests):
        started = time.perf_counter()
        func(n)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "name": name,
        "requests": requests,
        "p50_ms": round(percentile(timings, 0.50), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
        "mean_ms": round(statistics.fmean(timings), 2),
    }


def run(generated: dict[str, Any], *, warmup: int, requests: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    from weerbaar.accounts.models import User
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.api.services import api_token_issue
    from weerbaar.resilience import selectors

    coordinator = User.objects.get(pk=generated["coordinator_id"])
    manager = actor_for(user=coordinator)
    council = actor_for(user=User.objects.get(pk=generated["council_id"]))
    scan = selectors.scan_get(actor=manager, uuid=generated["scan_uuid"])
    if scan is None:
        raise RuntimeError("the coordinator does not see the scan")

    def page(n: int) -> object:
        fresh = selectors.scan_get(actor=manager, uuid=generated["scan_uuid"])
        assert fresh is not None  # noqa: S101 - checked above
        scores = selectors.scan_scores(fresh)
        return (
            scores,
            selectors.scan_progress(fresh),
            selectors.scan_findings(fresh, scores),
            selectors.scan_trend(fresh),
        )

    def bench(n: int) -> object:
        return selectors.benchmark(scan)

    def council_page(n: int) -> object:
        return selectors.council_summary(actor=council)

    _token, raw = api_token_issue(user=coordinator)
    client = Client(SERVER_NAME="127.0.0.1", headers={"Authorization": f"Bearer {raw}"})

    def http_detail(n: int) -> object:
        response = client.get(f"/api/v1/weerbaarheidsscans/{generated['scan_uuid']}")
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code}: {response.content[:300]!r}")
        return response

    result = selectors.benchmark(scan)
    progress = selectors.scan_progress(scan)
    checks = {
        "benchmark_organisations": result.organisations,
        "benchmark_available": result.available,
        "assigned": progress.assigned,
        "submitted": progress.submitted,
        "findings": len(selectors.scan_findings(scan)),
        "trend_rows": len(selectors.scan_trend(scan) or []),
    }
    results = [
        measure("(a) scan page figures (scores, progress, findings, trend)", page, warmup=warmup, requests=requests),
        measure("(b) anonymous benchmark over 41 organisations", bench, warmup=warmup, requests=requests),
        measure("(c) council summary (3 scans)", council_page, warmup=warmup, requests=requests),
        measure("(d) GET /api/v1/weerbaarheidsscans/{uuid} (HTTP)", http_detail, warmup=warmup, requests=requests),
    ]
    connection.close()
    return results, checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="weerbaar_bench_resilience", help="the throwaway database's name")
    parser.add_argument("--staff", type=int, default=5000)
    parser.add_argument("--owners", type=int, default=1000)
    parser.add_argument("--others", type=int, default=40, help="other organisations with a closed scan")
    parser.add_argument("--actions", type=int, default=1500, help="improvement actions per scan")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    if args.db == "weerbaar":
        parser.error("the benchmark drops its database: give it a throwaway name")

    admin(f"DROP DATABASE IF EXISTS {args.db} WITH (FORCE)")
    admin(f"CREATE DATABASE {args.db}")
    started = time.monotonic()
    try:
        django_setup(args.db, API_THROTTLE_RATE="1000000/minute")
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", "--noinput", verbosity=0)
        call_command("createcachetable", verbosity=0)
        generated = generate(staff=args.staff, owners=args.owners, others=args.others, actions=args.actions, seed=42)
        say(f"generated in {generated['seconds']} s: {generated['rows']}")
        results, checks = run(generated, warmup=args.warmup, requests=args.requests)
        say(f"checks: {checks}")
        connections.close_all()
    finally:
        admin(f"DROP DATABASE IF EXISTS {args.db} WITH (FORCE)")

    ok = all(r["p95_ms"] <= TARGET_P95_MS for r in results)
    output = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "data": generated,
        "checks": checks,
        "target_p95_ms": TARGET_P95_MS,
        "results": results,
        "total_seconds": round(time.monotonic() - started, 1),
        "ok": ok,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(output, indent=2) + "\n")
    say(f"\n{'measure':<60} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for r in results:
        say(f"{r['name']:<60} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8}")
    say(f"\n{'OK' if ok else 'FAILED'} (target p95 <= {TARGET_P95_MS:g} ms); written to {RESULTS.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
