# SPDX-License-Identifier: EUPL-1.2
"""The workflow kit on its own: transitions, status history, versioning, service errors on a form, the API's 409."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError

from tests.migrations import migrate_to, old_incident
from weerbaar.accounts.models import User
from weerbaar.api.errors import StaleVersion, service_errors
from weerbaar.core.workflow.forms import VersionedFormMixin, apply_service_error
from weerbaar.core.workflow.transitions import Transitions, forward_only, one_step_or
from weerbaar.core.workflow.versioning import StaleVersionError, bump_version, lock_for_update
from weerbaar.signals.constants import Status
from weerbaar.signals.models import Signal, StatusChange
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db

MACHINE = Transitions(
    {"open": {"busy", "closed"}, "busy": {"closed"}, "closed": set()},
    labels={"open": "Open", "busy": "Busy", "closed": "Closed"},
)


def test_transitions_answer_where_a_status_may_go() -> None:
    assert MACHINE.allowed("open", "busy")
    assert not MACHINE.allowed("busy", "open")
    assert MACHINE.next("open") == {"busy", "closed"}
    assert MACHINE.next("closed") == frozenset()
    assert MACHINE.next("unknown") == frozenset()
    # A mapping as well, so a table reads as one.
    assert MACHINE["busy"] == {"closed"} and set(MACHINE) == {"open", "busy", "closed"} and len(MACHINE) == 3
    MACHINE.check("open", "closed")


def test_a_refused_move_names_both_statuses_in_the_users_language() -> None:
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        MACHINE.check("closed", "open")
    assert refused.value.messages == ["De status “Closed” kan niet naar de status “Open”."]
    with pytest.raises(ValidationError) as unknown:
        MACHINE.check("open", "gone")
    assert "“gone”" in unknown.value.messages[0]


def test_a_refusal_can_belong_to_a_form_field() -> None:
    machine = Transitions(forward_only(["a", "b", "c"]), message="Choose a later status.", field="status")
    assert machine.next("a") == {"b", "c"}
    with pytest.raises(ValidationError) as refused:
        machine.check("b", "a")
    assert refused.value.message_dict == {"status": ["Choose a later status."]}


def test_one_step_or_exit() -> None:
    assert one_step_or(["a", "b", "x"], exit_to="x") == {"a": {"b", "x"}, "b": {"x"}, "x": set()}


def test_status_history_is_recorded_once_and_never_changed(geography: None) -> None:
    signal = make_signal()
    change = StatusChange.record(
        signal=signal, from_status=Status.ONTVANGEN, to_status=Status.GEKWALIFICEERD, actor=None, reason="  waarom  "
    )
    assert change.reason == "waarom" and change.at <= timezone.now()
    assert list(signal.status_changes.values_list("to_status", flat=True)) == [Status.ONTVANGEN, Status.GEKWALIFICEERD]
    with pytest.raises(ValueError, match="append-only"):
        change.save()
    with pytest.raises(ValueError, match="append-only"):
        change.delete()


def test_a_stale_version_is_refused_and_a_bump_is_seen_by_the_next_reader(geography: None) -> None:
    signal = make_signal()
    loaded = signal.version
    locked = lock_for_update(Signal, signal, loaded)
    locked.legal_hold_reason = "onderzoek"
    bump_version(locked, ["legal_hold_reason"])
    fresh = Signal.objects.get(pk=signal.pk)
    assert fresh.version == loaded + 1 and fresh.legal_hold_reason == "onderzoek"
    with pytest.raises(StaleVersionError):
        lock_for_update(Signal, signal, loaded)
    assert lock_for_update(Signal, signal, None).version == loaded + 1  # no form: no check


class _Form(VersionedFormMixin, forms.Form):
    id_prefix = "probe"
    reason = forms.CharField(required=False)
    file = forms.CharField(required=False)


def test_the_version_form_carries_a_hidden_version_with_distinct_ids() -> None:
    form = _Form(initial={"version": 3}, id_prefix="probe_7")
    assert 'type="hidden"' in str(form["version"]) and 'id="probe_7_version"' in str(form["version"])
    assert not _Form({"version": "0"}).is_valid()


def test_service_errors_land_on_their_field_or_on_top() -> None:
    form = _Form({"version": "1"})
    assert form.is_valid()
    apply_service_error(
        form,
        ValidationError({"legal_hold_reason": "Geef een reden.", "other": "Elders."}),
        aliases={"legal_hold_reason": "reason"},
    )
    assert form.errors["reason"] == ["Geef een reden."]
    assert form.non_field_errors() == ["Elders."]

    plain = _Form({"version": "1"})
    plain.is_valid()
    apply_service_error(plain, ValidationError("Niet toegestaan."), field="file")
    assert plain.errors["file"] == ["Niet toegestaan."]


def test_permission_denied_becomes_a_message_or_stays_a_refusal() -> None:
    form = _Form({"version": "1"})
    form.is_valid()
    apply_service_error(form, PermissionDenied(), denied="Niet van u.")
    assert form.non_field_errors() == ["Niet van u."]
    with pytest.raises(PermissionDenied):
        apply_service_error(form, PermissionDenied())


def test_the_api_answers_a_stale_version_with_409_in_one_place() -> None:
    with pytest.raises(StaleVersion) as stale, service_errors():
        raise StaleVersionError
    assert stale.value.status_code == 409
    with pytest.raises(NotFound), service_errors():
        raise PermissionDenied
    with pytest.raises(ApiValidationError) as invalid, service_errors({"reason": "reden"}):
        raise ValidationError({"reason": "Geef een reden."})
    assert invalid.value.detail == {"reden": ["Geef een reden."]}


@pytest.mark.usefixtures("transactional_db_with_audit")
def test_the_threats_history_keeps_its_rows_when_renamed() -> None:
    """The migration onto the kit's field names renames in place: who and when survive. (Models of
    the old migration state, not services: those would write through today's models.)"""
    old = migrate_to([("threats", "0003_incident_legal_hold_deletion_record")])
    user = User.objects.create(username="coordinator")
    _org, incident = old_incident(old, victim=user, victim_role="burgemeester")
    old.get_model("threats", "StatusChange").objects.create(
        incident_id=incident.pk, to_status="gemeld", changed_by_id=user.pk, reason="gemeld"
    )
    new = migrate_to()
    row = new.get_model("threats", "StatusChange").objects.get(incident_id=incident.pk)
    assert (row.actor_id, row.to_status, row.reason) == (user.pk, "gemeld", "gemeld")
    assert row.at is not None
