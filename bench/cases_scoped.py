# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the permission-scoped case list, search and detail on PostgreSQL.

Creates the throwaway database ``weerbaar_bench_cases``, migrates it and generates (with COPY) 200
organisations, 100,000 cases with about 300,000 memberships and 1,000,000 items; the benchmark user's
organisation is a member of exactly 1 % of the cases (1,000). Then measures, per request, after a warm-up:

(a) the case list, first page of 20 (count + page, as the paginator does) via ``selectors.case_list`` and
    the API serializer, in-process;
(b) a number/title search within scope via ``selectors.case_title_search`` (first page of 20);
(c) a case detail with its visible items via ``selectors.case_get`` + ``case_items_visible``;

and the same three through the whole HTTP stack in-process (Django test client with a bearer token:
middleware, authentication, policy, pagination, JSON rendering and, for the detail, the audited READ).
Prints a table, writes ``bench/results/cases_scoped.json`` and drops the database. Exits 1 when a p95
is above the target. Only 127.0.0.1 is used. Run with ``make bench``.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from benchkit import ROOT, admin, django_setup, percentile, say

RESULTS = ROOT / "bench" / "results" / "cases_scoped.json"
DB_NAME = "weerbaar_bench_cases"
DB_DSN = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
TARGET_P95_MS = 50.0

PLACES = [
    "Biezenmortel", "Moergestel", "Oisterwijk", "Udenhout", "Berkel-Enschot", "Goirle", "Hilvarenbeek",
    "Haaren", "Loon op Zand", "Kaatsheuvel", "Dongen", "Rijen", "Gilze", "Oosterhout", "Waalwijk", "Drunen",
]  # fmt: skip
OBJECTS = ["Schuur", "Loods", "Woning", "Bedrijfspand", "Bosrand", "Garagebox", "Boerderij", "Kas", "Opslag"]
TOPICS = ["drugsafval", "hennepteelt", "drugslab", "witwassen", "malafide verhuur", "vastgoed", "ondermijning"]
PHENOMENA = ["hennepteelt", "drugslab", "drugsafvaldumping", "witwassen", "vastgoedfraude", "malafide_verhuur"]
REGIMES = ["avg", "avg", "avg", "wpg", "awr", "wgs"]
KINDS = ["notitie", "document", "betrokkene", "bevinding"]


