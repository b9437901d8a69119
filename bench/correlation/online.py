# SPDX-License-Identifier: EUPL-1.2
"""Online correlation on PostgreSQL: adding one subject to a store of a million, and screening through Django.

    .venv/bin/python bench/correlation/online.py [--records 1000000] [--adds 500] [--queries 500]
        [--database weerbaar_bench_corr] [--backfill] [--ceiling] [--workers 1,4]

Creates the throwaway database ``weerbaar_bench_corr`` (``--database``) on 127.0.0.1, migrates it and fills
it by COPY with ``--records`` synthetic person subjects from ``generate.py`` (known truth), each with its
comparison form (``keys.comparison_form``), its keys (``resolver.subject_keys``) and its entity (the truth: one per
generated person), spread over the items of one case. A held-out set of noisy records of persons that are
in the store is kept back. Then, after a warm-up:

(a) **add**: ``services.subject_register`` for each held-out record, one at a time, each in its own
    transaction as in production — validation, comparison form, keys, candidates, scores, links, entity
    merge, the audit event (hash chain, advisory lock). Reported: p50/p95/p99/max ms, and how often the new
    subject joined the entity of its own person (online recall) or of another person (false joins).
(b) **screen**: ``search.screen`` (the Django screening path: candidates by key from PostgreSQL, ranked per
    person, plus scoping and packaging of the results with their contexts), for further held-out records,
    a third of them without address and a third without birth date. Reported: p50/p95/p99 ms and
    recall@10 per kind of query, beside the recall of the same candidates ranked per record; per kind how
    many answers say the tenth place is a tie (``tied``), and why each query that missed records of its
    person missed them (``MISSES``). ``--ceiling``: for the queries without birth date, whether their person
    could be in a top ten at all, scoring the query against every subject with its surname or address
    (``distinguishable``).
(c) **workers** (``--workers 1,4``): gunicorn serving ``POST /api/v1/subjecten/_zoek`` on the same store with
    each number of workers, started with ``--preload`` as ``make cluster`` starts it (the application is
    loaded once in the master and the forked workers share those pages); the summed RSS and PSS of master
    and workers after one request per worker and after the screening queries of (b), and their HTTP
    latency.

``--backfill`` fills the store without the name keys and times their backfill (migration 0003), run twice
(the second run finds nothing to add). The key table's rows and size are reported either way.

Writes ``bench/results/correlation_online.json`` and drops the database. Exits 1 when the add p95 is above
50 ms (the target for adding one subject to a store of a million through the service layer).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchkit import ROOT, admin, django_setup, percentile, say

RESULTS = ROOT / "bench" / "results" / "correlation_online.json"
DB_NAME = "weerbaar_bench_corr"
DB_DSN = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"


def use_database(name: str) -> None:
    """Run on the throwaway database ``name`` instead of the default (one per person running benchmarks)."""
    global DB_NAME, DB_DSN  # set once, from the command line, before anything connects
    DB_NAME, DB_DSN = name, f"postgresql://postgres@127.0.0.1:5432/{name}"


TARGET_ADD_P95_MS = 50.0
ITEMS = 200

SUBJECT_COLUMNS = (
    "id", "uuid", "kind", "case_item_id", "supplied_by_id", "regime", "source", "source_detail",
    "given_names", "surname_prefix", "surname", "birth_date", "company_name", "legal_form", "kvk_number",
    "street", "house_number", "house_number_addition", "postcode", "city", "bag_id", "plate", "phone",
    "email", "iban", "n_given", "n_initials", "n_surname", "n_surname_key", "n_birth_date", "n_postcode",
    "n_house_number", "n_street", "n_city", "n_value", "entity_id", "created_by_id", "created_at",
)  # fmt: skip


def values_of(row: dict[str, str]) -> dict[str, Any]:
    """A generated row as subject values (the birth date parsed as a form would)."""
    from linkage.normalise import normalise_birth_date

    birth = normalise_birth_date(row["geboortedatum"]) if row["geboortedatum"] else None
    values: dict[str, Any] = {
        "given_names": row["voornaam"],
        "surname_prefix": row["tussenvoegsel"],
        "surname": row["achternaam"] or "Onbekend",
        "birth_date": birth,
        "street": row["straat"],
        "house_number": row["huisnummer"],
        "postcode": row["postcode"],
        "city": row["plaats"],
    }
    return {k: v for k, v in values.items() if v not in ("", None)}


def setup_context() -> dict[str, Any]:
    from weerbaar.accounts.constants import Role, ScreeningStatus
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.accounts.services import user_create
    from weerbaar.cases.services import case_create, item_add
    from weerbaar.organisations.services import organisation_create

    org = organisation_create(actor=None, name="Benchgemeente", type="gemeente")
    user, _password = user_create(
        actor=None,
        username="bench.analist",
        first_name="Bench",
        last_name="Analist",
        email="bench.corr@example.invalid",
        home_organisation=org,
        role=Role.RIEC_ANALIST,
        screening_status=ScreeningStatus.PASSED,
    )
    actor = actor_for(user=user)
    case = case_create(actor=actor, title="Benchcasus", phenomena=["witwassen"], classification="vertrouwelijk")
    items = [
        item_add(actor=actor, case=case, kind="betrokkene", title=f"Bron {n}", body="", regime="avg")
        for n in range(ITEMS)
    ]
    return {"actor": actor, "org": org, "user": user, "items": items}


def fill(rows: list[dict[str, str]], context: dict[str, Any], *, without_name_keys: bool = False) -> dict[str, float]:
    """Subjects, keys and entities by COPY (the key index is built after loading). ``without_name_keys``: as
    stored before persons were filed under the name keys (``keys.person_name_keys``), for the backfill."""
    from linkage import keys
    from weerbaar.correlation.backfill import name_key_rows
    from weerbaar.correlation.models import Subject
    from weerbaar.correlation.resolver import resolver_config, subject_keys

    config = resolver_config()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    entity_ids: dict[str, int] = {}
    now = datetime.now(UTC)
    probe = Subject(kind="persoon")
    item_ids = [item.pk for item in context["items"]]
    with psycopg.connect(DB_DSN) as conn, conn.cursor() as cur:
        cur.execute("DROP INDEX IF EXISTS correlation_key_subject")
        with cur.copy("COPY correlation_entity (id, uuid, kind, created_at) FROM STDIN") as copy:
            for row in rows:
                if row["entity"] not in entity_ids:
                    entity_ids[row["entity"]] = len(entity_ids) + 1
                    copy.write_row((entity_ids[row["entity"]], uuid.uuid4(), "persoon", now))
        key_rows: list[tuple[int, int]] = []
        with cur.copy(f"COPY correlation_subject ({', '.join(SUBJECT_COLUMNS)}) FROM STDIN") as copy:
            for pk, row in enumerate(rows, start=1):
                values = values_of(row)
                form = keys.comparison_form("persoon", values)
                hashes = subject_keys(probe, form, config)
                if without_name_keys:
                    left_out = set(name_key_rows(form.as_dict()))
                    hashes = [h for h in hashes if h not in left_out]
                key_rows.extend((h, pk) for h in hashes)
                birth = values.get("birth_date")
                copy.write_row(
                    (
                        pk, uuid.uuid4(), "persoon", item_ids[pk % len(item_ids)], context["org"].pk, "avg",
                        "import", "",
                        values.get("given_names", ""), values.get("surname_prefix", ""), values["surname"],
                        birth if isinstance(birth, date) else None, "", "", "", values.get("street", ""),
                        values.get("house_number", ""), "", values.get("postcode", "")[:7], values.get("city", ""),
                        "", "", "", "", "", *form.as_dict().values(), entity_ids[row["entity"]], None, now,
                    )
                )  # fmt: skip
        timings["subjects_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        with cur.copy("COPY correlation_subjectkey (key, subject_id) FROM STDIN") as copy:
            for key, subject_id in key_rows:
                copy.write_row((key, subject_id))
        timings["keys"] = len(key_rows)
        for table in ("correlation_subject", "correlation_entity", "correlation_subjectkey"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1)) FROM {table}")  # noqa: S608
        conn.commit()
        cur.execute("CREATE INDEX correlation_key_subject ON correlation_subjectkey (key, subject_id)")
        conn.commit()
    with psycopg.connect(DB_DSN, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    timings["keys_and_index_s"] = round(time.perf_counter() - started, 1)
    return timings


def bench_backfill() -> dict[str, Any]:
    """The data migration's work on the filled store: the name keys of every person, batch by batch."""
    from weerbaar.correlation.backfill import person_name_keys_backfill
    from weerbaar.correlation.models import Subject, SubjectKey

    started = time.perf_counter()
    inserted = person_name_keys_backfill(subject_model=Subject, key_model=SubjectKey)
    took = time.perf_counter() - started
    started = time.perf_counter()
    again = person_name_keys_backfill(subject_model=Subject, key_model=SubjectKey)
    return {
        "rows_added": inserted,
        "seconds": round(took, 1),
        "second_run_rows_added": again,
        "second_run_seconds": round(time.perf_counter() - started, 1),
    }


