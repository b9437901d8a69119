# SPDX-License-Identifier: EUPL-1.2
"""Log-in with password and second factor, throttling, backup codes, sessions."""

import time
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.helpers import PASSWORD, current_code, verified_client
from weerbaar.accounts import services
from weerbaar.accounts.constants import Role
from weerbaar.accounts.middleware import SESSION_RENEW_SECONDS, SESSION_RENEWED_KEY
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.core.tests.cache_keys import stored_cache_keys

pytestmark = pytest.mark.django_db
LOGIN = "/inloggen/"


@pytest.fixture
def admin(make_org: Any, make_user: Any) -> Any:
    return make_user(organisation=make_org("Gemeente Test"), role=Role.FUNCTIONEEL_BEHEERDER, username="beheerder")


def _password_step(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password})


def test_full_login_requires_second_factor(admin: Any) -> None:
    client = Client()
    response = _password_step(client, "beheerder", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")
    # Password alone opens nothing.
    assert client.get(reverse("core:start")).status_code == 302
    response = client.post(reverse("accounts:verify"), {"token": current_code(admin)})
    assert response.status_code == 302
    assert client.get(reverse("core:start")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, object_uuid=admin.uuid).exists()


def test_wrong_code_is_refused_and_audited(admin: Any) -> None:
    client = Client()
    _password_step(client, "beheerder", PASSWORD)
    response = client.post(reverse("accounts:verify"), {"token": "000000"})
    assert response.status_code == 200
    assert "token" in response.context["form"].errors
    assert client.get(reverse("core:start")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, details__step="second_factor").exists()


def test_same_message_for_unknown_user_and_wrong_password(admin: Any) -> None:
    wrong = _password_step(Client(), "beheerder", "wrong-password-123")
    unknown = _password_step(Client(), "niemand-bestaat", "wrong-password-123")
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    # The form keeps what was typed, except the password.
    assert wrong.context["form"]["username"].value() == "beheerder"


@override_settings(LOGIN_THROTTLE_MAX_PER_USERNAME=3)
def test_throttle_locks_existing_and_unknown_usernames_alike(admin: Any) -> None:
    for username in ("beheerder", "onbekend"):
        for _ in range(3):
            _password_step(Client(REMOTE_ADDR="10.0.0.9"), username, "wrong-password-123")
    locked_real = _password_step(Client(REMOTE_ADDR="10.0.0.10"), "beheerder", PASSWORD)
    locked_unknown = _password_step(Client(REMOTE_ADDR="10.0.0.10"), "onbekend", PASSWORD)
    assert locked_real.context["form"].non_field_errors() == locked_unknown.context["form"].non_field_errors()
    assert "15" in str(locked_real.context["form"].non_field_errors())
    # Even the right password does not get through while locked.
    assert "_auth_user_id" not in locked_real.wsgi_request.session
    # The throttle's counters are keyed by keyed hashes only.
    keys = stored_cache_keys()
    assert any("login.username" in key for key in keys)
    assert not any("beheerder" in key or "onbekend" in key or "10.0.0." in key for key in keys)


def test_backup_code_works_once(admin: Any) -> None:
    codes = services.backup_codes_regenerate(actor=None, user=admin)
    assert len(codes) == 10 and len(set(codes)) == 10
    client = Client()
    _password_step(client, "beheerder", PASSWORD)
    assert client.post(reverse("accounts:verify"), {"token": codes[0]}).status_code == 302
    assert client.get(reverse("core:start")).status_code == 200
    again = Client()
    _password_step(again, "beheerder", PASSWORD)
    response = again.post(reverse("accounts:verify"), {"token": codes[0]})
    assert response.status_code == 200  # refused: used before
    from weerbaar.accounts.models import BackupCode

    assert not BackupCode.objects.filter(code_hash__contains=codes[1]).exists()  # stored hashed


def test_logout_everywhere_ends_all_sessions(admin: Any) -> None:
    first, second = verified_client(admin), verified_client(admin)
    assert second.get(reverse("core:start")).status_code == 200
    assert first.post(reverse("accounts:logout_everywhere")).status_code == 302
    assert second.get(reverse("core:start")).status_code == 302
    assert first.get(reverse("core:start")).status_code == 302


def test_admin_mfa_reset_forces_new_enrolment(
    admin: Any, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    colleague = make_user(organisation=admin.home_organisation, role=Role.MEDEWERKER, username="collega")
    colleague_session = verified_client(colleague)
    client = verified_client(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user_action", kwargs={"uuid": colleague.uuid, "action": "mfa-resetten"}),
            {"reason": "Telefoon kwijt, telefonisch gemeld."},
        )
    assert response.status_code == 302
    assert colleague_session.get(reverse("core:start")).status_code == 302  # sessions ended
    fresh = Client()
    response = _password_step(fresh, "collega", PASSWORD)
    assert response["Location"] == reverse("accounts:enrol")
    from django.core import mail

    assert any("tweede factor" in m.subject.lower() or "second factor" in m.subject.lower() for m in mail.outbox)


def test_temporary_password_must_be_changed(make_org: Any) -> None:
    org = make_org()
    user, temporary = services.user_create(
        actor=None,
        username="nieuw",
        first_name="N",
        last_name="W",
        email="n@example.invalid",
        home_organisation=org,
        role=Role.MEDEWERKER,
    )
    client = Client()
    response = _password_step(client, "nieuw", temporary)
    assert response["Location"] == reverse("accounts:password_change")
    response = client.post(reverse("accounts:password_change"), {"new_password": "kort", "new_password_again": "kort"})
    assert response.status_code == 200 and response.context["form"].errors["new_password"]
    response = client.post(
        reverse("accounts:password_change"),
        {"new_password": "een-lang-en-sterk-wachtwoord", "new_password_again": "een-lang-en-sterk-wachtwoord"},
    )
    assert response["Location"] == reverse("accounts:enrol")
    user.refresh_from_db()
    assert not user.password_change_required


@override_settings(SESSION_ABSOLUTE_SECONDS=60)
def test_absolute_session_lifetime(admin: Any) -> None:
    client = verified_client(admin)
    session = client.session
    session["weerbaar_auth_started_at"] = int(timezone.now().timestamp()) - 120
    session.save()
    assert client.get(reverse("core:start")).status_code == 302


def test_open_redirect_is_refused(admin: Any) -> None:
    client = Client()
    client.post(f"{LOGIN}?next=https://evil.example/", {"username": "beheerder", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"token": current_code(admin)})
    assert response["Location"] == reverse("core:start")


def test_session_cookie_flags_in_production_settings() -> None:
    from config.settings import base

    assert base.SESSION_COOKIE_SECURE and base.SESSION_COOKIE_HTTPONLY
    assert base.SESSION_COOKIE_NAME.startswith("__Host-")
    assert base.SESSION_COOKIE_AGE <= 30 * 60


def _session_row(client: Client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_an_idle_session_ends_and_activity_renews_it_at_most_once_a_minute(admin: Any) -> None:
    client = verified_client(admin)
    assert client.get(reverse("core:start")).status_code == 200
    expiry = _session_row(client).expire_date
    # Within the minute, a page view does not write the session.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:start")).status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert _session_row(client).expire_date == expiry
    # A minute later it does: the idle timeout runs again from now.
    session = client.session
    session[SESSION_RENEWED_KEY] = int(time.time()) - SESSION_RENEW_SECONDS - 1
    session.save()
    Session.objects.filter(session_key=session.session_key).update(expire_date=expiry - timedelta(minutes=5))
    assert client.get(reverse("core:start")).status_code == 200
    assert _session_row(client).expire_date >= expiry
    # Idle past the timeout, the session is gone and the next page asks to log in again.
    Session.objects.filter(session_key=session.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("core:start"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