def generate(*, cases: int, items_per_case: int, orgs: int, member_cases: int, seed: int) -> dict[str, Any]:
    """Organisations and the benchmark user through the services; cases, memberships and items by COPY."""
    from weerbaar.accounts.constants import Role, ScreeningStatus
    from weerbaar.accounts.services import user_create
    from weerbaar.organisations.models import Organisation

    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    types = ["gemeente"] * 6 + ["politie", "belastingdienst", "om", "omgevingsdienst", "provincie", "riec"]
    Organisation.objects.bulk_create(
        [
            Organisation(name=f"Benchorganisatie {n:03d}", type=types[n % len(types)] if n else "gemeente")
            for n in range(orgs)
        ]
    )
    org_ids = list(Organisation.objects.order_by("name").values_list("pk", flat=True))
    bench_org = Organisation.objects.get(name="Benchorganisatie 000")
    user, _password = user_create(
        actor=None,
        username="bench.casusregisseur",
        first_name="Bench",
        last_name="Regisseur",
        email="bench.cases@example.invalid",
        home_organisation=bench_org,
        role=Role.CASUSREGISSEUR,
        screening_status=ScreeningStatus.PASSED,
    )
    others = [o for o in org_ids if o != bench_org.pk]
    bench_cases = set(rng.sample(range(1, cases + 1), member_cases))
    now = datetime.now(UTC)
    started = time.monotonic()
    with psycopg.connect(DB_DSN) as conn, conn.cursor() as cur:
        members: dict[int, list[int]] = {}
        with cur.copy(
            "COPY cases_case (id, uuid, number, title, owner_id, phenomena, classification, status, assessment,"
            " created_by_id, created_at, version) FROM STDIN"
        ) as copy:
            for pk in range(1, cases + 1):
                created = now - timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
                owner = rng.choice(others)
                partners = rng.sample(others, 2)
                if pk in bench_cases:  # the benchmark organisation: directing in a fifth, else a partner
                    if rng.random() < 0.2:
                        owner = bench_org.pk
                    else:
                        partners[0] = bench_org.pk
                members[pk] = [owner, *(p for p in partners if p != owner)]
                title = f"{rng.choice(OBJECTS)} {rng.choice(PLACES)} — {rng.choice(TOPICS)}"
                copy.write_row(
                    (
                        pk,
                        uuid.UUID(int=rng.getrandbits(128), version=4),
                        f"C{created.year}-{pk:06d}",
                        title,
                        owner,
                        json.dumps(rng.sample(PHENOMENA, rng.randint(1, 2))),
                        "vertrouwelijk",
                        rng.choice(["aangemaakt", "verrijking", "analyse", "strategie", "uitvoering", "afgesloten"]),
                        "Afweging vastgelegd." if rng.random() < 0.5 else "",
                        user.pk,
                        created,
                        1,
                    )
                )
        with cur.copy(
            "COPY cases_membership (uuid, case_id, organisation_id, role, joined_at, ends_on, added_by_id) FROM STDIN"
        ) as copy:
            for pk, orgs_of_case in members.items():
                for position, org in enumerate(orgs_of_case):
                    ended = position > 0 and rng.random() < 0.05
                    copy.write_row(
                        (
                            uuid.UUID(int=rng.getrandbits(128), version=4),
                            pk,
                            org,
                            "regie" if position == 0 else "deelnemer",
                            now,
                            (now - timedelta(days=30)).date() if ended and org != bench_org.pk else None,
                            user.pk,
                        )
                    )
        body = "Waargenomen bij controle; zie bijlage voor de details van de bevinding. " * 2
        with cur.copy(
            "COPY cases_caseitem (uuid, case_id, kind, title, body, supplier_id, regime, consent_required,"
            " created_by_id, created_at) FROM STDIN"
        ) as copy:
            for pk, orgs_of_case in members.items():
                for n in range(items_per_case):
                    copy.write_row(
                        (
                            uuid.UUID(int=rng.getrandbits(128), version=4),
                            pk,
                            KINDS[n % len(KINDS)],
                            f"Stuk {n + 1}",
                            body,
                            rng.choice(orgs_of_case),
                            rng.choice(REGIMES),
                            rng.random() < 0.1,
                            user.pk,
                            now,
                        )
                    )
        # The supplier consented to show half of the consent-requiring items to the benchmark organisation.
        cur.execute(
            "INSERT INTO cases_itemconsent (item_id, organisation_id, export, granted_by_id, granted_at)"
            " SELECT i.id, %s, false, %s, now() FROM cases_caseitem i"
            " JOIN cases_membership m ON m.case_id = i.case_id AND m.organisation_id = %s"
            " WHERE i.consent_required AND i.id %% 2 = 0",
            (bench_org.pk, user.pk, bench_org.pk),
        )
        for table in ("cases_case", "cases_membership", "cases_caseitem", "cases_itemconsent"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1)) FROM {table}")  # noqa: S608
        conn.commit()
    with psycopg.connect(DB_DSN, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]  # noqa: S608
            for table in ("cases_case", "cases_membership", "cases_caseitem", "cases_itemconsent")
        }
    return {"user_id": user.pk, "seconds": round(time.monotonic() - started, 1), "rows": counts}


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


