# SPDX-License-Identifier: EUPL-1.2
"""Managing an action after it was planned: editing it, ending a membership, removing a partner without
findings, correcting a finding (its author) and deleting a photo (its author or a planner). Audited; 404
for anyone else."""

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from weerbaar.accounts.constants import Role
from weerbaar.actions.constants import LegalDomain
from weerbaar.actions.models import Finding, FindingPhoto, Operation
from weerbaar.actions.services import finding_record
from weerbaar.actions.tests.factories import (
    first_location,
    make_operation,
    make_partner_actor,
    make_planner,
    make_running,
    png_bytes,
)
from weerbaar.actions.tests.test_views import client_of
from weerbaar.audit.models import AuditEvent
from weerbaar.cases.tests.factories import make_actor
from weerbaar.core.policy import Actor
from weerbaar.core.uploads import sanitise_bytes
from weerbaar.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def _record(actor: Actor, operation: Operation, key: str, *, domain: str = LegalDomain.POLITIE) -> Finding:
    return finding_record(
        actor=actor,
        operation=operation,
        location=first_location(operation),
        domain=domain,
        checked="Verblijf en identiteit",
        compliant=True,
        idempotency_key=key,
        photos=[sanitise_bytes(png_bytes())],
    ).finding


def test_planners_edit_the_action_and_the_audit_names_what_changed(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner, title="Actiedag oud")
    police = make_partner_actor(operation, planner)
    url = reverse("actions:edit", kwargs={"uuid": operation.uuid})
    assert client_of(police).get(url).status_code == 403  # a partner's inspector holds no actions.manage
    data = {
        "version": operation.version,
        "title": "Actiedag nieuw",
        "starts_on": str(operation.starts_on),
        "ends_on": str(operation.ends_on),
        "municipalities": ["GM0855"],
        "partnership": "",
        "area_description": "Bedrijventerrein Loven",
        "objectives": "",
    }
    assert client_of(planner).post(url, data).status_code == 302
    operation.refresh_from_db()
    assert (operation.title, operation.area_description, operation.objectives) == (
        "Actiedag nieuw",
        "Bedrijventerrein Loven",
        "",
    )
    event = AuditEvent.objects.filter(action="update", object_uuid=operation.uuid).latest("id")
    assert sorted(event.details["changed"]) == ["area_description", "objectives", "title"]
    # A stale form (the version it was loaded with) changes nothing.
    assert client_of(planner).post(url, {**data, "title": "Nog eens"}).status_code == 409


def test_ending_a_membership_closes_the_action_to_that_partner(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    detail = reverse("actions:detail", kwargs={"uuid": operation.uuid})
    assert client_of(police).get(detail).status_code == 200
    member = operation.memberships.get(organisation=police.organisation)
    end = reverse("actions:member_end", kwargs={"uuid": operation.uuid, "member_uuid": member.uuid})
    assert client_of(police).post(end).status_code == 403
    assert client_of(planner).post(end).status_code == 302
    assert client_of(police).get(detail).status_code == 404
    owner = operation.memberships.get(organisation=tilburg, user__isnull=True)
    response = client_of(planner).post(
        reverse("actions:member_end", kwargs={"uuid": operation.uuid, "member_uuid": owner.uuid}), follow=True
    )
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    owner.refresh_from_db()
    assert owner.ends_on is None


def test_a_partner_with_findings_stays_and_one_without_is_removed(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    tax = make_partner_actor(operation, planner, org_type="belastingdienst", domain=LegalDomain.FISCAAL)
    make_running(operation, planner)
    _record(police, operation, "politie-1")
    client = client_of(planner)
    police_row = operation.partners.get(organisation=police.organisation)
    response = client.post(
        reverse("actions:partner_remove", kwargs={"uuid": operation.uuid, "partner_uuid": police_row.uuid}),
        follow=True,
    )
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert operation.partners.filter(pk=police_row.pk).exists()
    tax_row = operation.partners.get(organisation=tax.organisation)
    url = reverse("actions:partner_remove", kwargs={"uuid": operation.uuid, "partner_uuid": tax_row.uuid})
    assert client.post(url).status_code == 302
    assert not operation.partners.filter(pk=tax_row.pk).exists()
    assert client_of(tax).get(reverse("actions:detail", kwargs={"uuid": operation.uuid})).status_code == 404
    assert AuditEvent.objects.filter(action="delete", object_uuid=tax_row.uuid).exists()


def test_the_author_corrects_a_finding_and_the_page_says_so(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    finding = _record(police, operation, "politie-2")
    url = reverse("actions:finding_correct", kwargs={"uuid": operation.uuid, "finding_uuid": finding.uuid})
    assert client_of(planner).get(url).status_code == 404  # only the author
    data = {
        "checked": "Verblijf en identiteit",
        "compliant": "nee",
        "legal_ground": "",
        "severity": "midden",
        "sanction": "boete",
        "notes": "",
    }
    assert client_of(police).post(url, data).status_code == 302
    finding.refresh_from_db()
    assert (finding.compliant, finding.sanction, finding.corrected_at is not None) == (False, "boete", True)
    event = AuditEvent.objects.filter(action="update", object_uuid=finding.uuid).get()
    assert sorted(event.details["corrected"]) == ["compliant", "sanction", "severity"]
    page = client_of(planner).get(
        reverse("actions:finding", kwargs={"uuid": operation.uuid, "finding_uuid": finding.uuid})
    )
    assert 'data-testid="corrected"' in page.content.decode()


def test_a_photo_is_deleted_by_the_author_or_a_planner_only(
    tilburg: Organisation, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    colleague = make_actor(organisation=police.organisation, role=Role.PARTNERVERTEGENWOORDIGER)
    make_running(operation, planner)
    finding = _record(police, operation, "politie-3")
    photo = finding.photos.get()
    path = settings.MEDIA_ROOT / photo.path
    url = reverse("actions:photo_delete", kwargs={"uuid": operation.uuid, "photo_uuid": photo.uuid})
    assert client_of(colleague).post(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert client_of(police).post(url).status_code == 302
    assert not FindingPhoto.objects.filter(pk=photo.pk).exists()
    assert not path.exists()
    assert AuditEvent.objects.filter(action="delete", object_uuid=photo.uuid).exists()
