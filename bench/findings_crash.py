# SPDX-License-Identifier: EUPL-1.2
"""The findings phase of the crash benchmark (``signals_api.py``): ``POST /api/v1/acties/{uuid}/bevindingen``.

A planner of Gemeente Tilburg with a running joint action (200 premises drawn, briefed) records findings,
each with its own Idempotency-Key, retried with the same key across ``kill -9`` of gunicorn. Every finding's
notes carry its key, so findings are counted per key straight from the database — a duplicate would show
even if it had escaped the unique key.
"""

import itertools
import json
import threading

import psycopg

SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.selectors import actor_for
from weerbaar.accounts.services import user_create
from weerbaar.actions import services
from weerbaar.actions.constants import LegalDomain, OperationKind, OperationStatus
from weerbaar.api.services import api_token_issue
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation
org = Organisation.objects.get(name="Gemeente Tilburg")
user, _ = user_create(actor=None, username="bench.planner", first_name="Bench", last_name="Planner",
                      email="planner@example.invalid", home_organisation=org, role=Role.CASUSREGISSEUR,
                      screening_status=ScreeningStatus.PASSED)
actor = actor_for(user=user)
today = timezone.localdate()
operation = services.operation_create(actor=actor, kind=OperationKind.INTEGRALE_CONTROLE,
                                      title="Benchmark integrale controle", starts_on=today,
                                      ends_on=today + timedelta(days=1), project_leader=user,
                                      municipalities=[Municipality.objects.get(code="GM0855")])
services.operation_partner_add(actor=actor, operation=operation, organisation=org, domain=LegalDomain.BOUW,
                               legal_basis="Woningwet")
premises = "\\n".join(f"Industrieweg {n}, 5048 AA Tilburg" for n in range(1, 201))
services.selection_draw(actor=actor, operation=operation, chosen=[], premises=services.premises_parse(premises),
                        random_share=100, seed=1)
services.operation_transition(actor=actor, operation=operation, to_status=OperationStatus.BRIEFED)
print(json.dumps({"token": api_token_issue(user=user)[1], "operation": str(operation.uuid),
                  "locations": [str(u) for u in operation.locations.values_list("uuid", flat=True)]}))
"""


class FindingPayloads:
    """The request body per key: the locations in turn, the key in the notes."""

    def __init__(self, locations: list[str]) -> None:
        self._locations = itertools.cycle(locations)
        self._by_key: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def __call__(self, key: str) -> bytes:
        # A retry sends exactly the body of the first attempt (same location), as a real client does.
        with self._lock:
            if key not in self._by_key:
                self._by_key[key] = json.dumps(
                    {
                        "locatie": next(self._locations),
                        "domein": "bouw",
                        "gecontroleerd": "Brandveiligheid en gebruik",
                        "conform": False,
                        "ernst": "midden",
                        "toelichting": f"bench-key:{key}",
                    }
                ).encode()
            return self._by_key[key]


def findings_per_key(db_name: str) -> dict[str, int]:
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{db_name}") as conn:
        rows = conn.execute(
            "SELECT substring(notes from 'bench-key:(.*)$'), count(*) FROM actions_finding GROUP BY 1"
        ).fetchall()
    return {str(key): int(count) for key, count in rows}
