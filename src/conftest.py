# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures: organisations, people with roles, and clients that passed the second factor."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Manager
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import PASSWORD, verified_client
from weerbaar.accounts import services as account_services
from weerbaar.accounts.constants import ScreeningStatus
from weerbaar.accounts.models import User
from weerbaar.geo.models import Municipality, PoliceUnit, Province, SafetyRegion
from weerbaar.geo.services import geography_load
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.services import organisation_create

# A fixture that starts chromium or Spark makes its test one of the slow families, whatever module it is in.
FIXTURE_MARKERS = {"browser": pytest.mark.e2e, "spark": pytest.mark.spark}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in set(getattr(item, "fixturenames", ())) & FIXTURE_MARKERS.keys():
            item.add_marker(FIXTURE_MARKERS[fixture])


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The shared cache's table (CACHE_URL=db://), where the security limits count, beside the test database."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


GEOGRAPHY: tuple[Manager[Any], ...] = (PoliceUnit.objects, SafetyRegion.objects, Province.objects, Municipality.objects)
_geography_rows: dict[Manager[Any], list[dict[str, Any]]] = {}


@pytest.fixture
def geography(db: Any) -> None:
    """The CBS geography: police units, safety regions, provinces and municipalities.

    Loading it from the CSV files takes about a thousand queries and hundreds of tests ask for it, so only
    the first of them in each test process loads it; the others get the very same rows (ids included) in
    one bulk insert per table.
    """
    if not _geography_rows or PoliceUnit.objects.exists():
        geography_load()
        _geography_rows.update((manager, list(manager.values())) for manager in GEOGRAPHY)
        return
    for manager in GEOGRAPHY:
        manager.bulk_create(manager.model(**row) for row in _geography_rows[manager])
    # Rows written with their ids leave PostgreSQL's sequences behind; the test's own rows must not collide.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [manager.model for manager in GEOGRAPHY]):
            cursor.execute(statement)


@pytest.fixture
def make_org(db: Any) -> Callable[..., Organisation]:
    counter = {"n": 0}

    def make(name: str | None = None, type: str = OrganisationType.GEMEENTE, **fields: Any) -> Organisation:
        counter["n"] += 1
        return organisation_create(actor=None, name=name or f"Organisatie {counter['n']}", type=type, **fields)

    return make


@pytest.fixture
def tilburg(geography: None, make_org: Callable[..., Organisation]) -> Organisation:
    """A municipality on Weerbaar with its intake team's area (most signals in the tests are reported there)."""
    return make_org("Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))


@pytest.fixture
def amsterdam(geography: None, make_org: Callable[..., Organisation]) -> Organisation:
    """A second municipality, to show that one organisation's work stays out of another's sight."""
    return make_org(
        "Gemeente Amsterdam", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0363")
    )


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    counter = {"n": 0}

    def make(
        *,
        organisation: Organisation,
        role: str,
        username: str | None = None,
        screened: bool = True,
        with_totp: bool = True,
    ) -> User:
        counter["n"] += 1
        user, _ = account_services.user_create(
            actor=None,
            username=username or f"user{counter['n']}",
            first_name="Test",
            last_name=f"Persoon {counter['n']}",
            email=f"user{counter['n']}@example.invalid",
            home_organisation=organisation,
            role=role,
            screening_status=ScreeningStatus.PASSED if screened else ScreeningStatus.UNKNOWN,
            password=PASSWORD,
        )
        if with_totp:
            TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        return user

    return make


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    return verified_client


def _audit_append_only_guard(*, enable: bool) -> None:
    """Drop or (re-)create the database triggers that make ``audit_auditevent`` and ``audit_auditseal`` append-only.

    Uses the SQL of the migration that installs them, so the two cannot drift apart.
    """
    import importlib

    from django.db import connection

    statements: list[str] = []
    for name in ("0002_append_only_triggers", "0004_seals"):  # the events, then their seals
        migration = importlib.import_module(f"weerbaar.audit.migrations.{name}")
        if connection.vendor == "postgresql":
            statements += [migration.PG_DROP] + ([migration.PG_CREATE] if enable else [])
        elif connection.vendor == "sqlite":
            statements += list(migration.SQLITE_DROP) + (list(migration.SQLITE_CREATE) if enable else [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _restore_guard_after_flush(**kwargs: Any) -> None:
    from django.db.models.signals import post_migrate

    post_migrate.disconnect(dispatch_uid=_GUARD_UID)
    _audit_append_only_guard(enable=True)


_GUARD_UID = "weerbaar-tests-restore-audit-guard"


@pytest.fixture
def transactional_db_with_audit(transactional_db: Any) -> Iterator[None]:
    """pytest-django's ``transactional_db`` (``live_server``, migration tests), made compatible with the audit trail.

    After each transactional test the database is flushed (DELETE / TRUNCATE of every table), which the
    append-only triggers on ``audit_auditevent`` refuse. So, only for the flush, the triggers are dropped
    (teardown of this fixture runs just before the flush) and re-created right after it: the flush sends
    ``post_migrate``, whose one-shot receiver puts them back. During the test they are in place as usual.
    """
    from django.db.models.signals import post_migrate

    _audit_append_only_guard(enable=True)  # idempotent; makes sure the test runs with the guard
    yield
    post_migrate.connect(_restore_guard_after_flush, dispatch_uid=_GUARD_UID, weak=False)
    _audit_append_only_guard(enable=False)
