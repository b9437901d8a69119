# SPDX-License-Identifier: EUPL-1.2
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from weerbaar.accounts.constants import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.notifications.models import OutboxMessage
from weerbaar.training import selectors, services
from weerbaar.training.constants import ModuleStatus
from weerbaar.training.models import Module, Reminder
from weerbaar.training.standard import DILEMMAS, PAGES, SCENARIOS
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
def coordinator(tilburg: Any, make_user: Any) -> Any:
    user = make_user(organisation=tilburg, role=Role.WEERBAARHEIDSCOORDINATOR, username="coordinator")
    return actor_of_user(user, tilburg)


def _png() -> SimpleUploadedFile:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile("plaatje.png", buffer.getvalue(), content_type="image/png")


def test_the_shipped_module_is_loaded_published_with_its_content() -> None:
    module = shipped_module()
    assert module.status == ModuleStatus.PUBLISHED and module.organisation is None
    assert module.pages.count() == len(PAGES) >= 5
    assert module.scenarios.count() == len(SCENARIOS) >= 5
    assert module.dilemmas.count() == len(DILEMMAS) == 4
    for scenario in module.scenarios.all():
        assert scenario.options.filter(correct=True).count() == 1
        assert all(o.feedback for o in scenario.options.all())


def test_a_coordinator_authors_and_publishes_a_module(coordinator: Any) -> None:
    module = services.module_create(actor=coordinator, title="Integriteit", summary="Over integriteit.", pass_mark=60)
    services.page_add(
        actor=coordinator,
        module=module,
        title="Inleiding",
        body="Eerste.\n\nTweede.",
        image=_png(),
        image_alt="Een rood vlak",
    )
    services.scenario_add(
        actor=coordinator,
        module=module,
        situation="Een cadeau.",
        question="Wat doet u?",
        options=[("Teruggeven", True, "Goed."), ("Houden", False, "Niet doen.")],
    )
    services.dilemma_add(actor=coordinator, module=module, title="Feest", dilemma="Gaat u?", considerations="A\nB")
    services.module_publish(actor=coordinator, module=module)

    module.refresh_from_db()
    assert module.status == ModuleStatus.PUBLISHED
    page = module.pages.get()
    assert page.paragraphs() == ["Eerste.", "Tweede."]
    assert page.image_type.startswith("image/") and bytes(page.image) and page.image_alt == "Een rood vlak"
    with pytest.raises(ValidationError):
        services.page_add(actor=coordinator, module=module, title="Te laat", body="Gepubliceerd.")
    copy = services.module_new_version(actor=coordinator, module=module)
    assert (copy.version, copy.status, copy.previous_id) == (2, ModuleStatus.DRAFT, module.pk)
    assert copy.pages.count() == 1 and copy.scenarios.get().options.count() == 2 and copy.dilemmas.count() == 1


def test_authoring_refuses_bad_input_readably(coordinator: Any) -> None:
    module = services.module_create(actor=coordinator, title="Leeg", summary="Nog leeg.", pass_mark=70)
    with pytest.raises(ValidationError) as error:
        services.module_publish(actor=coordinator, module=module)
    assert "at least one page" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.page_add(actor=coordinator, module=module, title="Plaatje", body="Tekst.", image=_png(), image_alt=" ")
    assert "image_alt" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.scenario_add(
            actor=coordinator, module=module, situation="S", question="V", options=[("A", True, "x"), ("B", True, "y")]
        )
    assert "exactly one" in str(error.value)


def test_only_the_coordinator_authors_and_never_a_shipped_module(
    coordinator: Any, tilburg: Any, make_user: Any
) -> None:
    staff = actor_of_user(make_user(organisation=tilburg, role=Role.MEDEWERKER), tilburg)
    with pytest.raises(PermissionDenied):
        services.module_create(actor=staff, title="X", summary="Y", pass_mark=70)
    with pytest.raises(PermissionDenied):
        services.page_add(actor=coordinator, module=shipped_module(), title="X", body="Y")
    with pytest.raises(PermissionDenied):
        services.module_new_version(actor=coordinator, module=shipped_module())


