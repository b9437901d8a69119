# SPDX-License-Identifier: EUPL-1.2
"""The move to persons affected keeps existing data: every victim becomes a person linked to their account,
every incident a number, every grant holds for the incident's own organisation."""

import re

import pytest

from tests.migrations import migrate_to, old_incident
from weerbaar.accounts.models import User

BEFORE = [("threats", "0004_status_history_kit")]


@pytest.mark.usefixtures("transactional_db_with_audit")
def test_existing_victims_become_persons_linked_to_their_account() -> None:
    old = migrate_to(BEFORE)
    victim = User.objects.create(username="wethouder", first_name="Wil", last_name="Wethouder")
    mayor = User.objects.create(username="burgemeester")
    org, incident = old_incident(old, victim=victim, victim_role="wethouder")
    old.get_model("threats", "AccessGrant").objects.create(
        incident_id=incident.pk, grantee_id=mayor.pk, granted_by_id=victim.pk, reason="informeren"
    )
    new = migrate_to()
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
