# SPDX-License-Identifier: EUPL-1.2
"""The "My work" page, the number on its menu item, the digest preference and the digest mail."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.cases import services as case_services
from weerbaar.cases.models import Case
from weerbaar.cases.tests.factories import make_actor, make_case, make_organisation, make_owner_actor
from weerbaar.core.policy import Actor
from weerbaar.inbox.models import DigestPreference
from weerbaar.inbox.registry import Section
from weerbaar.inbox.services import digest_body, digest_send_all
from weerbaar.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_with_work(make_org: Any, make_user: Any) -> Callable[[], tuple[Actor, Case]]:
    def make() -> tuple[Actor, Case]:
        return _owner_with_work(actor_for(user=make_user(organisation=make_org(), role=Role.CASUSREGISSEUR)))

    return make


def _owner_with_work(owner: Actor) -> tuple[Actor, Case]:
    """A director with an overdue intervention step and an access request waiting."""
    case = make_case(owner, title="Loods Zuid — hennepteelt")
    assert owner.organisation is not None
    case_services.intervention_add(
        actor=owner, case=case, type="sluiting_13b", owner=owner.organisation, started_on=date(2020, 1, 6)
    )
    requester = make_actor(organisation=make_organisation(), role=Role.CASUSREGISSEUR)
    case_services.access_request_create(actor=requester, case=case, reason="Zelfde pand.")
    return owner, case


def test_page_lists_the_work_with_links_by_number(client_for: Any, owner_with_work: Any) -> None:
    owner, case = owner_with_work()
    assert owner.user is not None
    response = client_for(owner.user).get(reverse("inbox:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/casussen/{case.uuid}/"' in body
    assert case.number is not None and case.number in body
    assert 'data-testid="section-decisions"' in body
    assert 'data-testid="overdue"' in body


def test_page_of_another_organisation_shows_none_of_it(client_for: Any, owner_with_work: Any) -> None:
    _owner, case = owner_with_work()
    outsider = make_owner_actor()
    assert outsider.user is not None and case.number is not None
    body = client_for(outsider.user).get(reverse("inbox:index")).content.decode()
    assert case.number not in body
    assert str(case.uuid) not in body


def test_menu_item_shows_the_number_needing_action_with_a_label(client_for: Any, owner_with_work: Any) -> None:
    owner, case = owner_with_work()
    assert owner.user is not None
    overdue_steps = case.interventions.get().steps.filter(due_on__lt=timezone.localdate()).count()
    expected = overdue_steps + 1  # and the access request waiting
    body = client_for(owner.user).get(reverse("core:start")).content.decode()
    assert f'data-testid="nav-badge">{expected}</span>' in body
    assert f", {expected} openstaand" in body
    assert 'href="/mijn-werk/"' in body  # the start tile


def test_menu_count_is_computed_once_per_request(owner_with_work: Any) -> None:
    from weerbaar.core.context_processors import shell

    owner, _case = owner_with_work()

    class Request:
        actor = owner
        path = "/"

    items = shell(Request())["nav_items"]  # type: ignore[arg-type]
    badge = next(i["badge"] for i in items if i["url"] == "/mijn-werk/")
    with CaptureQueriesContext(connection) as first:
        n = badge()
    with CaptureQueriesContext(connection) as second:
        assert badge() == n
    assert len(first) > 0 and len(second) == 0
    assert all(i["badge"] is None for i in items if i["url"] != "/mijn-werk/")


def test_digest_preference_switches_on_and_off(client_for: Any, owner_with_work: Any) -> None:
    owner, _case = owner_with_work()
    assert owner.user is not None
    client = client_for(owner.user)
    assert client.post(reverse("inbox:digest"), {"daily": "on"}).status_code == 302
    assert DigestPreference.objects.get(user=owner.user).daily is True
    assert client.post(reverse("inbox:digest"), {}).status_code == 302
    assert DigestPreference.objects.get(user=owner.user).daily is False


def test_digest_holds_counts_only_and_respects_the_preference(owner_with_work: Any) -> None:
    owner, case = owner_with_work()
    quiet, _other = owner_with_work()
    assert owner.user is not None and quiet.user is not None and case.number is not None
    DigestPreference.objects.create(user=owner.user, daily=True)
    DigestPreference.objects.create(user=quiet.user, daily=False)

    call_command("inbox_digest")

    mails = list(OutboxMessage.objects.filter(body__contains="/mijn-werk/"))
    assert [m.recipient for m in mails] == [owner.user.email]
    body = mails[0].body
    assert "/mijn-werk/" in body
    for secret in (case.number, case.title, str(case.uuid), owner.organisation.name if owner.organisation else "x"):
        assert secret not in body
    assert digest_send_all() == 0  # once a day


def test_digest_body_lists_only_sections_with_work() -> None:
    body = digest_body({Section.STEPS: 2, Section.ANSWERS: 0, Section.DECISIONS: 1})
    lines = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(lines) == 2
    assert lines[0].endswith(": 2") and lines[1].endswith(": 1")


def test_no_digest_without_work(db: Any) -> None:
    idle = make_owner_actor()
    assert idle.user is not None
    DigestPreference.objects.create(user=idle.user, daily=True)
    assert digest_send_all() == 0
    assert not OutboxMessage.objects.filter(recipient=idle.user.email).exists()


def test_anonymous_is_sent_to_log_in() -> None:
    response = Client().get(reverse("inbox:index"))
    assert response.status_code == 302
    assert "/mijn-werk/" not in response.headers.get("Location", "").split("?")[0]