def test_an_attempt_is_scored_and_passes_at_the_pass_mark(coordinator: Any, tilburg: Any, make_user: Any) -> None:
    module = shipped_module()
    actor = actor_of_user(make_user(organisation=tilburg, role=Role.MEDEWERKER), tilburg)
    total = module.scenarios.count()

    low = services.attempt_submit(actor=actor, module=module, answers=answers_for(module, right=total // 2))
    high = services.attempt_submit(actor=actor, module=module, answers=answers_for(module, right=total))

    assert (low.score, low.passed) == (round(100 * (total // 2) / total), False)
    assert (high.score, high.passed) == (100, True)
    event = AuditEvent.objects.filter(object_uuid=high.uuid).get()
    assert "score" not in str(event.details)
    with pytest.raises(ValidationError):
        services.attempt_submit(actor=actor, module=module, answers={})


def test_assignments_reach_role_holders_and_department_members(coordinator: Any, tilburg: Any, make_user: Any) -> None:
    module = shipped_module()
    department, staff = department_with_staff(coordinator, make_user, "Vergunningen", 2)
    services.assignment_create(actor=coordinator, module=module, due_date=in_days(10), department=department)
    manager = make_user(organisation=tilburg, role=Role.LEIDINGGEVENDE)
    services.assignment_create(actor=coordinator, module=module, due_date=in_days(5), role=Role.LEIDINGGEVENDE)

    member = actor_of_user(staff[0], tilburg)
    [row] = selectors.assignment_own_list(actor=member)
    assert (row.module, row.due_date, row.done) == (module, in_days(10), False)
    [row] = selectors.assignment_own_list(actor=actor_of_user(manager, tilburg))
    assert row.due_date == in_days(5)

    pass_module(staff[0], tilburg, module)
    assert selectors.assignment_open_list(actor=member) == []
    with pytest.raises(ValidationError):
        services.assignment_create(actor=coordinator, module=module, due_date=in_days(-1), role=Role.MEDEWERKER)
    with pytest.raises(ValidationError):
        services.assignment_create(
            actor=coordinator, module=module, due_date=in_days(3), role=Role.MEDEWERKER, department=department
        )


def test_overdue_assignments_are_reminded_once_through_the_outbox(
    coordinator: Any, tilburg: Any, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    module = shipped_module()
    department, staff = department_with_staff(coordinator, make_user, "Handhaving", 3)
    assignment = services.assignment_create(
        actor=coordinator, module=module, due_date=in_days(1), department=department
    )
    pass_module(staff[0], tilburg, module)

    assert services.reminders_send(today=in_days(1)) == 0  # not overdue yet
    with django_capture_on_commit_callbacks(execute=True):
        call_command("training_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert services.reminders_send(today=in_days(2)) == 2
    assert services.reminders_send(today=in_days(3)) == 0
    assert set(Reminder.objects.filter(assignment=assignment).values_list("user_id", flat=True)) == {
        staff[1].pk,
        staff[2].pk,
    }
    messages = OutboxMessage.objects.filter(recipient__in=[staff[1].email, staff[2].email])
    assert messages.count() == 2
    assert all(module.title in m.body and "%" not in m.body for m in messages)
    assert not mail.outbox or all(staff[0].email not in m.to for m in mail.outbox)


def test_a_module_of_another_organisation_is_out_of_reach(coordinator: Any, make_org: Any, make_user: Any) -> None:
    other = make_org("Gemeente Ander")
    other_coordinator = actor_of_user(make_user(organisation=other, role=Role.WEERBAARHEIDSCOORDINATOR), other)
    module = services.module_create(actor=other_coordinator, title="Eigen", summary="Van Ander.", pass_mark=70)
    assert not selectors.module_managed_list(actor=coordinator).filter(pk=module.pk).exists()
    with pytest.raises(PermissionDenied):
        services.page_add(actor=coordinator, module=module, title="X", body="Y")
    assert Module.objects.filter(pk=module.pk).exists()


def test_the_audit_trail_names_an_attempt_without_person_or_score(
    coordinator: Any, tilburg: Any, make_user: Any
) -> None:
    from weerbaar.audit.describers import audit_objects_describe

    module = shipped_module()
    attempt = pass_module(make_user(organisation=tilburg, role=Role.MEDEWERKER), tilburg, module)
    described = audit_objects_describe(
        actor=coordinator, refs=[("training.attempt", attempt.uuid), ("training.module", module.uuid)]
    )
    text = described[("training.attempt", attempt.uuid)].label
    assert module.title in text and str(attempt.score) not in text
    assert described[("training.module", module.uuid)].url is not None  # the coordinator may open it


def test_staff_figures_take_a_higher_threshold_never_a_lower_one() -> None:
    from weerbaar.core import disclosure

    assert (disclosure.suppress(9, threshold=10), disclosure.suppress(10, threshold=10)) == ("< 10", "10")
    assert disclosure.suppress(4) == "< 5" and disclosure.share(9, 40, threshold=10) == "—"
    with pytest.raises(ValueError, match="never below the platform"):
        disclosure.suppress(3, threshold=3)