def run(user_id: int, *, warmup: int, requests: int, explain: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    from weerbaar.accounts.models import User
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.api.services import api_token_issue
    from weerbaar.cases import selectors
    from weerbaar.cases.api.serializers import CaseDetailSerializer, CaseSummarySerializer

    user = User.objects.get(pk=user_id)
    actor = actor_for(user=user)
    visible = list(selectors.case_list(actor=actor).values_list("uuid", "number"))
    rng = random.Random(7)  # noqa: S311 - reproducible sampling, not secrets
    numbers = [number for _uuid, number in rng.sample(visible, min(50, len(visible)))]
    uuids = [case_uuid for case_uuid, _number in rng.sample(visible, min(200, len(visible)))]
    words = [*(p.split("-")[0] for p in PLACES), *OBJECTS, *TOPICS]
    searches = [numbers[n % len(numbers)] if n % 2 else f"{words[n % len(words)]}" for n in range(400)]

    def page(qs: Any) -> list[Any]:
        qs.count()  # the paginator's count
        return list(CaseSummarySerializer(qs[:20], many=True).data)

    def case_list(n: int) -> object:
        return page(selectors.case_list(actor=actor))

    def search(n: int) -> object:
        return page(selectors.case_title_search(actor=actor, text=searches[n % len(searches)]))

    def detail(n: int) -> object:
        case = selectors.case_get(actor=actor, uuid=uuids[n % len(uuids)])
        if case is None:
            raise RuntimeError("a member case was not found")
        items = list(selectors.case_items_visible(actor=actor, case=case))
        return CaseDetailSerializer(case, context={"items": items}).data

    _token, raw = api_token_issue(user=user)
    client = Client(SERVER_NAME="127.0.0.1", headers={"Authorization": f"Bearer {raw}"})

    def ok(response: Any) -> Any:
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code}: {response.content[:300]!r}")
        return response

    def http_list(n: int) -> object:
        return ok(client.get("/api/v1/casussen"))

    def http_search(n: int) -> object:
        return ok(client.post("/api/v1/casussen/_zoek", {"tekst": searches[n % len(searches)]}, "application/json"))

    def http_detail(n: int) -> object:
        return ok(client.get(f"/api/v1/casussen/{uuids[n % len(uuids)]}"))

    checks: dict[str, Any] = {"visible_cases": len(visible), "list_first_page": len(case_list(0))}
    checks["visible_items_per_case_mean"] = round(
        statistics.fmean(
            selectors.case_items_visible(actor=actor, case=c).count()
            for c in selectors.case_list(actor=actor).filter(uuid__in=uuids[:50])
        ),
        1,
    )
    if explain:
        first = selectors.case_list(actor=actor)[:20]
        say("EXPLAIN case_list page:\n" + first.explain(analyze=True))
        sample = selectors.case_get(actor=actor, uuid=uuids[0])
        if sample is None:
            raise RuntimeError("a member case was not found")
        say(
            "EXPLAIN case_items_visible:\n"
            + selectors.case_items_visible(actor=actor, case=sample).explain(analyze=True)
        )
    results = [
        measure("(a) case list, page 1 of 20 (selector + serializer)", case_list, warmup=warmup, requests=requests),
        measure("(b) number/title search in scope", search, warmup=warmup, requests=requests),
        measure("(c) case detail with visible items", detail, warmup=warmup, requests=requests),
        measure("(a) GET /api/v1/casussen (HTTP stack)", http_list, warmup=warmup, requests=requests),
        measure("(b) POST /api/v1/casussen/_zoek (HTTP stack)", http_search, warmup=warmup, requests=requests),
        measure("(c) GET /api/v1/casussen/{uuid} (HTTP, audited)", http_detail, warmup=warmup, requests=requests),
    ]
    connection.close()
    return results, checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--items-per-case", type=int, default=10)
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--member-share", type=float, default=0.01, help="share of cases the user's org is in")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    args = parser.parse_args()

    admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(f"CREATE DATABASE {DB_NAME}")
    started = time.monotonic()
    try:
        # the per-user API throttle would cap the benchmark
        django_setup(DB_NAME, API_THROTTLE_RATE="1000000/minute")
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", "--noinput", verbosity=0)
        generated = generate(
            cases=args.cases,
            items_per_case=args.items_per_case,
            orgs=args.organisations,
            member_cases=round(args.cases * args.member_share),
            seed=42,
        )
        say(f"generated in {generated['seconds']} s: {generated['rows']}")
        results, checks = run(generated["user_id"], warmup=args.warmup, requests=args.requests, explain=args.explain)
        say(f"checks: {checks}")
        connections.close_all()
    finally:
        admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    ok = all(r["p95_ms"] <= TARGET_P95_MS for r in results)
    output = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "data": {**generated, "member_cases": checks["visible_cases"], "items_per_case": args.items_per_case},
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
