# SPDX-License-Identifier: EUPL-1.2
"""Completion per department: counts with area D's threshold of 10, and never a person's score or name to the
line manager, a colleague or the council."""

import re
from typing import Any

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.training import selectors, services
from weerbaar.training.tests.factories import (
    actor_of_user,
    answers_for,
    department_with_staff,
    in_days,
    pass_module,
    shipped_module,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tilburg: Any, make_user: Any) -> dict[str, Any]:
    """Vergunningen (12 staff, 10 passed), Handhaving (12 staff, 3 passed), Balie (4 staff, 2 passed)."""
    coordinator_user = make_user(organisation=tilburg, role=Role.WEERBAARHEIDSCOORDINATOR, username="coordinator")
    coordinator = actor_of_user(coordinator_user, tilburg)
    manager = make_user(organisation=tilburg, role=Role.LEIDINGGEVENDE, username="manager")
    council = make_user(organisation=tilburg, role=Role.RAADSLID, username="council")
    module = shipped_module()
    vergunningen, v_staff = department_with_staff(coordinator, make_user, "Vergunningen", 12, manager=manager)
    handhaving, h_staff = department_with_staff(coordinator, make_user, "Handhaving", 12)
    balie, b_staff = department_with_staff(coordinator, make_user, "Balie", 4)
    for department in (vergunningen, handhaving, balie):
        services.assignment_create(actor=coordinator, module=module, due_date=in_days(30), department=department)
    for user in v_staff[:10] + h_staff[:3] + b_staff[:2]:
        pass_module(user, tilburg, module)
    # One failed attempt with a score that appears nowhere else: 2 of 6 right.
    odd = services.attempt_submit(
        actor=actor_of_user(v_staff[11], tilburg), module=module, answers=answers_for(module, right=2)
    )
    return {
        "coordinator": coordinator,
        "coordinator_user": coordinator_user,
        "manager": manager,
        "council": council,
        "colleague": v_staff[0],
        "module": module,
        "odd": odd,
        "staff": v_staff + h_staff + b_staff,
    }


def _rows(completion: Any) -> dict[str, tuple[str, str, str, str]]:
    return {r.name: (r.members, r.done, r.not_done, r.share) for r in completion.rows}


def test_the_coordinator_sees_every_department_with_small_cells_protected(world: dict[str, Any]) -> None:
    completion = selectors.completion_per_department(actor=world["coordinator"], module=world["module"])
    assert completion is not None
    rows = _rows(completion)
    # Balie has fewer than 10 staff: no figures at all.
    assert rows["Balie"] == ("< 10", "—", "—", "—")
    # Vergunningen: 10 passed, 2 not: the 2 is "< 10" and the 10 hidden too (it would give the 2 away).
    assert rows["Vergunningen"][0] == "12" and rows["Vergunningen"][2] == "< 10" and rows["Vergunningen"][3] == "—"
    assert rows["Vergunningen"][1] in {"—", "< 10"}
    # Handhaving: 3 and 9 are both "< 10"; its size is hidden as well, or 12 - 3 would give the 9 away.
    assert rows["Handhaving"] == ("—", "< 10", "< 10", "—")
    assert completion.total is not None
    assert (completion.total.members, completion.total.done, completion.total.not_done) == ("28", "15", "13")


def test_the_line_manager_sees_only_his_department_and_the_council_only_the_total(world: dict[str, Any]) -> None:
    tilburg = world["coordinator"].organisation
    manager = actor_of_user(world["manager"], tilburg)
    completion = selectors.completion_per_department(actor=manager, module=world["module"])
    assert completion is not None and completion.total is None
    assert _rows(completion) == {"Vergunningen": ("12", "10", "< 10", "—")}

    council = actor_of_user(world["council"], tilburg)
    completion = selectors.completion_per_department(actor=council, module=world["module"])
    assert completion is not None and completion.rows == []
    assert completion.total is not None and completion.total.done == "15"

    colleague = actor_of_user(world["colleague"], tilburg)
    assert selectors.completion_per_department(actor=colleague, module=world["module"]) is None


