# SPDX-License-Identifier: EUPL-1.2
"""The one If-Match/ETag helper: parsing, the mapping of a service's answers, and the published contract."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.api.concurrency import (
    PreconditionFailed,
    TransitionRefused,
    _entity_tags,
    etag,
    transition_errors,
)
from weerbaar.signals.constants import Status
from weerbaar.signals.models import Signal
from weerbaar.signals.services import signal_transition
from weerbaar.signals.tests.factories import make_signal

#: Every transition of the API: a POST to a sub-resource of a detail resource with an ETag.
TRANSITIONS = {
    "/meldingen/{uuid}/statuswijzigingen",
    "/meldingen/{uuid}/wegingen",
    "/meldingen/{uuid}/privacytoetsen",
    "/casussen/{uuid}/interventies/{interventieUuid}/gereedmeldingen",
    "/casussen/{uuid}/stukken/{stukUuid}/toestemmingen",
    "/casussen/{uuid}/deelnemers/{deelnemerUuid}/beeindiging",
    "/incidenten/{uuid}/stappen/{stapUuid}/afhandeling",
    "/gebiedssamenwerkingen/{uuid}/maatregelen/{measure_uuid}/status",
    "/weerbaarheidsscans/{uuid}/verbeteracties/{actieUuid}/status",
}
#: The detail resources those transitions act on, each with an ETag on GET.
WITH_ETAG = {path.rsplit("/", 1)[0] for path in TRANSITIONS} | {"/casussen/{uuid}"}


@pytest.mark.parametrize(
    ("header", "tags"),
    [
        ('"v1-abc"', ['"v1-abc"']),
        ('"v1-abc", "v2-def"', ['"v1-abc"', '"v2-def"']),
        ('  "v1-abc" ,W/"v2-def"  ', ['"v1-abc"']),  # a weak tag never matches (strong comparison)
        ('W/"v1-abc"', []),
        ('""', ['""']),
        ("v1-abc", None),  # not quoted
        ('"v1-abc" "v2"', None),  # no comma
        ('"v1-abc",,', None),
        ('"v1 abc"', None),  # no space inside an entity-tag
    ],
)
def test_if_match_parsing(header: str, tags: list[str] | None) -> None:
    assert _entity_tags(header) == tags


@pytest.mark.django_db
def test_the_etag_is_strong_and_names_kind_object_and_version(tilburg: Any) -> None:
    first, second = make_signal(), make_signal()
    tag = etag(first)
    assert tag.startswith('"v1-') and tag.endswith('"') and not tag.startswith("W/")
    assert tag != etag(second)
    first.version = 2
    assert etag(first) != tag and etag(first).startswith('"v2-')


def test_a_service_refusal_in_api_terms() -> None:
    with pytest.raises(NotFound), transition_errors():
        raise PermissionDenied
    with pytest.raises(TransitionRefused) as refused, transition_errors({"reason": "toelichting"}):
        raise ValidationError("Dit kan niet vanuit deze status.")
    assert refused.value.status_code == 409 and str(refused.value.detail) == "Dit kan niet vanuit deze status."
    with pytest.raises(ApiValidationError) as invalid, transition_errors({"reason": "toelichting"}):
        raise ValidationError({"reason": "Geef een motivering."})
    assert set(invalid.value.detail) == {"toelichting"}
    # A field the caller did not send is the state of the object, not their input: 409.
    with pytest.raises(TransitionRefused), transition_errors({"reason": "toelichting"}):
        raise ValidationError({"closed_at": "Al afgesloten."})


@pytest.mark.django_db
def test_a_change_between_the_check_and_the_lock_is_412_and_changes_nothing(tilburg: Any, make_user: Any) -> None:
    """The If-Match check reads the object without a lock; the service re-reads it under one. A change that
    lands in between is caught there (``StaleVersionError``) and answered as the stale ETag it is."""
    intake = actor_for(user=make_user(organisation=tilburg, role=Role.MELDPUNT))
    signal = make_signal()
    checked = signal.version  # what the If-Match check saw
    signal_transition(actor=intake, signal=signal, to_status=Status.GEKWALIFICEERD)  # someone else, meanwhile
    with pytest.raises(PreconditionFailed), transition_errors():
        signal_transition(
            actor=intake, signal=signal, to_status=Status.BUITEN_SCOPE, reason="Geen taak.", expected_version=checked
        )
    assert Signal.objects.get(pk=signal.pk).status == Status.GEKWALIFICEERD


@pytest.mark.django_db
def test_the_contract_names_if_match_etag_and_the_problems_for_every_transition() -> None:
    document = Client().get("/api/v1/openapi.json").json()
    conditional = {
        path
        for path, operations in document["paths"].items()
        for operation in operations.values()
        if any(p["in"] == "header" and p["name"] == "If-Match" for p in operation.get("parameters", []))
    }
    assert conditional == TRANSITIONS
    for path in TRANSITIONS:
        operation = document["paths"][path]["post"]
        (if_match,) = [p for p in operation["parameters"] if p["name"] == "If-Match"]
        assert if_match["required"] is True
        assert {"400", "404", "409", "412", "428"} <= set(operation["responses"]), path
        for code in ("409", "412", "428"):
            assert "application/problem+json" in operation["responses"][code]["content"], (path, code)
        success = [code for code in operation["responses"] if code.startswith("2")]
        assert len(success) == 1, path
        headers = operation["responses"][success[0]].get("headers", {})
        assert ("ETag" in headers) == (success[0] == "200"), path  # a 201 names a new record, not the object
    for path in WITH_ETAG:
        assert "ETag" in document["paths"][path]["get"]["responses"]["200"]["headers"], path
