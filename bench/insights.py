# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the situational picture (``/inzichten/``) on PostgreSQL: the full rebuild of the aggregates,
dashboard requests as several roles, and the incremental refresh.

Creates the throwaway database ``weerbaar_bench_insights``, migrates it, loads the CBS 2025 municipalities
and makes one municipality organisation for each (342). Then generates with COPY, spread over those
municipalities (a skewed spread: a few large, many small), 36 months and the categories:

- N signals (default 1,000,000; ``--signals``), each received by its municipality's organisation; of the
  last month's half qualified and a third decided, of older ones 97 % qualified and most decided;
- 100,000 cases (``--cases``), owned by a municipality organisation, about their own municipality, half of
  them with an intervention (some with a closure, an amount levied or seized);
- 50,000 threat incidents (``--threats``) against staff of a municipality organisation.

Measures (1) ``aggregates_refresh(full=True)``; (2) dashboard requests through the Django test client,
logged in with both factors as an intake officer, a programme manager, a council member and a security
coordinator, each in turn (the default twelve months, and a filter on a municipality and a phenomenon); (3)
the incremental refresh after 1,000 new signals. Targets: p95 ≤ 200 ms per dashboard request, incremental
refresh ≤ 5 s. Prints a table, writes ``bench/results/insights.json``, drops the database and exits 1 when a
target is missed. Only 127.0.0.1 is used. Part of ``make bench``.
"""

import argparse
import csv
import json
import os
import platform
import random
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from benchkit import ROOT, admin, django_setup, percentile, say

RESULTS = ROOT / "bench" / "results" / "insights.json"
DB_NAME = "weerbaar_bench_insights"
DB_DSN = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
MUNICIPALITIES_CSV = ROOT / "src" / "weerbaar" / "geo" / "data" / "gemeenten_2025.csv"
TARGET_P95_MS = 200.0
TARGET_REFRESH_S = 5.0
MONTHS = 36
PHENOMENA = [
    "hennepteelt", "drugslab", "drugsopslag", "drugsafvaldumping", "witwassen", "vastgoedfraude",
    "malafide_verhuur", "mensenhandel", "adresfraude",
]  # fmt: skip
SIGNAL_CHANNELS = ["medewerker", "ketenpartner", "gebiedspartner"]
CASE_STATUSES = ["aangemaakt", "verrijking", "analyse", "strategie", "uitvoering", "afgesloten"]
THREAT_CHANNELS = ["persoonlijk", "telefoon", "brief", "email", "sociale_media"]
#: The roles measured. Each benchmark user acts for the organisation of the municipality with the largest share
#: of the data (the worst case: the most aggregate rows in scope).
ROLES = ("meldpunt", "programmamanager", "raadslid", "veiligheidscoordinator")


def _spread(rng: random.Random, codes: list[str]) -> list[float]:
    """Cumulative weights over the municipalities: a Zipf-like spread in a random order (a few large cities,
    a long tail of small municipalities with small cells)."""
    order = codes[:]
    rng.shuffle(order)
    rank = {code: n + 1 for n, code in enumerate(order)}
    weights = [1 / rank[code] ** 0.9 for code in codes]
    total, running, cumulative = sum(weights), 0.0, []
    for weight in weights:
        running += weight / total
        cumulative.append(running)
    return cumulative


def _moment(rng: random.Random, now: datetime) -> datetime:
    return now - timedelta(minutes=rng.randrange(MONTHS * 30 * 24 * 60))


def _copy_signals(cur: Any, rng: random.Random, n: int, orgs: list[tuple[int, int]], weights: list[float],
                  now: datetime, *, recent: bool) -> None:  # fmt: skip
    """``n`` signals by COPY; ``orgs`` is (organisation id, municipality id) per municipality."""
    with cur.copy(
        "COPY signals_signal (uuid, channel, phenomenon, indicators, description, location_kind, street,"
        " house_number, postcode, city, forwarded_reference, status, received_at, acknowledge_due, weigh_due,"
        " qualified_at, decided_at, legal_hold, legal_hold_reason, version, organisation_id, municipality_id)"
        " FROM STDIN"
    ) as copy:
        for picks in _batched(rng.choices(orgs, cum_weights=weights, k=n), 10_000):
            for organisation_id, municipality_id in picks:
                received = now - timedelta(seconds=rng.randrange(3600)) if recent else _moment(rng, now)
                # An intake works its backlog off: of the last month's signals half are qualified and two
                # thirds of those decided; of older ones nearly all (a few stay open, overdue).
                settled = now - received > timedelta(days=30)
                qualified = (
                    received + timedelta(hours=rng.randrange(1, 240))
                    if rng.random() < (0.97 if settled else 0.5)
                    else None
                )
                decided = (
                    qualified + timedelta(days=rng.randrange(1, 60))
                    if qualified and rng.random() < (0.9 if settled else 0.66)
                    else None
                )
                copy.write_row(
                    (
                        uuid.UUID(int=rng.getrandbits(128), version=4),
                        rng.choice(SIGNAL_CHANNELS),
                        rng.choice(PHENOMENA),
                        "[]",
                        "Synthetisch.",
                        "gebied",
                        "", "", "", "", "",
                        ("intern_opgepakt" if decided else "gekwalificeerd") if qualified else "ontvangen",
                        received,
                        received + timedelta(days=1),
                        received + timedelta(days=28),
                        qualified,
                        decided,
                        False,
                        "",
                        1,
                        organisation_id,
                        municipality_id,
                    )
                )  # fmt: skip


def _batched(items: list[Any], size: int) -> Any:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def generate(*, signals: int, cases: int, threats: int, seed: int) -> dict[str, Any]:
    """Organisations and users through the models; signals, cases and incidents by COPY."""
    from weerbaar.accounts.constants import ScreeningStatus
    from weerbaar.accounts.services import user_create
    from weerbaar.geo.models import Municipality
    from weerbaar.geo.services import geography_load
    from weerbaar.organisations.models import Organisation

    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    geography_load()
    municipalities = {m.code: m for m in Municipality.objects.all()}
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as fh:
        codes = [row["gm_code"] for row in csv.DictReader(fh)]
    Organisation.objects.bulk_create(
        Organisation(name=f"Gemeente {municipalities[c].name} ({c})", type="gemeente", municipality=municipalities[c])
        for c in codes
    )
    org_of = dict(Organisation.objects.values_list("municipality__code", "pk"))
    orgs = [(org_of[code], municipalities[code].pk) for code in codes]
    weights = _spread(rng, codes)
    shares = [w - (weights[i - 1] if i else 0.0) for i, w in enumerate(weights)]
    largest = codes[max(range(len(codes)), key=shares.__getitem__)]
    users: dict[str, int] = {}
    for role in ROLES:
        user, _password = user_create(
            actor=None,
            username=f"bench.{role}",
            first_name="Bench",
            last_name=role,
            email=f"bench.{role}@example.invalid",
            home_organisation=Organisation.objects.get(pk=org_of[largest]),
            role=role,
            screening_status=ScreeningStatus.PASSED,
            password=f"bench-{uuid.uuid4()}",  # a password of one's own: no change of password asked first
        )
        users[role] = user.pk
    creator = users["programmamanager"]
    now = datetime.now(UTC)
    started = time.monotonic()
    with psycopg.connect(DB_DSN) as conn, conn.cursor() as cur:
        _copy_signals(cur, rng, signals, orgs, weights, now, recent=False)
        with cur.copy(
            "COPY cases_case (uuid, number, title, phenomena, classification, status, assessment, created_at,"
            " version, created_by_id, owner_id, municipality_id) FROM STDIN"
        ) as copy:
            for pk, (organisation_id, municipality_id) in enumerate(rng.choices(orgs, cum_weights=weights, k=cases)):
                created = _moment(rng, now)
                copy.write_row(
                    (
                        uuid.UUID(int=rng.getrandbits(128), version=4),
                        f"B{created.year}-{pk:07d}",
                        "Casus (synthetisch)",
                        json.dumps([rng.choice(PHENOMENA)]),
                        "vertrouwelijk",
                        rng.choice(CASE_STATUSES),
                        "",
                        created,
                        1,
                        creator,
                        organisation_id,
                        municipality_id,
                    )
                )
        # Half of the cases have an intervention: a closure in two of five, an amount levied in three of ten
        # and an amount seized in one of five (the figures of results, amounts and months of closure).
        cur.execute("SELECT id, owner_id, created_at FROM cases_case ORDER BY id")
        case_rows = cur.fetchall()
        with cur.copy(
            "COPY cases_intervention (uuid, type, legal_basis, status, closure_months, permit_refused,"
            " amount_levied, amount_seized, result_note, created_at, case_id, owner_id, version) FROM STDIN"
        ) as copy:
            for case_id, owner_id, case_created in case_rows:
                if rng.random() < 0.5:
                    continue
                copy.write_row(
                    (
                        uuid.UUID(int=rng.getrandbits(128), version=4), "sluiting_13b", "Opiumwet 13b", "afgerond",
                        rng.randint(3, 12) if rng.random() < 0.4 else None, rng.random() < 0.1,
                        round(rng.uniform(500, 50_000), 2) if rng.random() < 0.3 else None,
                        round(rng.uniform(1_000, 250_000), 2) if rng.random() < 0.2 else None,
                        "", min(case_created + timedelta(days=rng.randrange(60)), now), case_id, owner_id, 1,
                    )
                )  # fmt: skip
        incident_orgs = rng.choices(orgs, cum_weights=weights, k=threats)
        with cur.copy(
            "COPY threats_incident (uuid, forms, channel, target, place, occurred_at, severity, description,"
            " perpetrator_description, linked_process, undermining_related, influenced_decision,"
            " influence_explanation, status, home_address_encrypted, police_report_filed_by,"
            " police_report_vpt_code, police_report_reference, police_report_employer_address, created_at,"
            " updated_at, organisation_id, reported_by_id, legal_hold, legal_hold_reason,"
            " police_report_filed_at) FROM STDIN"
        ) as copy:
            for organisation_id, _municipality_id in incident_orgs:
                occurred = _moment(rng, now)
                copy.write_row(
                    (
                        uuid.UUID(int=rng.getrandbits(128), version=4),
                        "[]", rng.choice(THREAT_CHANNELS), "persoon", "", occurred, 1, "Synthetisch.", "", "",
                        "nee", "nee", "", "gemeld", "", "", "", "", False, occurred, occurred, organisation_id,
                        creator, False, "", occurred + timedelta(days=2) if rng.random() < 0.4 else None,
                    )
                )  # fmt: skip
        cur.execute("SELECT id, organisation_id FROM threats_incident ORDER BY id")
        incidents = cur.fetchall()
        with cur.copy(
            "COPY threats_victimperson (uuid, name, office, created_at, incident_id, municipality_id) FROM STDIN"
        ) as copy:
            for incident_id, organisation_id in incidents:
                copy.write_row(
                    (uuid.UUID(int=rng.getrandbits(128), version=4), "Medewerker", "medewerker", now, incident_id,
                     organisation_id)
                )  # fmt: skip
        conn.commit()
    with psycopg.connect(DB_DSN, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]  # noqa: S608
            for table in (
                "signals_signal", "cases_case", "cases_intervention", "threats_incident", "organisations_organisation"
            )
        }  # fmt: skip
    return {
        "users": users,
        "municipality": largest,
        "orgs": orgs,
        "weights": weights,
        "seconds": round(time.monotonic() - started, 1),
        "rows": counts,
    }


def reused() -> dict[str, Any]:
    """What :func:`generate` returned, read back from a database kept by an earlier run (``--keep``)."""
    from weerbaar.accounts.models import User
    from weerbaar.geo.models import Municipality
    from weerbaar.organisations.models import Organisation

    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as fh:
        codes = [row["gm_code"] for row in csv.DictReader(fh)]
    municipality_pk = dict(Municipality.objects.values_list("code", "pk"))
    org_of = dict(Organisation.objects.values_list("municipality__code", "pk"))
    users = {role: User.objects.get(username=f"bench.{role}").pk for role in ROLES}
    largest = User.objects.get(pk=users["meldpunt"]).home_organisation.municipality.code  # type: ignore[union-attr]
    with psycopg.connect(DB_DSN) as conn:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]  # noqa: S608
            for table in ("signals_signal", "cases_case", "threats_incident", "organisations_organisation")
        }
    return {
        "users": users,
        "municipality": largest,
        "orgs": [(org_of[code], municipality_pk[code]) for code in codes],
        "weights": _spread(random.Random(42), codes),  # noqa: S311 - as generate() drew them
        "seconds": 0.0,
        "rows": counts,
    }


def timed(func: Callable[[], object]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def _reports(user_id: int, *, rounds: int) -> dict[str, Any]:
    """The figures of the RIEC's annual accountability for last year as the programme manager makes it (each
    figure counted and drawn as the report task does), ``rounds`` times; then one whole report, PDF included."""
    from weerbaar.accounts.models import User
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.core.disclosure import Audience, rules_for
    from weerbaar.insights import selectors
    from weerbaar.insights.constants import ReportKind
    from weerbaar.insights.filters import filters_parse
    from weerbaar.insights.reports import document
    from weerbaar.insights.reports.services import Narrative, report_create, report_generate

    actor = actor_for(user=User.objects.get(pk=user_id))
    year = datetime.now(UTC).year - 1
    filters = filters_parse({"van": f"{year}-01", "tot": f"{year}-12"})
    rules = rules_for(document.report_audience(ReportKind.JAARVERANTWOORDING, Audience.INTERNAL))
    figures = selectors.figures_readable(actor=actor)
    timings = []
    for _ in range(rounds + 1):
        started = time.perf_counter()
        for figure in figures:
            document.report_figure(actor=actor, figure=figure, filters=filters, rules=rules)
        timings.append((time.perf_counter() - started) * 1000)
    timings = timings[1:]  # the first warms up
    report = report_create(
        actor=actor, kind=ReportKind.JAARVERANTWOORDING, title="Jaarverantwoording (bench)", filters=filters,
        narrative=Narrative(summary="Synthetisch."),
    )  # fmt: skip
    whole_s = timed(lambda: report_generate(report_id=report.pk))
    report.refresh_from_db()
    if report.status != "klaar":
        raise RuntimeError(f"the report was not made: {report.error}")
    return {"figures": len(figures), "rounds": rounds, "figures_p50_ms": round(percentile(timings, 0.5), 1),
            "figures_p95_ms": round(percentile(timings, 0.95), 1), "whole_s": round(whole_s, 2)}  # fmt: skip


def run(generated: dict[str, Any], *, requests: int, warmup: int, rebuild: bool = True) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from weerbaar.accounts.models import User
    from weerbaar.insights.models import DailyCount
    from weerbaar.insights.services import aggregates_refresh

    full_s = timed(lambda: aggregates_refresh(full=True)) if rebuild else 0.0
    base_rows = DailyCount.objects.count()
    with psycopg.connect(DB_DSN, autocommit=True) as conn:  # as autovacuum would after a rebuild
        conn.execute("VACUUM ANALYZE insights_dailycount, insights_monthlycount, insights_categorytotal")
    say(f"full rebuild: {full_s:.1f} s, {base_rows} aggregate rows")

    clients: dict[str, Client] = {}
    for role, user_id in generated["users"].items():
        user = User.objects.get(pk=user_id)
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        clients[role] = client
    queries = [
        {},
        {"gemeente": generated["municipality"]},
        {"fenomeen": "hennepteelt"},
        {"kaart": "casussen-per-gemeente"},
    ]

    results: list[dict[str, Any]] = []
    for role, client in clients.items():
        figures = 0

        def request(n: int, client: Client = client) -> Any:
            response = client.get("/inzichten/", queries[n % len(queries)])
            if response.status_code != 200:
                raise RuntimeError(f"{response.status_code}: {response.get('Location')} {response.content[:300]!r}")
            return response

        for n in range(warmup):
            figures = request(n).content.decode().count('data-testid="figure-')
        timings = []
        for n in range(requests):
            started = time.perf_counter()
            request(n)
            timings.append((time.perf_counter() - started) * 1000)
        results.append(
            {
                "role": role,
                "figures": figures,
                "requests": requests,
                "p50_ms": round(percentile(timings, 0.50), 1),
                "p95_ms": round(percentile(timings, 0.95), 1),
                "max_ms": round(max(timings), 1),
            }
        )
        last = results[-1]
        say(f"  {role:24} {figures:3d} figures  p50 {last['p50_ms']:7.1f} ms  p95 {last['p95_ms']:7.1f} ms")

    reports = _reports(generated["users"]["programmamanager"], rounds=max(3, requests // 8))
    say(
        f"report figures ({reports['figures']}, one year, council rules): p50 {reports['figures_p50_ms']:.1f} ms"
        f"  p95 {reports['figures_p95_ms']:.1f} ms; a whole report with its PDF {reports['whole_s']:.2f} s"
    )

    # Seeded by the number of signals so far: a rerun on a kept database (--reuse) draws new signals.
    rng = random.Random(99 + generated["rows"]["signals_signal"])  # noqa: S311 - reproducible test data
    with psycopg.connect(DB_DSN) as conn, conn.cursor() as cur:
        _copy_signals(cur, rng, 1000, generated["orgs"], generated["weights"], datetime.now(UTC), recent=True)
        conn.commit()
    incremental_s = timed(aggregates_refresh)
    say(f"incremental refresh after 1,000 new signals: {incremental_s:.2f} s")
    connection.close()
    return {"full_refresh_s": round(full_s, 2), "aggregate_rows": base_rows, "dashboard": results,
            "reports": reports, "incremental_refresh_s": round(incremental_s, 2)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--threats", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=40, help="dashboard requests per role")
    parser.add_argument("--warmup", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (to look into it)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the requests on the database an earlier run kept (--keep), without generating or rebuilding",
    )
    args = parser.parse_args()

    if not args.reuse:
        admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        admin(f"CREATE DATABASE {DB_NAME}")
    try:
        # A page view finding the aggregates stale only queues a refresh (a row for the task worker, which does
        # not run here): the requests measure the reading, the refreshes are timed on their own.
        django_setup(DB_NAME)
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", "--noinput", verbosity=0)
        if args.reuse:
            generated = reused()
        else:
            generated = generate(signals=args.signals, cases=args.cases, threats=args.threats, seed=42)
        say(f"generated in {generated['seconds']} s: {generated['rows']}; users act for {generated['municipality']}")
        measured = run(generated, requests=args.requests, warmup=args.warmup, rebuild=not args.reuse)
        connections.close_all()
    finally:
        if not args.keep:
            admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    ok = (
        all(r["p95_ms"] <= TARGET_P95_MS for r in measured["dashboard"])
        and measured["incremental_refresh_s"] <= TARGET_REFRESH_S
    )
    output = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "data": {"signals": args.signals, "cases": args.cases, "threats": args.threats, "rows": generated["rows"],
                 "generate_s": generated["seconds"], "municipality": generated["municipality"]},
        "targets": {"dashboard_p95_ms": TARGET_P95_MS, "incremental_refresh_s": TARGET_REFRESH_S},
        **measured,
        "ok": ok,
    }  # fmt: skip
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(output, indent=2), encoding="utf-8")
    say(f"{'OK' if ok else 'TARGET MISSED'}; results in {RESULTS.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
