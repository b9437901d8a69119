# SPDX-License-Identifier: EUPL-1.2
"""The move to persons affected keeps existing data: every victim becomes a person linked to their account,
every incident a number, every grant holds for the incident's own organisation. (Models of the old
migration state, not services: those would write through today's models.)"""

import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation

BEFORE = [("threats", "0004_status_history_kit")]


@pytest.mark.usefixtures("transactional_db_with_audit")
def test_existing_victims_become_persons_linked_to_their_account() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    org = Organisation.objects.create(name="Gemeente Proef", type=OrganisationType.GEMEENTE)
    victim = User.objects.create(username="wethouder", first_name="Wil", last_name="Wethouder")
    mayor = User.objects.create(username="burgemeester")
    incident = old.get_model("threats", "Incident").objects.create(
        organisation_id=org.pk,
        victim_id=victim.pk,
        reported_by_id=victim.pk,
        victim_role="wethouder",
        forms=["bedreiging"],
        channel="brief",
        target="persoon",
        occurred_at=timezone.now(),
        severity=3,
        description="Dreigbrief.",
    )
    old.get_model("threats", "AccessGrant").objects.create(
        incident_id=incident.pk, grantee_id=mayor.pk, granted_by_id=victim.pk, reason="informeren"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    person = new.get_model("threats", "VictimPerson").objects.get(incident_id=incident.pk)
    assert (person.name, person.office, person.municipality_id, person.user_id) == (
        "Wil Wethouder",
        "wethouder",
        org.pk,
        victim.pk,
    )
    migrated = new.get_model("threats", "Incident").objects.get(pk=incident.pk)
    assert re.fullmatch(r"D\d{4}-[234679ACDEFGHJKMNPQRTUVWXYZ]{6}", migrated.number)
    grant = new.get_model("threats", "AccessGrant").objects.get(incident_id=incident.pk)
    assert (grant.grantee_id, grant.organisation_id, grant.revoked_at) == (mayor.pk, org.pk, None)
