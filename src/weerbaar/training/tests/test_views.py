# SPDX-License-Identifier: EUPL-1.2
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.helpers import verified_client
from tests.pdf import assert_tagged_and_marked, assert_words_fit, pdf_text
from weerbaar.accounts.constants import Role
from weerbaar.training.constants import ModuleStatus
from weerbaar.training.models import Attempt, Module
from weerbaar.training.tests.factories import actor_of_user, answers_for, department_with_staff, in_days, shipped_module

pytestmark = pytest.mark.django_db


def _post_answers(module: Module, *, right: int) -> dict[str, str]:
    chosen = answers_for(module, right=right)
    data = {}
    for number, scenario in enumerate(module.scenarios.prefetch_related("options"), start=1):
        option = next(o for o in scenario.options.all() if o.pk == chosen[scenario.pk])
        data[f"s{number}"] = str(option.position)
    return data


def test_a_staff_member_reads_the_module_answers_and_downloads_the_certificate(tilburg: Any, make_user: Any) -> None:
    user = make_user(organisation=tilburg, role=Role.MEDEWERKER, username="medewerker")
    client = verified_client(user)
    module = shipped_module()

    page = client.get(reverse("training:module", args=[module.uuid]), {"pagina": "2"})
    assert page.status_code == 200 and "Signalen aan de balie" in page.content.decode()
    questions = client.get(reverse("training:module", args=[module.uuid]), {"pagina": "99"}).content.decode()
    assert "De vriendelijke ondernemer" in questions and 'name="s1"' in questions

    missing = client.post(reverse("training:module", args=[module.uuid]), {})
    assert missing.status_code == 200 and "Kies een antwoord" in missing.content.decode()

    response = client.post(reverse("training:module", args=[module.uuid]), _post_answers(module, right=99))
    attempt = Attempt.objects.get(user=user)
    assert response.status_code == 302 and response["Location"] == reverse("training:attempt", args=[attempt.uuid])
    result = client.get(response["Location"]).content.decode()
    assert "Geslaagd" in result and "Goed. U behandelt de aanvraag" in result

    pdf = client.get(reverse("training:certificate", args=[attempt.uuid]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert_tagged_and_marked(pdf.content, classification="Intern")
    assert_words_fit(pdf.content)
    text = pdf_text(pdf.content)
    assert "Test Persoon" in text and "Ondermijning herkennen en melden" in text and "Uitstekend" in text
    assert "100" not in text  # the band, not the score


def test_no_certificate_for_a_failed_attempt_and_no_page_of_someone_else(tilburg: Any, make_user: Any) -> None:
    user = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    other = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    module = shipped_module()
    verified_client(user).post(reverse("training:module", args=[module.uuid]), _post_answers(module, right=1))
    attempt = Attempt.objects.get(user=user)
    assert not attempt.passed
    assert verified_client(user).get(reverse("training:certificate", args=[attempt.uuid])).status_code == 404
    assert verified_client(other).get(reverse("training:attempt", args=[attempt.uuid])).status_code == 404


def test_the_coordinator_writes_publishes_and_assigns_a_module(tilburg: Any, make_user: Any) -> None:
    coordinator = make_user(organisation=tilburg, role=Role.WEERBAARHEIDSCOORDINATOR)
    client = verified_client(coordinator)
    response = client.post(
        reverse("training:create"), {"title": "Integriteit", "summary": "Over integriteit.", "pass_mark": "60"}
    )
    module = Module.objects.get(title="Integriteit")
    edit = reverse("training:edit", args=[module.uuid])
    assert response["Location"] == edit

    bad = client.post(
        edit,
        {
            "part": "page",
            "page-title": "Plaatje",
            "page-body": "Tekst.",
            "page-image": SimpleUploadedFile("x.png", b"not an image"),
        },
    )
    assert bad.status_code == 200 and "geen afbeelding" in bad.content.decode() and not module.pages.exists()
    client.post(edit, {"part": "page", "page-title": "Inleiding", "page-body": "Eerste alinea."})
    client.post(
        edit,
        {
            "part": "scenario",
            "scenario-situation": "Een cadeau.",
            "scenario-question": "Wat doet u?",
            "scenario-options": "*Teruggeven | Goed.\nHouden | Niet doen.",
        },
    )
    client.post(
        edit, {"part": "dilemma", "dilemma-title": "Feest", "dilemma-dilemma": "Gaat u?", "dilemma-considerations": "A"}
    )
    client.post(reverse("training:publish", args=[module.uuid]))
    module.refresh_from_db()
    assert module.status == ModuleStatus.PUBLISHED
    assert (module.pages.count(), module.scenarios.count(), module.dilemmas.count()) == (1, 1, 1)

    department, _staff = department_with_staff(actor_of_user(coordinator, tilburg), make_user, "Publiekszaken", 1)
    both = client.post(
        reverse("training:manage"),
        {"module": module.uuid, "role": Role.MEDEWERKER, "department": department.uuid, "due_date": in_days(7)},
    )
    assert both.status_code == 200 and module.assignments.count() == 0
    done = client.post(
        reverse("training:manage"),
        {"module": module.uuid, "role": "", "department": department.uuid, "due_date": in_days(7)},
    )
    assert done.status_code == 302 and module.assignments.count() == 1


def test_a_staff_member_sees_the_assignment_on_the_start_page_and_in_my_work(tilburg: Any, make_user: Any) -> None:
    coordinator = make_user(organisation=tilburg, role=Role.WEERBAARHEIDSCOORDINATOR)
    department, [member] = department_with_staff(actor_of_user(coordinator, tilburg), make_user, "Financien", 1)
    verified_client(coordinator).post(
        reverse("training:manage"),
        {"module": shipped_module().uuid, "department": department.uuid, "due_date": in_days(3)},
    )
    client = verified_client(member)
    assert "Ondermijning herkennen en melden" in client.get(reverse("core:start")).content.decode()
    assert "Ondermijning herkennen en melden" in client.get(reverse("inbox:index")).content.decode()
    assert "Ondermijning herkennen en melden" in client.get(reverse("training:mine")).content.decode()


def test_the_api_lists_modules_without_the_right_answers_and_only_own_results(tilburg: Any, make_user: Any) -> None:
    user = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    client = verified_client(user)
    module = shipped_module()
    listing = client.get(reverse("training_api:trainingen-list")).json()
    assert [m["titel"] for m in listing["results"]] == [module.title]
    detail = client.get(reverse("training_api:trainingen-detail", args=[module.uuid])).json()
    assert len(detail["praktijkvragen"]) == 6 and "correct" not in str(detail) and "feedback" not in str(detail)
    client.post(reverse("training:module", args=[module.uuid]), _post_answers(module, right=99))
    [row] = client.get(reverse("training_api:trainingsresultaten-list")).json()["results"]
    assert row["geslaagd"] is True and row["niveau"] == "uitstekend"
    other = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    assert verified_client(other).get(reverse("training_api:trainingsresultaten-list")).json()["results"] == []
