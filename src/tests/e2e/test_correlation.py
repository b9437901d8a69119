# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: correlation on the demo data, with axe-core on every page visited.

The demo names the same (invented) person and company in a signal of Gemeente Tilburg and in the
Biezenmortel case, and a person of the same name without date of birth in another case:

1. the intake officer (signals only) sees a hit on the case — organisation only — and confirms an identifier
   found in the signal's text as a subject;
2. the case director (signals and cases) sees the same person in the signal, with the score explained,
   judges the possible match "not the same", screens the person, opens the network (graph and table);
3. the RIEC analyst (the case, not the signal) asks for access from the hit on the signal; the intake officer
   answers the request on the signal page;
4. no CSP violations or script errors on any of these pages.
"""

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]


@pytest.mark.e2e
def test_correlation_journey(new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn) -> None:
    from weerbaar.cases.models import Case
    from weerbaar.correlation.models import AccessInquiry, Judgement, Subject

    case = Case.objects.get(title__startswith="Loods Biezenmortel")
    signal = Subject.objects.get(kind="persoon", signal__isnull=False).signal
    signal_url, case_url = f"/meldingen/{signal.uuid}/", f"/casussen/{case.uuid}/"

    # 1. The intake officer: a hit on the case, nothing of its content; confirms a suggestion from the text.
    intake = new_page()
    log_in(intake, "meldpunt.tilburg", check=False)
    intake.goto(signal_url)
    panel = intake.locator("[data-testid=correlation-panel]")
    expect(panel.locator("[data-testid=hits]").first).to_contain_text("Treffer: een casus van Gemeente Tilburg")
    expect(panel).not_to_contain_text("Biezenmortel")
    axe_check(intake)
    intake.locator("summary", has_text="Een betrokkene toevoegen").click()
    intake.select_option("#subject_kind", "telefoon")
    expect(intake.locator("#subject_phone")).to_be_visible()  # subjects.js shows the chosen kind's fields only
    expect(intake.locator("#subject_plate")).to_be_hidden()
    intake.fill("#subject_phone", "06 12345678")
    intake.fill("#subject_source_detail", "Telefoongesprek met de melder")
    intake.locator(f"form[action='{signal_url}betrokkenen/'] button[type=submit]").last.click()
    intake.wait_for_url(re.compile(rf"{signal_url}$"))
    expect(panel.locator("[data-testid=subjects]")).to_contain_text("+31612345678")
    axe_check(intake)

    # 2. The case director: the same person in the signal, explained; judges the possible match.
    director = new_page()
    log_in(director, "regisseur.tilburg", check=False)
    director.goto(case_url)
    same = director.locator("[data-testid=same]").first
    expect(same).to_contain_text("Rik vd Verzonnen")
    same.locator("summary", has_text="Uitleg van de score").click()
    expect(same.locator("table.weerbaar-explanation")).to_contain_text("Geboortedatum")
    axe_check(director)
    possible = director.locator("[data-testid=possible]").first
    expect(possible).to_contain_text("Rik Verzonnen")
    possible.locator("summary", has_text="Beoordeel dit paar").click()  # the form is folded until asked for
    possible.locator("input[value=niet_zelfde]").check()
    possible.locator("textarea[name=reason]").fill("Andere geboortedatum volgens de BRP.")
    possible.locator("button[type=submit]").click()
    director.wait_for_url(re.compile(r"/correlatie/subjecten/[0-9a-f-]{36}/$"))
    expect(director.locator("[data-testid=judgements]")).to_contain_text("Andere geboortedatum volgens de BRP.")
    axe_check(director)
    assert Judgement.objects.filter(verdict="niet_zelfde").count() == 1

    director.goto("/correlatie/screening/")
    axe_check(director)
    director.select_option("#screen_kind", "persoon")
    director.fill("#screen_surname", "Verzonnen")
    director.fill("#screen_birth_date", "1981-04-12")
    director.fill("#screen_purpose", "Bibob-quickscan exploitatievergunning (demo)")
    director.locator("main form.utrecht-form button[type=submit]").click()
    expect(director.locator("[data-testid=found]").first).to_contain_text("Verzonnen")
    axe_check(director)

    director.goto(f"/correlatie/netwerk/casus/{case.uuid}/")
    expect(director.locator("#network-graph canvas").first).to_be_attached()  # Cytoscape drew the graph
    expect(director.locator("[data-testid=network-table]")).to_contain_text("dezelfde")
    axe_check(director)
    director.goto("/correlatie/")
    axe_check(director)

    # 3. The RIEC analyst sees the case, not the signal: asks for access from the hit.
    analyst = new_page()
    log_in(analyst, "analist.riec", check=False)
    analyst.goto(case_url)
    hit = analyst.locator("[data-testid=hits]").first
    expect(hit).to_contain_text("Treffer: een melding van Gemeente Tilburg")
    axe_check(analyst)
    hit.locator("summary", has_text="Toegang vragen").click()
    hit.locator("textarea[name=reason]").fill("Dezelfde huurder; nodig voor de Bibob-toets.")
    hit.locator("button[type=submit]").click()
    expect(analyst.locator(".utrecht-alert, [role=status]").first).to_be_visible()
    assert AccessInquiry.objects.filter(status="open").count() == 1
    analyst.goto("/correlatie/uitsluitingen/")
    expect(analyst.locator("[data-testid=exclusions]")).to_contain_text("Stadhuis Tilburg")
    axe_check(analyst)

    # The intake officer answers the request on the signal page.
    intake.goto(signal_url)
    request = intake.locator("[data-testid=inquiries] li").first
    expect(request).to_contain_text("RIEC Zeeland-West-Brabant")
    request.locator("input[value=nee]").check()
    request.locator("textarea[name=answer]").fill("Wij delen via de casus; vraag de regisseur.")
    request.locator("button[type=submit]").click()
    intake.wait_for_url(re.compile(r"/correlatie/subjecten/[0-9a-f-]{36}/$"))
    assert AccessInquiry.objects.get().status == "afgewezen"
    axe_check(intake)

    errors = intake.recorder.errors() + director.recorder.errors() + analyst.recorder.errors()
    relevant = [e for e in errors if "/correlatie/" in e or "/meldingen/" in e or "/casussen/" in e]
    assert not relevant, relevant


LABEL_OVERLAPS = """() => {
  const boxes = window.weerbaarNetwork.nodes(':visible').map(n => n.boundingBox({includeLabels: true}));
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps++;
    }
  }
  return {nodes: boxes.length, overlaps};
}"""


@pytest.mark.e2e
def test_the_biggest_network_is_readable(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn, tmp_path: Any
) -> None:
    """The demo's biggest case network: no labels on top of each other, a legend, filters, scores as words."""
    import os
    from pathlib import Path

    from django.db.models import Count

    from weerbaar.cases.models import Case

    case = Case.objects.annotate(n=Count("items__subjects")).order_by("-n").first()
    assert case is not None
    shots = Path(os.environ.get("E2E_SCREENSHOTS", tmp_path))
    director = new_page()
    log_in(director, "regisseur.tilburg", check=False)
    director.goto(f"/correlatie/netwerk/casus/{case.uuid}/")
    expect(director.locator("#network-graph canvas").first).to_be_attached()
    legend = director.locator("[data-testid=network-legend]")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Melding of casus")
    expect(legend).to_contain_text("Mogelijk dezelfde (gestreepte lijn)")
    drawn = director.evaluate(LABEL_OVERLAPS)
    assert drawn["nodes"] >= 3 and drawn["overlaps"] == 0, drawn
    table = director.locator("[data-testid=network-table]")
    expect(table).to_contain_text(re.compile(r"(zeker|waarschijnlijk|mogelijk) \([+-]?\d+,\d bits\)"))
    axe_check(director)
    director.screenshot(path=str(shots / "network.png"), full_page=True)

    # Filters act on graph and table alike: without persons, no person nodes and no rows naming a person.
    rows = table.locator("tbody tr[data-relation]")
    total = rows.count()
    persons = director.locator("#filter-kind-persoon")
    persons.uncheck()
    expect(director.locator("#network-filter-status")).to_contain_text(f"van {total} verbanden")
    hidden = director.evaluate(
        '() => window.weerbaarNetwork.nodes(\'[group = "persoon"][kind = "subject"]\').every(n => !n.visible())'
    )
    assert hidden
    assert table.locator("tbody tr[data-kinds~=persoon]:visible").count() == 0
    assert table.locator("tbody tr:visible").count() < total
    axe_check(director)
    director.screenshot(path=str(shots / "network-filtered.png"), full_page=True)
    persons.check()
    assert table.locator("tbody tr:visible").count() == total

    # A node's details list its mentions.
    director.evaluate("() => window.weerbaarNetwork.nodes('[kind = \"subject\"]')[0].emit('tap')")
    expect(director.locator("#network-details")).to_be_visible()
    errors = director.recorder.errors()
    assert not [e for e in errors if "/correlatie/" in e], errors
