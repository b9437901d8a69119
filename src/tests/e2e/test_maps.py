# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: the maps without internet. PDOK is blocked the way an offline machine or a firewall would
block it, so the maps fall back to the municipal boundaries and say so; the names appear when zoomed in;
the search finds a municipality locally; the legend sits beside the map. axe-core on every state."""

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]

PDOK = re.compile(r"^https://[^/]*pdok\.nl/")
OFFLINE_NOTE = "Achtergrondkaart niet bereikbaar: u ziet de gemeentegrenzen"
SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def offline_page(new_page: Callable[..., Any], **options: Any) -> Any:
    page = new_page(**options)
    page.route(PDOK, lambda route: route.abort("internetdisconnected"))
    return page


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


@pytest.mark.e2e
def _area_fill_share(page: Any, map_selector: str = "#signals-map") -> float:
    """The share of the map's pixels in the offline areas' light green (not the grey of an empty map)."""
    from io import BytesIO

    from PIL import Image

    page.wait_for_timeout(500)  # let Leaflet finish drawing after the data arrived
    shot = Image.open(BytesIO(page.locator(map_selector).screenshot())).convert("RGB")
    pixels = list(shot.get_flattened_data())
    green = sum(1 for r, g, b in pixels if r > 200 and g - r >= 3 and g - b >= 4)
    return green / len(pixels)


def test_location_picker_falls_back_searches_locally_and_labels(
    new_page: Callable[..., Any], axe_check: AxeCheck
) -> None:
    page = offline_page(new_page, viewport={"width": 1280, "height": 800})
    page.goto("/melden/")
    picker = page.locator("[data-location-picker]")
    expect(picker).to_be_visible()
    note = picker.locator("[data-map-note]")
    expect(note).to_have_text(OFFLINE_NOTE)
    expect(picker.locator(".weerbaar-map-legend__list")).to_contain_text("Het punt dat u koos")
    axe_check(page)

    # At the whole country the names would be noise.
    expect(picker.locator(".weerbaar-map-label")).to_have_count(0)

    search = picker.locator("#signals-map-search")
    search.fill("tilb")
    search.press("Enter")  # searches; does not submit the report
    assert page.url.endswith("/melden/")
    results = picker.locator("[data-map-search-results] button")
    expect(results.first).to_have_text("Tilburg")
    expect(picker.locator("[data-map-search-status]")).to_contain_text("niet bereikbaar")
    axe_check(page)
    results.first.click()
    expect(picker.locator("[data-map-search-status]")).to_have_text("De kaart toont nu Tilburg.")
    expect(page.locator("select[name=municipality]")).to_have_value("GM0855")

    label = picker.locator(".weerbaar-map-label", has_text=re.compile(r"^Tilburg$"))
    expect(label).to_be_visible()
    canvas = picker.locator("[data-map-canvas]").bounding_box()
    box = label.bounding_box()
    assert canvas and box
    assert canvas["x"] < box["x"] < canvas["x"] + canvas["width"]
    assert canvas["y"] < box["y"] < canvas["y"] + canvas["height"], "the map did not move to Tilburg"
    assert _area_fill_share(page, "[data-location-picker] [data-map-canvas]") > 0.3, "no areas drawn"
    axe_check(page)
    picker.scroll_into_view_if_needed()
    screenshot(page, "maps-picker-1280")

    small = offline_page(new_page, viewport={"width": 400, "height": 800})
    small.goto("/melden/")
    expect(small.locator("[data-map-note]")).to_have_text(OFFLINE_NOTE)
    small.locator("#signals-map-search").fill("Tilburg")
    small.locator("[data-map-search]").click()
    small.locator("[data-map-search-results] button").first.click()
    expect(small.locator(".weerbaar-map-label", has_text=re.compile(r"^Tilburg$"))).to_be_visible()
    axe_check(small)
    small.locator("[data-location-picker]").scroll_into_view_if_needed()
    screenshot(small, "maps-picker-400")


@pytest.mark.e2e
def test_address_search_asks_pdok_from_the_browser_and_moves_the_marker(new_page: Callable[..., Any]) -> None:
    page = new_page()
    asked: list[str] = []

    def locatieserver(route: Any) -> None:
        asked.append(route.request.url)
        body = {
            "response": {
                "docs": [
                    {
                        "type": "adres",
                        "weergavenaam": "Stadhuisplein 130, 5038TC Tilburg",
                        "centroide_ll": "POINT(5.0847 51.5584)",
                    }
                ]
            }
        }
        route.fulfill(
            status=200,
            content_type="application/json",
            headers={"Access-Control-Allow-Origin": "*"},
            body=json.dumps(body),
        )

    page.route(re.compile(r"^https://api\.pdok\.nl/"), locatieserver)
    page.route(re.compile(r"^https://service\.pdok\.nl/"), lambda route: route.abort("internetdisconnected"))
    page.goto("/melden/")
    page.locator("#signals-map-search").fill("Stadhuisplein 130 Tilburg")
    assert asked == [], "nothing goes to PDOK before the user presses Search"
    page.locator("[data-map-search]").click()
    result = page.locator("[data-map-search-results] button")
    expect(result).to_have_text("Stadhuisplein 130, 5038TC Tilburg")
    assert len(asked) == 1 and "q=Stadhuisplein%20130%20Tilburg" in asked[0] and "rows=5" in asked[0]
    result.click()
    expect(page.locator("[data-map=latitude]")).to_have_value("51.55840")
    expect(page.locator("[data-map=longitude]")).to_have_value("5.08470")
    expect(page.locator("input[name=location_kind][value=punt]")).to_be_checked()
    expect(page.locator("[data-location-picker] path.leaflet-interactive")).to_have_count(1)  # the marker


@pytest.mark.e2e
def test_intake_map_falls_back_with_labels_and_a_legend(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    from weerbaar.demo.signals import signals_demo_load

    signals_demo_load()
    officer = offline_page(new_page, viewport={"width": 1280, "height": 800})
    log_in(officer, "meldpunt.tilburg", check=False)  # once: a TOTP code is accepted only once
    for name, width in (("maps-intake-1280", 1280), ("maps-intake-400", 400)):
        officer.set_viewport_size({"width": width, "height": 800})
        officer.goto("/meldingen/kaart/")
        expect(officer.locator("[data-map-note]")).to_have_text(OFFLINE_NOTE)
        expect(officer.locator("#signals-map .leaflet-interactive").first).to_be_visible()
        legend = officer.locator(".weerbaar-map-legend")
        expect(legend).to_contain_text("Melding zonder punt")
        # The boundaries (drawn without interaction, unlike the markers) carry the names.
        expect(officer.locator("#signals-map path:not(.leaflet-interactive)").first).to_be_attached(timeout=20_000)
        assert _area_fill_share(officer) > 0.3, "the municipal areas are in the page but not drawn on the map"
        labels = officer.locator("#signals-map .weerbaar-map-label")
        for _ in range(4):  # the signals may spread wider than the zoom where names appear
            if labels.count():
                break
            officer.locator("#signals-map .leaflet-control-zoom-in").click()
            officer.wait_for_timeout(400)
        expect(labels.first).to_be_visible()
        axe_check(officer)
        legend.scroll_into_view_if_needed()
        screenshot(officer, name)
