# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of a private partner's start page (``/``) on PostgreSQL, through the whole Django stack.

Creates a throwaway database (``weerbaar_bench_partners`` unless ``--database`` names another), migrates it,
loads the CBS geography and builds one rural area partnership through the real services: 200 participants
(the lead municipality, the police, the safety region, a farmers' organisation whose representative is the
benchmark user, and private partners of every type), each with a named representative and a directory
entry, and area alerts from the community police officer. Then places signals with ``bulk_create``:
``--inside`` signals with a point inside the area over the last four quarters (a few reported by the
benchmark user), and ``--outside`` signals elsewhere (a tenth of them inside the area's bounding box but
outside the area, the rest anywhere in the Netherlands). Two data sets, both by default:

- ``public``: the area is composed of the CBS 2025 boundaries of four municipalities (Boxtel,
  Sint-Michielsgestel, Meierijstad, Oisterwijk) that the project ships in ``geo/data``; every signal lies
  at a random point inside a real municipality boundary (inside: one of the four, weighted by their size;
  outside: any other of the 342), routed to that municipality as the intake routes a signal;
- ``drawn``: the generator's own area, a drawn polygon of ``--drawn-points`` vertices (an uploaded
  drawing, irregular, with a hole), signals uniform inside it.

After ``--warmup`` requests, ``--requests`` GETs of ``/`` with Django's test client logged in as the
farmers' organisation's representative (sessions, second factor, middleware, policy, rendering), timed
with ``perf_counter``; also the queries per request (``CaptureQueriesContext``). Prints a table, writes
``bench/results/partner_start.json``, drops the database. Exits 1 when a p95 is above the target.
Only 127.0.0.1 is used. Part of ``make bench``.
"""

import argparse
import json
import math
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from benchkit import ROOT, admin, django_setup, percentile, say

RESULTS = ROOT / "bench" / "results" / "partner_start.json"
DEFAULT_DB = "weerbaar_bench_partners"
TARGET_P95_MS = 100.0
MEIERIJ = ("GM0757", "GM0845", "GM1948", "GM0824")  # Boxtel, Sint-Michielsgestel, Meierijstad, Oisterwijk
PHENOMENA = ["drugsafvaldumping", "hennepteelt", "drugslab", "drugsopslag", "malafide_verhuur", "witwassen"]
THEMES = ["drugsafval", "verdachte_activiteit", "huuraanbod", "verdacht_voertuig", "diefstal", "afvaldumping"]


def drawn_area(rng: random.Random, *, points: int) -> dict[str, Any]:
    """An irregular drawn polygon of ``points`` vertices around Boxtel, with a hole (the generator's area)."""
    centre_lon, centre_lat = 5.33, 51.60
    ring = []
    for n in range(points):
        angle = 2 * math.pi * n / points
        radius = 0.12 * (1 + 0.25 * math.sin(7 * angle) + 0.1 * math.sin(31 * angle) + rng.uniform(-0.03, 0.03))
        ring.append(
            [round(centre_lon + 1.6 * radius * math.cos(angle), 5), round(centre_lat + radius * math.sin(angle), 5)]
        )
    ring.append(ring[0])
    hole = [[5.30, 51.58], [5.34, 51.58], [5.34, 51.60], [5.30, 51.60], [5.30, 51.58]]
    return {"type": "MultiPolygon", "coordinates": [[ring, hole]]}


def _random_point_in(
    rng: random.Random, geometry: dict[str, Any], bbox: tuple[float, float, float, float]
) -> tuple[float, float]:
    from weerbaar.geo.spatial import point_in_geometry

    min_lon, min_lat, max_lon, max_lat = bbox
    while True:
        lon, lat = round(rng.uniform(min_lon, max_lon), 5), round(rng.uniform(min_lat, max_lat), 5)
        if point_in_geometry(geometry, lat=lat, lon=lon):
            return lat, lon


def build_world(*, data: str, participants: int, alerts: int, seed: int) -> dict[str, Any]:
    """Organisations, people, the partnership, its participants, directory and alerts, all through services."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from weerbaar.accounts.constants import Role, ScreeningStatus
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.accounts.services import user_create
    from weerbaar.geo.models import Municipality
    from weerbaar.geo.services import geography_load
    from weerbaar.organisations.constants import PRIVATE_TYPES, OrganisationType
    from weerbaar.organisations.services import organisation_create
    from weerbaar.partnerships import services
    from weerbaar.partnerships.constants import AreaType, DataClass, LegalBasis

    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    geography_load()
    seq = iter(range(1, 1_000_000))

    def person(organisation: Any, role: str, username: str | None = None) -> Any:
        n = next(seq)
        user, _password = user_create(
            actor=None,
            username=username or f"bench.partner{n}",
            first_name="Bench",
            last_name=f"Partner {n}",
            email=f"bench.partner{n}@example.invalid",
            home_organisation=organisation,
            role=role,
            screening_status=ScreeningStatus.PASSED,
        )
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        return user

    boxtel = Municipality.objects.get(code="GM0757")
    lead = organisation_create(
        actor=None, name="Gemeente Boxtel (bench)", type=OrganisationType.GEMEENTE, municipality=boxtel
    )
    facilitator = person(lead, Role.GEBIEDSREGISSEUR, "bench.gebied")
    facilitator_actor = actor_for(user=facilitator, organisation_uuid=lead.uuid)
    area_geojson = json.dumps(drawn_area(rng, points=DRAWN_POINTS)) if data == "drawn" else ""
    partnership = services.partnership_create(
        actor=facilitator_actor,
        name="Buitengebied De Meierij (bench)",
        area_type=AreaType.BUITENGEBIED,
        objectives="Samen ondermijning in het buitengebied tegengaan (synthetisch).",
        municipalities=list(Municipality.objects.filter(code__in=MEIERIJ)),
        area_geojson=area_geojson,
    )
    police = organisation_create(actor=None, name="Politie (bench)", type=OrganisationType.POLITIE)
    officer = person(police, Role.WIJKAGENT, "bench.wijkagent")
    region = organisation_create(actor=None, name="Veiligheidsregio (bench)", type=OrganisationType.VEILIGHEIDSREGIO)
    zlto = organisation_create(actor=None, name="ZLTO (bench)", type=OrganisationType.AGRARISCH)
    members = [
        (police, DataClass.PERSOONLIJK, person(police, Role.WIJKAGENT)),
        (region, DataClass.OPERATIONEEL, person(region, Role.PARTNERVERTEGENWOORDIGER)),
        (zlto, DataClass.OPERATIONEEL, person(zlto, Role.PARTNERVERTEGENWOORDIGER, "bench.zlto")),
    ]
    private_types = sorted(PRIVATE_TYPES)
    while len(members) < participants - 1:  # the lead municipality takes part already
        org_type = private_types[len(members) % len(private_types)]
        organisation = organisation_create(actor=None, name=f"Partner {len(members):03d} (bench)", type=org_type)
        members.append((organisation, DataClass.OPERATIONEEL, person(organisation, Role.PARTNERVERTEGENWOORDIGER)))
    members[0] = (police, DataClass.PERSOONLIJK, officer)
    bbox = (5.2, 51.55, 5.6, 51.7)
    for organisation, ceiling, user in members:
        participant = services.participant_add(
            actor=facilitator_actor,
            partnership=partnership,
            organisation=organisation,
            ceiling=ceiling,
            legal_basis=LegalBasis.CONVENANT,
        )
        services.representative_add(
            actor=facilitator_actor, participant=participant, user=user, function="Lid werkgroep"
        )
        lat, lon = rng.uniform(bbox[1], bbox[3]), rng.uniform(bbox[0], bbox[2])
        services.directory_entry_save(
            actor=actor_for(user=user, organisation_uuid=organisation.uuid),
            participant=participant,
            expected_version=None,
            data={
                "description": "Partner in het buitengebied (synthetisch).",
                "expertise": "schuren, drugsafval, nachtelijke waarnemingen",
                "offers": "Waarnemingen in het veld.",
                "reachability": "Op werkdagen overdag.",
                "contact_name": "Bench Partner",
                "contact_email": f"partner{participant.pk}@example.invalid",
                "contact_consent": True,
                "latitude": Decimal(f"{lat:.3f}"),
                "longitude": Decimal(f"{lon:.3f}"),
            },
        )
    officer_actor = actor_for(user=officer, organisation_uuid=police.uuid)
    for n in range(alerts):
        services.alert_send(
            actor=officer_actor,
            partnership=partnership,
            theme=THEMES[n % len(THEMES)],
            text="Vaten met chemisch afval aangetroffen langs een zandpad; niet aanraken (synthetisch).",
            location_text="Omgeving Kampina",
        )
    from weerbaar.accounts.models import User

    User.objects.filter(username__startswith="bench.").update(password_change_required=False)
    return {"partnership_id": partnership.pk, "user_id": User.objects.get(username="bench.zlto").pk}


DRAWN_POINTS = 2000


def place_signals(
    *, data: str, partnership_id: int, user_id: int, inside: int, outside: int, seed: int
) -> dict[str, int]:
    """Signals over the last four quarters: ``inside`` with a point inside the area, ``outside`` elsewhere."""
    from django.utils import timezone

    from weerbaar.geo.models import Municipality
    from weerbaar.geo.spatial import geometry_bbox, municipality_areas, municipality_code_at, point_in_geometry
    from weerbaar.organisations.models import Organisation
    from weerbaar.partnerships.models import Partnership
    from weerbaar.signals.models import Signal

    rng = random.Random(seed + 1)  # noqa: S311 - reproducible test data, not secrets
    partnership = Partnership.objects.get(pk=partnership_id)
    area = partnership.area
    bbox = geometry_bbox(area)
    if bbox is None:
        raise RuntimeError("the partnership has no area")
    municipality_ids = dict(Municipality.objects.values_list("code", "pk"))
    intake = Organisation.objects.filter(type="gemeente").first()
    reporter_org = Organisation.objects.get(name="ZLTO (bench)")
    now = timezone.now()
    first_quarter_start = datetime(now.year - 1, 3 * ((now.month - 1) // 3) + 1, 1, tzinfo=UTC) + timedelta(days=1)
    span = (now - first_quarter_start).total_seconds()
    areas = {a.code: a for a in municipality_areas()}
    meierij = [areas[code] for code in MEIERIJ]
    weights = [(a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]) for a in meierij]
    others = [a for a in areas.values() if a.code not in MEIERIJ]

    def municipality_point(municipality: Any) -> tuple[float, float]:
        geometry = {
            "type": "MultiPolygon",
            "coordinates": [[list(map(list, ring)) for ring in p] for p in municipality.polygons],
        }
        return _random_point_in(rng, geometry, municipality.bbox)

    def point_inside() -> tuple[float, float]:
        if data == "public":
            return municipality_point(rng.choices(meierij, weights)[0])
        return _random_point_in(rng, area, bbox)

    def point_outside(n: int) -> tuple[float, float]:
        if n % 10 == 0:  # inside the bounding box, outside the area
            while True:
                lat, lon = round(rng.uniform(bbox[1], bbox[3]), 5), round(rng.uniform(bbox[0], bbox[2]), 5)
                if not point_in_geometry(area, lat=lat, lon=lon) and municipality_code_at(lat=lat, lon=lon):
                    return lat, lon
        return municipality_point(rng.choice(others))

    rows = []
    for n in range(inside + outside):
        lat, lon = point_inside() if n < inside else point_outside(n)
        code = municipality_code_at(lat=lat, lon=lon)
        received = first_quarter_start + timedelta(seconds=rng.uniform(0, span))
        own = n < inside and n % 500 == 0
        rows.append(
            Signal(
                number=f"S{received.year}-B{n:07d}",
                channel="gebiedspartner" if own else "medewerker",
                phenomenon=rng.choice(PHENOMENA),
                description="Synthetische melding voor de benchmark.",
                location_kind="punt",
                latitude=Decimal(f"{lat:.5f}"),
                longitude=Decimal(f"{lon:.5f}"),
                municipality_id=municipality_ids.get(code) if code else None,
                organisation=intake,
                reporter_id=user_id if own else None,
                reporter_organisation=reporter_org if own else None,
                received_at=received,
                acknowledge_due=received + timedelta(days=5),
                weigh_due=received + timedelta(days=28),
            )
        )
    Signal.objects.bulk_create(rows, batch_size=2000)
    return {"inside": inside, "outside": outside, "own": sum(1 for r in rows if r.reporter_id)}


def measure(*, user_id: int, warmup: int, requests: int, profile: bool = False) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from weerbaar.accounts.models import User

    user = User.objects.get(pk=user_id)
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()

    def get() -> Any:
        response = client.get("/")
        if response.status_code != 200 or b"start-trend" not in response.content:
            raise RuntimeError(f"{response.status_code}: the start page has no trend table")
        return response

    for _n in range(warmup):
        get()
    queries: list[str] = []

    timed: list[tuple[float, str]] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append(((time.perf_counter() - started) * 1000, sql))

    with connection.execute_wrapper(count):
        get()
    if profile:
        for ms, sql in sorted(timed, reverse=True):
            say(f"{ms:8.2f} ms  {sql[:400]}")
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(lambda: [get() for _n in range(20)])
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats("weerbaar", 40)
        stats.sort_stats("tottime").print_stats(25)
    timings: list[float] = []
    for _n in range(requests):
        started = time.perf_counter()
        get()
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "requests": requests,
        "queries_per_request": len(queries),
        "p50_ms": round(percentile(timings, 0.50), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
        "mean_ms": round(statistics.fmean(timings), 2),
    }


def measure_uncached(partnership: Any, *, requests: int) -> dict[str, float]:
    """The trend computed without the cache (after a new signal): the area prepared, the rows read and tested."""
    from weerbaar.partnerships import trends
    from weerbaar.partnerships.geometry import PreparedArea

    since = datetime.now(UTC) - timedelta(days=366)
    timings = []
    for _n in range(requests):
        started = time.perf_counter()
        area = PreparedArea(partnership.area)
        if area.bbox is None:
            raise RuntimeError("the partnership has no area")
        trends._counts(area, trends._signals_near(partnership, area.bbox, since))  # noqa: SLF001
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(percentile(timings, 0.5), 2), "p95_ms": round(percentile(timings, 0.95), 2)}


def run_one(*, data: str, args: argparse.Namespace) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection, connections

    from weerbaar.partnerships.models import Partnership
    from weerbaar.partnerships.trends import area_trend

    admin(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
    admin(f"CREATE DATABASE {args.database}")
    try:
        call_command("migrate", "--noinput", verbosity=0)
        call_command("createcachetable", verbosity=0)
        started = time.monotonic()
        world = build_world(data=data, participants=args.participants, alerts=args.alerts, seed=args.seed)
        built = round(time.monotonic() - started, 1)
        started = time.monotonic()
        placed = place_signals(
            data=data,
            partnership_id=world["partnership_id"],
            user_id=world["user_id"],
            inside=args.inside,
            outside=args.outside,
            seed=args.seed,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        generated = round(time.monotonic() - started, 1)
        partnership = Partnership.objects.get(pk=world["partnership_id"])
        trend = area_trend(partnership=partnership)
        points = sum(len(ring) for polygon in partnership.area["coordinates"] for ring in polygon)
        say(f"[{data}] built in {built} s, signals in {generated} s; area {points} points; trend {trend.rows}")
        result = {"uncached": measure_uncached(partnership, requests=args.requests)}
        result |= measure(user_id=world["user_id"], warmup=args.warmup, requests=args.requests, profile=args.profile)
        result.update(
            {"data": data, "area_points": points, "signals": placed, "build_s": built, "signals_s": generated}
        )
        connections.close_all()
        return result
    finally:
        connections.close_all()
        admin(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DB, help="throwaway database, created and dropped")
    parser.add_argument("--data", default="public,drawn", help="data sets: public, drawn (comma-separated)")
    parser.add_argument("--inside", type=int, default=10_000, help="signals with a point inside the area")
    parser.add_argument("--outside", type=int, default=10_000, help="signals elsewhere")
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--alerts", type=int, default=50)
    parser.add_argument("--drawn-points", type=int, default=2000, help="vertices of the drawn area")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--profile", action="store_true", help="print a profile of 20 requests")
    args = parser.parse_args()
    global DRAWN_POINTS
    DRAWN_POINTS = args.drawn_points

    django_setup(args.database)
    started = time.monotonic()
    results = [run_one(data=data.strip(), args=args) for data in args.data.split(",") if data.strip()]
    ok = all(r["p95_ms"] <= TARGET_P95_MS for r in results)
    output = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "date": datetime.now(UTC).date().isoformat(),
        "target_p95_ms": TARGET_P95_MS,
        "results": results,
        "total_seconds": round(time.monotonic() - started, 1),
        "ok": ok,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(output, indent=2) + "\n")
    header = f"{'data':<8} {'area pts':>8} {'inside':>7} {'outside':>7} {'queries':>7}"
    say(f"\n{header} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   trend uncached p50 / p95 ms")
    for r in results:
        say(
            f"{r['data']:<8} {r['area_points']:>8} {r['signals']['inside']:>7} {r['signals']['outside']:>7} "
            f"{r['queries_per_request']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8}   "
            f"{r['uncached']['p50_ms']} / {r['uncached']['p95_ms']}"
        )
    say(f"\n{'OK' if ok else 'FAILED'} (target p95 <= {TARGET_P95_MS:g} ms); written to {RESULTS.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
