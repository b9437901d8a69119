# SPDX-License-Identifier: EUPL-1.2
"""The map services: PDOK by default, offline when their URLs are empty, and the CSP follows the settings."""

import runpy
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from config.csp import origin_sources

BASE_SETTINGS = Path(__file__).resolve().parents[3] / "config" / "settings" / "base.py"
TILES = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
SEARCH = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"


def base_settings(monkeypatch: pytest.MonkeyPatch, **environment: str) -> dict[str, Any]:
    """The production settings as a fresh module would read them from this environment."""
    monkeypatch.setenv("SECRET_KEY", "test-only")
    for name in ("PDOK_TILES_URL", "PDOK_LOCATIESERVER_URL", "CSP_EXTRA_IMG_SRC"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def test_origin_sources() -> None:
    assert origin_sources("") == []
    assert origin_sources(TILES) == ["https://service.pdok.nl"]
    assert origin_sources("https://maps.example.nl:8443/wmts/{z}/{x}/{y}.png") == ["https://maps.example.nl:8443"]
    for wrong in ("http://service.pdok.nl/{z}/{x}/{y}.png", "service.pdok.nl", "https:///tiles"):
        with pytest.raises(ImproperlyConfigured):
            origin_sources(wrong)


def test_pdok_is_the_default_and_allowed_only_where_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = base_settings(monkeypatch)
    assert settings["PDOK_TILES_URL"] == TILES
    assert settings["PDOK_LOCATIESERVER_URL"] == SEARCH
    csp = settings["SECURE_CSP"]
    assert "https://service.pdok.nl" in csp["img-src"]
    assert "https://service.pdok.nl" not in csp["connect-src"]
    assert "https://api.pdok.nl" in csp["connect-src"]
    assert "https://api.pdok.nl" not in csp["img-src"]
    assert not any("pdok" in source for source in csp["script-src"] + csp["style-src"] + csp["default-src"])


def test_empty_urls_mean_offline_and_a_policy_without_pdok(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = base_settings(monkeypatch, PDOK_TILES_URL="", PDOK_LOCATIESERVER_URL="")
    assert settings["PDOK_TILES_URL"] == ""
    assert settings["PDOK_LOCATIESERVER_URL"] == ""
    assert not any("pdok" in source for sources in settings["SECURE_CSP"].values() for source in sources)


def test_the_policy_header_names_the_pdok_hosts(client: Any, geography: None) -> None:
    policy = client.get(reverse("signals:public_report"))["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert "https://service.pdok.nl" in directives["img-src"]
    assert "https://api.pdok.nl" in directives["connect-src"]


def test_location_picker_names_the_services_and_keeps_the_term_out_of_the_form(
    client: Any, geography: None, settings: Any
) -> None:
    html = client.get(reverse("signals:public_report")).content.decode()
    assert f'data-tiles-url="{TILES}"' in html
    assert f'data-search-url="{SEARCH}"' in html
    assert 'id="signals-map-search"' in html
    search_input = html.split('id="signals-map-search"')[1].split(">")[0]
    assert "name=" not in search_input  # never submitted with the report
    assert "PDOK" in html  # the privacy note says where the term goes
    assert "data-municipality-select" in html  # the form still works without JavaScript

    settings.PDOK_TILES_URL = ""
    settings.PDOK_LOCATIESERVER_URL = ""
    html = client.get(reverse("signals:public_report")).content.decode()
    assert 'data-tiles-url=""' in html
    assert 'data-search-url=""' in html
    assert "pdok" not in html.lower()