def key_table_size() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), pg_total_relation_size('correlation_subjectkey'), "
            "pg_relation_size('correlation_key_subject') FROM correlation_subjectkey"
        )
        rows, total, index = cursor.fetchone()
    return {"rows": rows, "total_mib": round(total / 2**20, 1), "index_mib": round(index / 2**20, 1)}


def bench_add(queries: list[dict[str, str]], context: dict[str, Any], truth: dict[str, int]) -> dict[str, Any]:
    from weerbaar.correlation.models import Subject
    from weerbaar.correlation.services import subject_register

    latencies: list[float] = []
    joined_own = joined_other = alone = 0
    links = 0
    for n, row in enumerate(queries):
        values = values_of(row)
        started = time.perf_counter()
        added = subject_register(
            actor=context["actor"],
            kind="persoon",
            values=values,
            case_item=context["items"][n % len(context["items"])],
            supplied_by=context["org"],
        )
        latencies.append((time.perf_counter() - started) * 1000)
        links += len(added.resolved.links)
        entity = Subject.objects.filter(pk=added.subject.pk).values_list("entity_id", flat=True).get()
        if not added.resolved.matches:
            alone += 1
        elif entity == truth[row["entity"]]:
            joined_own += 1
        else:
            joined_other += 1
    return {
        "adds": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "max_ms": round(max(latencies), 2),
        "links_per_add": round(links / len(latencies), 2),
        "joined_own_person": joined_own,
        "joined_another_person": joined_other,
        "stayed_alone": alone,
    }


