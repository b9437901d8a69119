# SPDX-License-Identifier: EUPL-1.2
"""Health checks, security headers, error pages, logs without personal data, settings hygiene."""

import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.helpers import PASSWORD
from weerbaar.accounts.constants import Role
from weerbaar.core import policy
from weerbaar.core.logging import JsonFormatter, RequestIdFilter

REPO = Path(__file__).resolve().parents[4]


@pytest.mark.django_db
def test_health_and_readiness() -> None:
    assert Client().get("/healthz").json() == {"status": "ok"}
    ready = Client().get("/readyz")
    assert ready.status_code == 200 and ready.json()["database"] == "ok"


@pytest.mark.django_db
def test_login_page_has_strict_csp_and_no_inline_code() -> None:
    response = Client().get("/inloggen/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\ssrc=)", html), "inline <script> found"
    assert " style=" not in html and "<style" not in html
    assert 'lang="nl"' in html
    assert 'href="#main"' in html  # skip link


@pytest.mark.django_db
def test_friendly_404_page_in_dutch() -> None:
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 404
    assert "utrecht-heading-1" in response.content.decode()


def test_policy_refuses_unknown_permission_codes() -> None:
    actor = policy.Actor(user=object(), organisation=None, permissions=frozenset({"made.up"}))  # type: ignore[arg-type]
    assert not policy.can(actor, "made.up")
    assert not policy.can(policy.ANONYMOUS, "organisations.view")


@pytest.mark.django_db
def test_undeclared_view_is_refused(settings: Any) -> None:
    from django.http import HttpResponse
    from django.urls import path

    def naked(request: Any) -> HttpResponse:
        return HttpResponse("leak")

    class Urls:
        urlpatterns = [path("naakt/", naked)]

    settings.ROOT_URLCONF = Urls
    response = Client().get("/naakt/")
    assert response.status_code == 404
    assert b"leak" not in response.content


@pytest.mark.django_db
def test_logs_are_json_and_hold_no_personal_data(make_org: Any, make_user: Any, caplog: Any) -> None:
    make_user(organisation=make_org(), role=Role.MEDEWERKER, username="jan.jansen")
    formatter, request_filter = JsonFormatter(), RequestIdFilter()
    with caplog.at_level(logging.DEBUG):
        Client().post("/inloggen/", {"username": "jan.jansen", "password": "verkeerd-wachtwoord"})
        Client().post("/inloggen/", {"username": "jan.jansen", "password": PASSWORD})
        Client().get("/bestaat-niet/?naam=jan.jansen")
    lines = []
    for record in caplog.records:
        request_filter.filter(record)
        lines.append(formatter.format(record))
    for line in lines:
        json.loads(line)
        assert "jan.jansen" not in line
        assert "verkeerd-wachtwoord" not in line and PASSWORD not in line


def test_formatter_drops_unknown_extra_fields() -> None:
    record = logging.makeLogRecord({"msg": "x", "email": "a@b.nl", "view": "v"})
    line = json.loads(JsonFormatter().format(record))
    assert "email" not in line and line["view"] == "v"


def test_env_example_documents_every_variable() -> None:
    from config import env

    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (REPO / ".env.example").read_text(), re.MULTILINE))
    missing = env.READ - documented
    assert not missing, f"Variables read but not in .env.example: {sorted(missing)}"


def test_production_settings_pass_check_deploy(monkeypatch: Any) -> None:
    import subprocess
    import sys

    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": "x" * 64 + "production-like-secret-key-for-the-check",
        "AUDIT_CHAIN_KEY": "y" * 48,
        "ALLOWED_HOSTS": "weerbaar.example.org",
        "DATABASE_URL": "sqlite:///var/deploy-check.sqlite3",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO / "src",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_dutch_by_default_english_on_request() -> None:
    dutch = Client(headers={"Accept-Language": "en-US,en;q=0.9"}).get("/inloggen/")
    assert 'lang="nl"' in dutch.content.decode()
    assert "Inloggen bij Weerbaar" in dutch.content.decode()
    client = Client()
    client.post("/i18n/taal/", {"language": "en", "next": "/inloggen/"})
    english = client.get("/inloggen/")
    assert 'lang="en"' in english.content.decode()
    assert "Log in to Weerbaar" in english.content.decode()


@pytest.mark.django_db
def test_only_the_longest_matching_menu_item_is_current(make_org: Any, make_user: Any, client_for: Any) -> None:
    user = make_user(organisation=make_org(), role=Role.VEILIGHEIDSCOORDINATOR)
    nav = client_for(user).get("/incidenten/inzicht/").context["nav_items"]
    current = [item["url"] for item in nav if item["current"]]
    assert current == ["/incidenten/inzicht/"]


def test_postgres_prepares_its_statements_unless_told_not_to(tmp_path: Any) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from config.database import PREPARE_THRESHOLD, parse_database_url

    url = "postgres://weerbaar:geheim@db.example:5433/weerbaar"
    options = parse_database_url(url, base_dir=tmp_path)["OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": PREPARE_THRESHOLD}
    off = parse_database_url(f"{url}?prepared_statements=off&sslmode=require", base_dir=tmp_path)["OPTIONS"]
    assert off == {"sslmode": "require"}
    with pytest.raises(ImproperlyConfigured, match="prepared_statements"):
        parse_database_url(f"{url}?prepared_statements=perhaps", base_dir=tmp_path)
