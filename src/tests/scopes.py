# SPDX-License-Identifier: EUPL-1.2
"""Shared parts of the random-world agreement tests of the apps' ``scopes.py``: making people, and the
meeting check (a list, a getter and a rule agree). Both areas use it, so it imports neither; the
correlation subjects' check is in ``tests.subjects``, for area B only."""

from collections.abc import Callable, Iterable
from itertools import count
from typing import Any, Protocol

from django.db.models import Model

from tests.helpers import PASSWORD
from weerbaar.accounts import services as account_services
from weerbaar.accounts.constants import ScreeningStatus
from weerbaar.accounts.models import User
from weerbaar.core.policy import Actor
from weerbaar.organisations.models import Organisation

_seq = count(1)


def make_person(organisation: Organisation, role: str, screened: bool, *, label: str) -> User:
    """A user of ``organisation``, named after ``label`` so a failing example shows which test made them."""
    n = next(_seq)
    user, _password = account_services.user_create(
        actor=None,
        username=f"{label.lower()}{n}",
        first_name="Test",
        last_name=f"{label} {n}",
        email=f"{label.lower()}{n}@example.invalid",
        home_organisation=organisation,
        role=role,
        screening_status=ScreeningStatus.PASSED if screened else ScreeningStatus.UNKNOWN,
        password=PASSWORD,
    )
    return user


class _MeetingGetter(Protocol):
    def __call__(self, *, actor: Actor, uuid: Any) -> Model | None: ...


def assert_meetings_agree(
    actor: Actor,
    meetings: Iterable[Model],
    *,
    listed: Iterable[Model],
    get: _MeetingGetter,
    is_visible: Callable[[Actor, Any], bool],
) -> None:
    """A meeting is in the actor's list exactly when the rule and the getter let them see it."""
    shown_meetings = set(listed)
    for meeting in meetings:
        shown = meeting in shown_meetings
        assert is_visible(actor, meeting) == shown
        assert (get(actor=actor, uuid=meeting.uuid) is not None) == shown  # type: ignore[attr-defined]
