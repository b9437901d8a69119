# SPDX-License-Identifier: EUPL-1.2
"""The map on the dashboard: a server-rendered SVG with a title, a description and a legend, a municipality
whose cells were all left out drawn hatched and listed as "< 5", another organisation's counts nowhere."""

import re
from collections.abc import Callable
from typing import Any

from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.disclosure import Audience, rules_for
from weerbaar.core.figures import outlines_for
from weerbaar.insights.filters import filters_parse
from weerbaar.insights.maps import SUPPRESSED, _breaks, _paths, map_build
from weerbaar.insights.selectors import figures_readable
from weerbaar.insights.services import aggregates_refresh
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships.tests.factories import facilitator_actor, make_organisation, make_partnership, make_person


def _section(html: str) -> str:
    match = re.search(r'<section aria-labelledby="kaart-titel".*?</section>', html, re.S)
    assert match, "no map on the dashboard"
    return match.group(0)


def test_map_shows_the_own_counts_and_hatches_small_ones(
    tilburg: Organisation, amsterdam: Organisation, make_user: Callable[..., Any], make_signals: Callable[..., Any]
) -> None:
    make_signals(tilburg, 7)  # GM0855
    make_signals(tilburg, 3, municipality="GM0363")  # all of Amsterdam's cells in Tilburg's scope: left out
    make_signals(amsterdam, 12, municipality="GM0363")
    make_signals(amsterdam, 8, municipality="GM0307")  # Amersfoort, only in Amsterdam's scope
    aggregates_refresh(full=True)
    client = verified_client(make_user(organisation=tilburg, role=Role.MELDPUNT))
    html = _section(client.get(reverse("insights:dashboard")).content.decode())

    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert 'aria-labelledby="map-meldingen-per-gemeente-title map-meldingen-per-gemeente-desc"' in svg
    assert 'id="weerbaar-map-hatch"' in svg and "<script" not in svg
    # Every municipality drawn; Tilburg in a band, Amsterdam hatched, Amersfoort (another's) blank.
    assert svg.count("<path ") == len(_paths())
    assert re.search(r'class="map-band-\d" data-code="GM0855"', svg)
    assert f'class="{SUPPRESSED}" data-code="GM0363"' in svg
    assert 'class="map-none" data-code="GM0307"' in svg
    # The legend names the bands, the hidden class and the blank class.
    assert "fewer than 5" in svg or "minder dan 5" in svg
    # The table: Tilburg 7, Amsterdam "< 5", nothing of Amsterdam's own 12 or Amersfoort.
    table = html[html.index('data-testid="map-table"') :]
    rows = re.findall(
        r'<tr class="utrecht-table__row ([\w-]+)"><th[^>]*>([^<]+)</th><td[^>]*>(\w+)</td><td[^>]*>([^<]+)</td>', table
    )
    assert [(code, value) for _css, _name, code, value in rows] == [("GM0363", "&lt; 5"), ("GM0855", "7")]
    assert "12" not in table and "GM0307" not in table


def test_map_follows_the_chosen_figure_and_the_audience(
    tilburg: Organisation,
    make_user: Callable[..., Any],
    make_signals: Callable[..., Any],
    make_cases: Callable[..., Any],
) -> None:
    make_signals(tilburg, 7)
    aggregates_refresh(full=True)
    council = verified_client(make_user(organisation=tilburg, role=Role.RAADSLID))
    page = council.get(reverse("insights:dashboard"), {"kaart": "casussen-per-gemeente"}).content.decode()
    html = _section(page)
    assert 'name="kaart"' in html and 'value="casussen-per-gemeente" selected' in html
    assert "Nothing counted" in html or "Niets geteld" in html
    signals_map = _section(council.get(reverse("insights:dashboard"), {"kaart": "onbekend"}).content.decode())
    assert re.search(r"<td[^>]*>GM0855</td><td[^>]*>5</td>", signals_map)  # 7, rounded for the council


def test_threats_can_be_mapped(tilburg: Organisation, make_user: Callable[..., Any]) -> None:
    # The security coordinator reads threat figures, threats per municipality among them.
    coordinator = verified_client(make_user(organisation=tilburg, role=Role.VEILIGHEIDSCOORDINATOR))
    assert "dreigingen-per-gemeente" in _section(coordinator.get(reverse("insights:dashboard")).content.decode())


def test_breaks() -> None:
    assert _breaks([], 5) == [5]
    assert _breaks([7], 5) == [5]
    assert _breaks([5, 10, 20, 40, 80, 100], 5) == [5, 10, 20, 40, 80]
    assert _breaks([5, 5, 6, 7, 8, 9, 10, 200, 900], 5) == [5, 7, 9, 200]
    assert _breaks([12, 12, 30], 5) == [5, 12]


def test_partnership_areas_are_outlined_for_their_members_only(geography: None, tilburg: Organisation) -> None:

    lead = make_organisation(municipality=None)
    partnership = make_partnership(make_person(lead, Role.GEBIEDSREGISSEUR), name="Buitengebied Boxtel")
    member = facilitator_actor(partnership)
    outlines = outlines_for(member)
    assert [o.name for o in outlines] == ["Buitengebied Boxtel"]
    outsider = make_person(tilburg, Role.GEBIEDSREGISSEUR)
    assert outlines_for(actor_for(user=outsider)) == []
    # Drawn over the map as a dashed outline with its name, named in the legend and below the map.
    pm = actor_for(user=make_person(tilburg, Role.PROGRAMMAMANAGER))
    figure = next(f for f in figures_readable(actor=pm) if f.slug == "casussen-per-gemeente")
    built = map_build(
        actor=pm, figure=figure, filters=filters_parse({}), rules=rules_for(Audience.INTERNAL), outlines=outlines
    )
    assert built.outlines == ["Buitengebied Boxtel"]
    assert built.svg.count('class="map-outline"') == 1 and "<title>Buitengebied Boxtel</title>" in built.svg
    assert any(css == "map-outline" for css, _label in built.legend)