@pytest.mark.parametrize(
    ("who", "url_name", "status"),
    [
        ("manager", "training:department", 200),
        ("council", "training:overview", 200),
        ("coordinator_user", "training:completion", 200),
        ("colleague", "training:department", 403),
        ("colleague", "training:overview", 403),
        ("manager", "training:completion", 403),
    ],
)
def test_no_page_shows_a_score_or_a_name_to_anyone_but_the_taker(
    world: dict[str, Any], who: str, url_name: str, status: int
) -> None:
    response = verified_client(world[who]).get(reverse(url_name))
    assert response.status_code == status
    html = response.content.decode()
    assert f"{world['odd'].score} %" not in html and f"{world['odd'].score}%" not in html
    for user in world["staff"]:
        if user != world[who]:  # the header names the viewer
            assert not re.search(rf"{user.last_name}\b", html) and f">{user.username}<" not in html
    # The attempt pages of others are not there for them.
    assert verified_client(world[who]).get(reverse("training:attempt", args=[world["odd"].uuid])).status_code in {
        403,
        404,
    }
    api = verified_client(world[who]).get(reverse("training_api:trainingsresultaten-list"))
    if api.status_code == 200:
        assert all(row["uuid"] != str(world["odd"].uuid) for row in api.json()["results"])


def test_the_coordinator_api_gives_the_same_suppressed_figures(world: dict[str, Any]) -> None:
    response = verified_client(world["coordinator_user"]).get(reverse("training_api:trainingsresultaten-per-afdeling"))
    assert response.status_code == 200
    [table] = response.json()
    rows = {r["afdeling"]: r for r in table["afdelingen"]}
    assert rows["Balie"]["medewerkers"] == "< 10" and rows["Balie"]["geslaagd"] == "—"
    assert table["organisatie"]["geslaagd"] == "15"
    assert "score" not in str(table)


def test_the_council_section_has_the_coordinators_protected_table(world: dict[str, Any]) -> None:
    tilburg = world["coordinator"].organisation
    council = actor_of_user(world["council"], tilburg)
    [completion] = selectors.council_figures(actor=council)
    coordinators = selectors.completion_per_department(actor=world["coordinator"], module=world["module"])
    assert coordinators is not None
    assert _rows(completion) == _rows(coordinators)
    assert _rows(completion)["Balie"] == ("< 10", "—", "—", "—")
    assert completion.total is not None and completion.total.done == "15"
    # Whoever lacks the overview code gets no section.
    for who in ("manager", "colleague"):
        assert selectors.council_figures(actor=actor_of_user(world[who], tilburg)) == []


def test_completion_on_the_situational_picture_and_in_reports_to_the_council(
    world: dict[str, Any], make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tests.pdf import pdf_text
    from weerbaar.insights.constants import ReportKind
    from weerbaar.insights.filters import filters_parse
    from weerbaar.insights.reports import services as report_services
    from weerbaar.insights.reports.forms import default_period

    tilburg = world["coordinator"].organisation
    page = verified_client(world["council"]).get(reverse("insights:dashboard")).content.decode()
    section = page[page.index('data-testid="section-opleiding"') :]
    assert "Vergunningen" in section and "Balie" in section and ">15<" in section  # 10 + 3 + 2 passed
    # The programme manager reads no training figures on the dashboard...
    manager = make_user(organisation=tilburg, role=Role.PROGRAMMAMANAGER)
    assert (
        'data-testid="section-opleiding"'
        not in verified_client(manager).get(reverse("insights:dashboard")).content.decode()
    )
    # ...but a confidential report he makes to the council carries the council's tables; the public report,
    # which may be published, none (completion is about the organisation's own staff).
    texts = {}
    for kind in (ReportKind.RAAD_VERTROUWELIJK, ReportKind.RAAD_OPENBAAR, ReportKind.ONDERMIJNINGSBEELD):
        with django_capture_on_commit_callbacks(execute=True):
            report = report_services.report_create(
                actor=actor_of_user(manager, tilburg),
                kind=kind,
                title="Raadsrapportage",
                filters=filters_parse(default_period()),
                narrative=report_services.Narrative(),
            )
        texts[kind] = pdf_text(bytes(report.versions.get().pdf))
    title = world["module"].title
    assert title in texts[ReportKind.RAAD_VERTROUWELIJK] and "Vergunningen" in texts[ReportKind.RAAD_VERTROUWELIJK]
    assert title not in texts[ReportKind.RAAD_OPENBAAR] and "Vergunningen" not in texts[ReportKind.RAAD_OPENBAAR]
    assert title not in texts[ReportKind.ONDERMIJNINGSBEELD]
