# SPDX-License-Identifier: EUPL-1.2
"""Data-migration tests: move the test database to a migration state and make rows with that state's models.

Rows are made with the models of the old state, never with services: those would write through today's
models, not the tables the migration under test meets.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.db.models import Model
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation


def migrate_to(targets: list[tuple[str, str]] | None = None) -> StateApps:
    """Migrate to ``targets`` (None: every app's latest migration) and answer the models of that state."""
    executor = MigrationExecutor(connection)
    targets = targets if targets is not None else executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def old_incident(apps: StateApps, *, victim: User, victim_role: str) -> tuple[Organisation, Model]:
    """A threat incident in a fresh municipality, reported by its victim, made with the models of ``apps``."""
    organisation = Organisation.objects.create(name="Gemeente Proef", type=OrganisationType.GEMEENTE)
    incident = apps.get_model("threats", "Incident").objects.create(
        organisation_id=organisation.pk,
        victim_id=victim.pk,
        reported_by_id=victim.pk,
        victim_role=victim_role,
        forms=["bedreiging"],
        channel="brief",
        target="persoon",
        occurred_at=timezone.now(),
        severity=3,
        description="Dreigbrief.",
    )
    return organisation, incident