KINDS = ("full", "no_address", "no_birth_date")


def screen_values(n: int, row: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """The query of held-out record ``n``: complete, without address or without birth date, in turn."""
    kind = KINDS[n % 3]
    values = values_of(row)
    if kind == "no_address":
        for name in ("street", "house_number", "postcode", "city"):
            values.pop(name, None)
    elif kind == "no_birth_date":
        values.pop("birth_date", None)
    return kind, values


#: Why a query's person was not (wholly) in the top ten, first that applies: none of the person's records
#: shares a usable key with the query (``no_key``); the person ranks below the tenth place (``scored_lower``)
#: or level with it, cut among equals (``tied``); the person ranks in the top ten but not with all records
#: (``partly``: records past the tenth place, or the person's best record scores 0 bits or less, so the
#: other records, which share no key with the query, are not brought in).
MISSES = ("no_key", "scored_lower", "tied", "partly")


def miss_reason(form: Any, wanted: set[int], by_key: list[Any]) -> str:
    """Why the screening of ``form`` missed records in ``wanted`` (see :data:`MISSES`)."""
    from weerbaar.correlation.resolver import resolver_config
    from weerbaar.correlation.search import TIE, _groups, person_candidates

    if not any(c.subject_id in wanted for c in by_key):
        return "no_key"
    ranked = person_candidates(form, resolver_config(), limit=10)
    groups, rank = _groups("persoon", ranked)
    own = max(rank[g] for c, g in zip(ranked, groups, strict=True) if c.subject_id in wanted)
    if len(ranked) <= 10:
        return "partly"
    tenth = rank[groups[9]]
    if own < tenth - TIE:
        return "scored_lower"
    if own <= tenth + TIE:
        return "tied"
    return "partly"


def distinguishable(form: Any, wanted: set[int], entity_of: dict[int, str]) -> tuple[int, int]:
    """Whether the query's person could be in a top ten at all, scoring without keys: the query against every
    stored subject sharing its surname (or sound key) either way round or its address, each person ranked by
    their best-scoring record. (strict: at most 9 other persons score as high as the person's best record;
    ties split: at most 9 score higher, so a lucky cut among equals would show them.)"""
    from django.db.models import Q

    from linkage import keys
    from weerbaar.correlation.models import Subject
    from weerbaar.correlation.resolver import Candidate, resolver_config, score_candidates
    from weerbaar.correlation.search import TIE, swapped

    near = Q(pk__in=wanted)
    for reading in (form, swapped(form)):
        if reading.n_surname:
            near |= Q(n_surname=reading.n_surname) | Q(n_surname_key=reading.n_surname_key)
    if form.n_postcode and form.n_house_number:
        near |= Q(n_postcode=form.n_postcode, n_house_number=form.n_house_number)
    rows = Subject.objects.filter(near, kind="persoon").values("id", *keys.FORM_FIELDS)
    found = [Candidate(subject_id=r["id"], entity_id=None, form=keys.Form.of(r)) for r in rows]
    best: dict[str, float] = {}
    for candidate in score_candidates("persoon", form, found, resolver_config()):
        if candidate.subject_id in entity_of:  # subjects added in (a) are left out: their truth is not tracked
            best.setdefault(entity_of[candidate.subject_id], candidate.score)
    own = max(best[entity_of[pk]] for pk in wanted)
    person = entity_of[next(iter(wanted))]
    level = sum(1 for entity, score in best.items() if entity != person and score >= own - TIE)
    above = sum(1 for entity, score in best.items() if entity != person and score > own + TIE)
    return int(level <= 9), int(above <= 9)


def bench_screen(
    queries: list[dict[str, str]],
    context: dict[str, Any],
    truth_ids: dict[str, set[int]],
    *,
    with_ceiling: bool = False,
) -> dict[str, Any]:
    from linkage import keys
    from weerbaar.correlation.models import Subject
    from weerbaar.correlation.resolver import candidates_for, resolver_config
    from weerbaar.correlation.search import screen, swapped

    latencies: list[float] = []
    # recall@10 per query kind: as screened (ranked per entity) and ranked per record (the candidates of
    # the query's keys alone, best ten), for comparison.
    recalls: dict[str, list[float]] = {kind: [] for kind in KINDS}
    per_record: dict[str, list[float]] = {kind: [] for kind in KINDS}
    misses: dict[str, dict[str, int]] = {kind: dict.fromkeys(MISSES, 0) for kind in KINDS}
    ceiling: dict[str, list[int]] = {"strict": [], "ties_split": []}
    tied_answers = dict.fromkeys(KINDS, 0)
    examples: list[dict[str, Any]] = []
    entity_of = {pk: entity for entity, pks in truth_ids.items() for pk in pks}
    for n, row in enumerate(queries):
        kind, values = screen_values(n, row)
        started = time.perf_counter()
        result = screen(actor=context["actor"], kind="persoon", values=values, limit=10)
        latencies.append((time.perf_counter() - started) * 1000)
        tied_answers[kind] += result.tied
        wanted = truth_ids.get(row["entity"], set())
        if wanted:
            found = {f.subject.pk for f in result.found}
            recall = len(found & wanted) / min(len(wanted), 10)
            recalls[kind].append(recall)
            form = keys.comparison_form("persoon", values)
            by_key = candidates_for("persoon", form, resolver_config(), also=[swapped(form)])
            ranked = by_key[:10]
            per_record[kind].append(len({c.subject_id for c in ranked} & wanted) / min(len(wanted), 10))
            if recall < 1:
                reason = miss_reason(form, wanted, by_key)
                misses[kind][reason] += 1
                if kind == "no_birth_date" and len(examples) < 20:  # synthetic data: the forms may be shown
                    stored = Subject.objects.filter(pk__in=wanted).values(*keys.FORM_FIELDS)
                    examples.append({"why": reason, "query": form.as_dict(), "person": list(stored)})
            if with_ceiling and kind == "no_birth_date":
                strict, split = distinguishable(form, wanted, entity_of)
                ceiling["strict"].append(strict)
                ceiling["ties_split"].append(split)

    def mean(values: list[float]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    return {
        "queries": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "recall_at_10": mean([r for kind in KINDS for r in recalls[kind]]),
        "recall_at_10_by_kind": {kind: mean(recalls[kind]) for kind in KINDS},
        "recall_at_10_per_record_by_kind": {kind: mean(per_record[kind]) for kind in KINDS},
        "queries_by_kind": {kind: len(recalls[kind]) for kind in KINDS},
        "misses_by_kind": misses,
        "tied_answers_by_kind": tied_answers,
        "ceiling_no_birth_date": {name: mean([float(v) for v in got]) for name, got in ceiling.items()},
        "missed_without_birth_date": examples,
    }


def _memory(pids: list[int]) -> tuple[float, float]:
    """Summed RSS and PSS (MiB) of ``pids`` (PSS shares a page between the processes that map it)."""
    rss = pss = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss"):
                kib = int(rest.split()[0])
                rss, pss = (rss + kib, pss) if name == "Rss" else (rss, pss + kib)
    return round(rss / 1024, 1), round(pss / 1024, 1)


def _tree(pid: int) -> list[int]:
    """``pid`` and its children (gunicorn's master and workers)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *(int(child) for child in children)]


def bench_workers(queries: list[dict[str, str]], context: dict[str, Any], counts: list[int]) -> dict[str, Any]:
    """Gunicorn serving ``POST /api/v1/subjecten/_zoek`` with each number of workers in ``counts``: the
    memory of master and workers after one request per worker and after the same screening queries."""
    import http.client
    import socket
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    from benchkit import SRC, django_environ

    from weerbaar.api.services import api_token_issue

    _token, raw = api_token_issue(user=context["user"])
    bodies = []
    for n, row in enumerate(queries):
        _kind, values = screen_values(n, row)
        api = {
            "voornamen": values.get("given_names"), "tussenvoegsel": values.get("surname_prefix"),
            "achternaam": values.get("surname"), "geboortedatum": values.get("birth_date"),
            "straat": values.get("street"), "huisnummer": values.get("house_number"),
            "postcode": values.get("postcode"), "plaats": values.get("city"),
        }  # fmt: skip
        body = {k: str(v) for k, v in api.items() if v not in (None, "")}
        bodies.append(json.dumps(body | {"soort": "persoon", "doel": "benchmark"}).encode())
    report: dict[str, Any] = {}
    failures: list[str] = []
    for workers in counts:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        env = {
            **os.environ,
            **django_environ(
                DB_NAME,
                base_url=f"http://127.0.0.1:{port}",
                API_THROTTLE_RATE="1000000/minute",
                CORRELATION_SCREENINGS_PER_HOUR="1000000",
            ),
        }
        argv = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--preload", f"--bind=127.0.0.1:{port}"]
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        with (RESULTS.parent / f"correlation_online.gunicorn{workers}.log").open("wb") as log:
            server = subprocess.Popen(  # noqa: S603 - fixed arguments, loopback only
                [*argv, f"--workers={workers}", "--log-level=warning"],
                cwd=SRC, env=env, stdout=subprocess.DEVNULL, stderr=log,
            )  # fmt: skip

        def post(body: bytes, port: int = port) -> tuple[int, float]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            headers = {"Authorization": f"Bearer {raw}", "Content-Type": "application/json"}
            started = time.perf_counter()
            conn.request("POST", "/api/v1/subjecten/_zoek", body=body, headers=headers)
            response = conn.getresponse()
            answer = response.read()
            if response.status != 200:
                failures.append(f"{response.status} {answer[:300]!r}")
            return response.status, (time.perf_counter() - started) * 1000

        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    conn.request("GET", "/healthz")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            time.sleep(2)  # every worker booted
            pids = _tree(server.pid)
            idle_rss, idle_pss = _memory(pids)
            with ThreadPoolExecutor(workers) as pool:  # one request per worker: everything imported
                list(pool.map(post, bodies[:workers]))
            started_rss, started_pss = _memory(pids)
            with ThreadPoolExecutor(workers) as pool:
                answers = list(pool.map(post, bodies))
            rss, pss = _memory(pids)
            latencies = [ms for _status, ms in answers]
            report[str(workers)] = {
                "processes": len(pids),
                "ok": sum(status == 200 for status, _ms in answers),
                "requests": len(answers),
                "first_failure": failures[0] if failures else None,
                "rss_mib_idle": idle_rss,
                "pss_mib_idle": idle_pss,
                "rss_mib_before": started_rss,
                "rss_mib_after": rss,
                "pss_mib_before": started_pss,
                "pss_mib_after": pss,
                "http_p50_ms": round(percentile(latencies, 0.5), 1),
                "http_p95_ms": round(percentile(latencies, 0.95), 1),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument(
        "--seed", type=int, default=7, help="the generator's seed: another draws other persons and other queries"
    )
    parser.add_argument("--adds", type=int, default=500)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="leave the database for inspection")
    parser.add_argument("--workers", default="1,4", help="gunicorn worker counts to measure memory with ('' skips)")
    parser.add_argument("--database", default=DB_NAME, help="name of the throwaway database (created and dropped)")
    parser.add_argument(
        "--backfill",
        action="store_true",
        help="fill the store without the name keys, then time their backfill (what migration 0003 does)",
    )
    parser.add_argument(
        "--ceiling", action="store_true", help="also score queries without birth date against all namesakes"
    )
    args = parser.parse_args()
    use_database(args.database)

    from generate import generate

    admin(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin(f"CREATE DATABASE {DB_NAME}")
    report: dict[str, Any] = {"records": args.records}
    try:
        django_setup(DB_NAME)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)  # the rate limits of the API served in (c)
        started = time.perf_counter()
        rows = generate(args.records + args.adds + args.queries, args.seed)
        by_entity: dict[str, list[int]] = {}
        for index, row in enumerate(rows):
            by_entity.setdefault(row["entity"], []).append(index)
        # Held out: one record of a person who has at least one other record (which stays in the store).
        # Sampling seed 3 for the default seed 7, as before there was a --seed: earlier figures stay comparable.
        rng = random.Random(args.seed - 4)  # noqa: S311 - sampling
        candidates = [ix[-1] for ix in by_entity.values() if len(ix) > 1]
        rng.shuffle(candidates)
        held = candidates[: args.adds + args.queries]
        held_set = set(held)
        store = [row for index, row in enumerate(rows) if index not in held_set][: args.records]
        report["generate_s"] = round(time.perf_counter() - started, 1)
        context = setup_context()
        report |= fill(store, context, without_name_keys=args.backfill)
        report["fill_s"] = round(time.perf_counter() - started, 1)
        if args.backfill:
            report["key_table_before_backfill"] = key_table_size()
            report["backfill"] = bench_backfill()
            with psycopg.connect(DB_DSN, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE correlation_subjectkey")
        report["key_table"] = key_table_size()
        truth_entity: dict[str, int] = {}
        truth_ids: dict[str, set[int]] = {}
        for pk, row in enumerate(store, start=1):
            truth_entity.setdefault(row["entity"], len(truth_entity) + 1)
            truth_ids.setdefault(row["entity"], set()).add(pk)
        adds = [rows[i] for i in held[: args.adds]]
        screens = [rows[i] for i in held[args.adds :]]
        from linkage import keys
        from weerbaar.correlation.resolver import candidates_for, resolver_config

        for row in adds[:20]:  # warm-up: connections, caches, query plans (read only)
            candidates_for("persoon", keys.comparison_form("persoon", values_of(row)), resolver_config())
        report["add"] = bench_add(adds, context, truth_entity)
        report["screen"] = bench_screen(screens, context, truth_ids, with_ceiling=args.ceiling)
        report["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        if args.workers:
            counts = [int(n) for n in args.workers.split(",")]
            report["workers"] = bench_workers(screens, context, counts)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin(f"DROP DATABASE IF EXISTS {DB_NAME}")
    report["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    add, scr = report["add"], report["screen"]
    say(f"store of {args.records:,} person subjects on PostgreSQL (fill {report['fill_s']} s, {report['keys']:,} keys)")
    say(
        f"add one subject (service layer): p50 {add['p50_ms']} ms, p95 {add['p95_ms']} ms, p99 {add['p99_ms']} ms, "
        f"max {add['max_ms']} ms; joined own person {add['joined_own_person']}, another person "
        f"{add['joined_another_person']}, alone {add['stayed_alone']} of {add['adds']}"
    )
    say(
        f"screen (Django path, PostgreSQL keys): p50 {scr['p50_ms']} ms, p95 {scr['p95_ms']} ms, "
        f"p99 {scr['p99_ms']} ms; recall@10 {scr['recall_at_10']}"
    )
    for kind in KINDS:
        say(
            f"  recall@10 {kind}: ranked per person {scr['recall_at_10_by_kind'][kind]}, "
            f"per record {scr['recall_at_10_per_record_by_kind'][kind]}"
        )
    say(f"  queries per kind {scr['queries_by_kind']}; answers flagged as tied {scr['tied_answers_by_kind']}")
    for kind in KINDS:
        say(f"  misses {kind}: " + ", ".join(f"{name} {count}" for name, count in scr["misses_by_kind"][kind].items()))
    if args.ceiling:
        say(f"  ceiling without birth date (share distinguishable): {scr['ceiling_no_birth_date']}")
    table = report["key_table"]
    say(
        f"key table: {table['rows']:,} rows, {table['total_mib']} MiB with indexes (key index {table['index_mib']} MiB)"
    )
    if "backfill" in report:
        back = report["backfill"]
        say(
            f"backfill of the name keys: {back['rows_added']:,} rows in {back['seconds']} s; again "
            f"{back['second_run_rows_added']} rows in {back['second_run_seconds']} s "
            f"(before: {report['key_table_before_backfill']['rows']:,} rows)"
        )
    for workers, seen in report.get("workers", {}).items():
        if seen["first_failure"]:
            say(f"  first failed screening with {workers} worker(s): {seen['first_failure']}")
        say(
            f"gunicorn {workers} worker(s), {seen['ok']}/{seen['requests']} screenings, master and workers: "
            f"RSS {seen['rss_mib_idle']} idle, {seen['rss_mib_before']} after one screening per worker, "
            f"{seen['rss_mib_after']} MiB after all; PSS {seen['pss_mib_idle']}, {seen['pss_mib_before']}, "
            f"{seen['pss_mib_after']} MiB; HTTP p50 {seen['http_p50_ms']} ms, p95 {seen['http_p95_ms']} ms"
        )
    if add["p95_ms"] > TARGET_ADD_P95_MS:
        say(f"MISS: add p95 {add['p95_ms']} ms > {TARGET_ADD_P95_MS} ms")
        sys.exit(1)


if __name__ == "__main__":
    main()
