# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of training completion per department for an organisation of 5,000 staff, on PostgreSQL.

Creates the throwaway database ``weerbaar_h_training``, migrates it and generates one municipality with
5,000 staff in 60 departments of very different sizes (4 to 400: some below the threshold of 10), the shipped
module and a second published module assigned to every department, and attempts: about 65 % passed, some
after a failed try. Then measures, after a warm-up:

(a) ``selectors.completion_per_department`` for the resilience coordinator (every department, with totals:
    the counts and the complementary suppression of ``core.disclosure.protect_table`` at threshold 10);
(b) the same for the line manager of the largest department, and for the council (organisation total only);
(c) the coordinator's page ``/trainingen/voortgang/`` and the API ``/api/v1/trainingsresultaten/per-afdeling``
    through the whole stack in-process (middleware, policy, audit of the read, rendering), both modules.

Prints a table, writes ``bench/results/training_completion.json`` and drops the database. Exits 1 when a p95
is above the target. Only 127.0.0.1 is used.
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

RESULTS = ROOT / "bench" / "results" / "training_completion.json"
DB_NAME = "weerbaar_h_training"
TARGET_P95_MS = 100.0


def generate(*, staff: int, departments: int, seed: int) -> dict[str, Any]:
    """The organisation, its people and departments in bulk; modules, assignments and attempts too."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from weerbaar.accounts.constants import ROLE_PERMISSIONS, Role
    from weerbaar.accounts.models import RoleAssignment, User
    from weerbaar.accounts.services import user_create
    from weerbaar.core.policy import Actor
    from weerbaar.organisations.services import organisation_create
    from weerbaar.training import services
    from weerbaar.training.models import Attempt, Department, DepartmentMember, Module
    from weerbaar.training.standard import TITLE

    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    started = time.monotonic()
    org = organisation_create(actor=None, name="Gemeente Benchstad", type="gemeente")
    people = {}
    for username, role in (
        ("bench.coordinator", Role.WEERBAARHEIDSCOORDINATOR),
        ("bench.manager", Role.LEIDINGGEVENDE),
        ("bench.raad", Role.RAADSLID),
    ):
        people[role], _pw = user_create(
            actor=None,
            username=username,
            first_name="Bench",
            last_name=role,
            email=f"{username}@example.invalid",
            home_organisation=org,
            role=role,
            password="bench-Weerbaar-2026",  # noqa: S106 - a throwaway database; no forced change on first use
        )
    coordinator = Actor(
        user=people[Role.WEERBAARHEIDSCOORDINATOR],
        organisation=org,
        roles=frozenset({Role.WEERBAARHEIDSCOORDINATOR}),
        permissions=ROLE_PERMISSIONS[Role.WEERBAARHEIDSCOORDINATOR],
    )
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"bench.staff.{n:05d}",
            first_name="Staf",
            last_name=f"{n}",
            home_organisation=org,
            password=unusable,
        )
        for n in range(staff)
    )
    RoleAssignment.objects.bulk_create(RoleAssignment(user=u, organisation=org, role=Role.MEDEWERKER) for u in users)
    # Department sizes: a few very large, many middling, some below the threshold; they add up to ``staff``.
    small = [rng.randint(4, 9) if n % 10 == 0 else 0 for n in range(departments)]
    weights = [0.0 if size else rng.paretovariate(1.2) for size in small]
    rest = staff - sum(small)
    sizes = [size or max(10, round(rest * w / sum(weights))) for size, w in zip(small, weights, strict=True)]
    sizes[sizes.index(max(sizes))] += staff - sum(sizes)
    depts = Department.objects.bulk_create(
        Department(organisation=org, name=f"Afdeling {n:02d}") for n in range(departments)
    )
    members, cursor = [], 0
    for department, size in zip(depts, sizes, strict=True):
        members += [DepartmentMember(department=department, user=u) for u in users[cursor : cursor + size]]
        cursor += size
    DepartmentMember.objects.bulk_create(members)
    largest = depts[sizes.index(max(sizes))]
    largest.managers.add(people[Role.LEIDINGGEVENDE])

    shipped = Module.objects.get(organisation__isnull=True, title=TITLE)
    own = services.module_create(actor=coordinator, title="Integriteit", summary="Bench.", pass_mark=60)
    services.page_add(actor=coordinator, module=own, title="Pagina", body="Tekst.")
    services.scenario_add(
        actor=coordinator, module=own, situation="S.", question="V?", options=[("A", True, "Ja."), ("B", False, "Nee.")]
    )
    services.module_publish(actor=coordinator, module=own)
    due = timezone.localdate() + timedelta(days=30)
    for module in (shipped, own):
        for department in depts:
            services.assignment_create(actor=coordinator, module=module, due_date=due, department=department)
    now = timezone.now()
    attempts = []
    for module in (shipped, own):
        for user in users:
            roll = rng.random()
            if roll < 0.15:
                attempts.append(
                    Attempt(module=module, user=user, organisation=org, score=33, passed=False, completed_at=now)
                )
            if roll < 0.65:
                attempts.append(
                    Attempt(module=module, user=user, organisation=org, score=83, passed=True, completed_at=now)
                )
    Attempt.objects.bulk_create(attempts, batch_size=5000)
    return {
        "people": {role: u.pk for role, u in people.items()},
        "modules": [shipped.pk, own.pk],
        "seconds": round(time.monotonic() - started, 1),
        "rows": {"staff": staff, "departments": departments, "smallest": min(sizes), "largest": max(sizes),
                 "attempts": len(attempts)},
    }  # fmt: skip


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
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from weerbaar.accounts.constants import Role
    from weerbaar.accounts.models import User
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.api.services import api_token_issue
    from weerbaar.training import selectors
    from weerbaar.training.models import Module

    people = {role: User.objects.get(pk=pk) for role, pk in generated["people"].items()}
    actors = {role: actor_for(user=user) for role, user in people.items()}
    modules = list(Module.objects.filter(pk__in=generated["modules"]))
    coordinator = people[Role.WEERBAARHEIDSCOORDINATOR]
    TOTPDevice.objects.create(user=coordinator, name="bench", confirmed=True)
    web = Client(SERVER_NAME="127.0.0.1")
    web.force_login(coordinator)
    session = web.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=coordinator).persistent_id
    session.save()
    _token, raw = api_token_issue(user=coordinator)
    api = Client(SERVER_NAME="127.0.0.1", headers={"Authorization": f"Bearer {raw}"})

    def selector(role: str) -> Callable[[int], object]:
        return lambda n: selectors.completion_per_department(actor=actors[role], module=modules[n % 2])

    def ok(response: Any) -> Any:
        if response.status_code != 200:
            raise RuntimeError(f"unexpected status {response.status_code}")
        return response

    first = selectors.completion_per_department(actor=actors[Role.WEERBAARHEIDSCOORDINATOR], module=modules[0])
    if first is None or first.total is None:
        raise RuntimeError("the coordinator reads no completion figures")
    checks = {
        "rows": len(first.rows),
        "rows_without_figures": sum(1 for r in first.rows if r.done == "—" and r.not_done == "—"),
        "total": [first.total.members, first.total.done, first.total.not_done, first.total.share],
    }
    results = [
        measure("selector: coordinator, 60 departments + total", selector(Role.WEERBAARHEIDSCOORDINATOR),
                warmup=warmup, requests=requests),
        measure("selector: line manager, own department", selector(Role.LEIDINGGEVENDE),
                warmup=warmup, requests=requests),
        measure("selector: council, organisation total", selector(Role.RAADSLID), warmup=warmup, requests=requests),
        measure("HTTP page /trainingen/voortgang/ (2 modules)", lambda n: ok(web.get("/trainingen/voortgang/")),
                warmup=warmup, requests=requests),
        measure("HTTP API /api/v1/trainingsresultaten/per-afdeling",
                lambda n: ok(api.get("/api/v1/trainingsresultaten/per-afdeling")), warmup=warmup, requests=requests),
    ]  # fmt: skip
    return results, checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=5_000)
    parser.add_argument("--departments", type=int, default=60)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()

    admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(f"CREATE DATABASE {DB_NAME}")
    started = time.monotonic()
    try:
        django_setup(DB_NAME, API_THROTTLE_RATE="1000000/minute")
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", "--noinput", verbosity=0)
        call_command("createcachetable", verbosity=0)  # the rate limits and sessions of the pages
        generated = generate(staff=args.staff, departments=args.departments, seed=42)
        say(f"generated in {generated['seconds']} s: {generated['rows']}")
        results, checks = run(generated, warmup=args.warmup, requests=args.requests)
        say(f"checks: {checks}")
        connections.close_all()
    finally:
        admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    ok = all(r["p95_ms"] <= TARGET_P95_MS for r in results)
    output = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "data": generated["rows"],
        "checks": checks,
        "target_p95_ms": TARGET_P95_MS,
        "results": results,
        "total_seconds": round(time.monotonic() - started, 1),
        "ok": ok,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(output, indent=2) + "\n")
    say(f"\n{'measure':<52} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for r in results:
        say(f"{r['name']:<52} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8}")
    say(f"\n{'OK' if ok else 'FAILED'} (target p95 <= {TARGET_P95_MS:g} ms); written to {RESULTS.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
