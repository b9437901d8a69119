# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, the certification of an area partnership: the demo's "Buitengebied De Meierij" starts its
second round; the facilitator records an inspection walk with a finding, makes it a measure, carries it out
with evidence in the measures matrix, is refused the audit by the readiness gate (with what is missing),
requests it once the covenant is complete, downloads the audit pack as a PDF, records the audit's positive
result and the certificate. axe-core on every page visited."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
NAME = "Buitengebied De Meierij"


def _second_round() -> str:
    """Recertification of the demo's certified round, up to the plan's start, with three measures done."""
    from weerbaar.accounts.models import User
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.certification import services
    from weerbaar.certification.constants import MeasurementKind, MeasureStatus, Phase, Theme
    from weerbaar.certification.models import CertificationCycle

    manager = actor_for(user=User.objects.get(username="gebied.boxtel"))
    cycle = CertificationCycle.objects.get(partnership__name=NAME, round=1)
    cycle = services.cycle_transition(
        actor=manager, cycle=cycle, to_phase=Phase.HERCERTIFICERING, expected_version=None
    )
    cycle = services.cycle_transition(actor=manager, cycle=cycle, to_phase=Phase.NULMETING, expected_version=None)
    services.measurement_record(actor=manager, cycle=cycle, kind=MeasurementKind.NULMETING)
    participants = list(cycle.partnership.participants.filter(left_at__isnull=True).order_by("pk"))
    for n in range(3):
        measure = services.measure_create(
            actor=manager,
            cycle=cycle,
            theme=Theme.COMMUNICATIE,
            title=f"Nieuwsbrief ronde 2, deel {n + 1}",
            owner=participants[0],
            executor=participants[1],
            deadline=timezone.localdate() + timedelta(days=30),
        )
        services.measure_progress(
            actor=manager,
            measure=measure,
            expected_version=None,
            status=MeasureStatus.UITGEVOERD,
            evidence="Verstuurd aan alle deelnemers.",
        )
    return str(cycle.partnership.uuid)


def _sign_covenant(uuid: str) -> None:
    from weerbaar.accounts.models import User
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.partnerships import services
    from weerbaar.partnerships.constants import DocumentKind
    from weerbaar.partnerships.models import Partnership

    partnership = Partnership.objects.get(uuid=uuid)
    services.document_add(
        actor=actor_for(user=User.objects.get(username="gebied.boxtel")),
        partnership=partnership,
        kind=DocumentKind.CONVENANT,
        signed_on=timezone.localdate(),
        signatories=list(partnership.participants.filter(left_at__isnull=True)),
    )


def _move(page: Any, axe_check: AxeCheck, base: str, phase: str) -> None:
    page.goto(f"{base}fase/")
    axe_check(page)
    page.locator(f"input[name=to_phase][value={phase}]").check()
    submit_main_form(page)


@pytest.mark.e2e
def test_walk_matrix_gate_pack_and_certificate(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    uuid = _second_round()
    base = f"/gebiedssamenwerkingen/{uuid}/certificering/"
    today = timezone.localdate().isoformat()
    page = new_page()
    log_in(page, "gebied.boxtel")
    page.goto(f"/gebiedssamenwerkingen/{uuid}/")
    page.get_by_test_id("action-certification").click()
    expect(page.get_by_test_id("phase")).to_contain_text("Nulmeting")
    axe_check(page)

    # The walk and its finding, made a measure.
    page.goto(f"{base}schouwen/")
    axe_check(page)
    page.get_by_test_id("action-walk-add").click()
    axe_check(page)
    page.fill("input[name=walked_on]", today)
    page.select_option("select[name=time_of_day]", "donker")
    page.locator("input[name=participants_present]").nth(0).check()
    page.fill("textarea[name=route]", "Langs de Dommel en de carpoolplaats, na zonsondergang.")
    submit_main_form(page)
    page.wait_for_url(re.compile(r"/schouwen/[0-9a-f-]{36}/$"))
    axe_check(page)
    page.get_by_test_id("action-finding-add").click()
    page.select_option("select[name=theme]", "verlichting")
    page.fill("textarea[name=description]", "Bestelbus 12-ABC-3 zonder licht op de zandweg.")
    submit_main_form(page)
    expect(page.locator("main")).to_contain_text("12-ABC-3")  # refused: a licence plate, with what to write
    axe_check(page)
    page.fill("textarea[name=description]", "Donkere zandweg zonder verlichting bij de schuren.")
    submit_main_form(page)
    page.wait_for_url(re.compile(r"/schouwen/[0-9a-f-]{36}/$"))
    expect(page.get_by_test_id("finding")).to_contain_text("Donkere zandweg")
    page.locator("main a[href$='/maatregel/']").first.click()
    axe_check(page)
    page.fill("input[name=title]", "Verlichting op de zandweg bij de schuren")
    page.locator("select[name=owner]").select_option(index=1)
    page.locator("select[name=executor]").select_option(index=2)
    page.fill("input[name=deadline]", today)
    submit_main_form(page)
    page.wait_for_url(re.compile(r"/maatregelen/[0-9a-f-]{36}/$"))
    axe_check(page)

    # Into the plan; the matrix; the measure carried out with evidence.
    _move(page, axe_check, base, "plan_van_aanpak")
    page.goto(f"{base}maatregelen/")
    expect(page.get_by_test_id("measures")).to_contain_text("Verlichting op de zandweg")
    axe_check(page)
    row = page.get_by_test_id("measure-row").filter(has_text="Verlichting op de zandweg")
    row.locator("a[href$='/voortgang/']").click()
    axe_check(page)
    page.select_option("select[name=status]", "uitgevoerd")
    page.fill("textarea[name=evidence]", "Twee lantaarnpalen geplaatst; opleveringsbon in het dossier.")
    submit_main_form(page)
    page.wait_for_url(f"**{base}maatregelen/")
    expect(page.get_by_test_id("gate-count")).to_contain_text("4")

    # The gate: the estate agent has not signed the covenant yet.
    _move(page, axe_check, base, "audit_aangevraagd")
    expect(page.locator("main form")).to_contain_text("Makelaardij Het Groene Woud")
    axe_check(page)
    _sign_covenant(uuid)
    _move(page, axe_check, base, "audit_aangevraagd")
    page.wait_for_url(f"**{base}")
    expect(page.get_by_test_id("phase")).to_contain_text("Audit aangevraagd")
    axe_check(page)

    # The audit pack as a PDF.
    pdf = page.request.get(page.get_by_test_id("action-pack-pdf").get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"

    # The audit's result and the certificate.
    page.get_by_test_id("action-audit").click()
    axe_check(page)
    page.select_option("select[name=body]", "dass")
    page.fill("input[name=site_visit_on]", today)
    page.fill("input[name=auditor]", "DASS, auditteam")
    page.select_option("select[name=result]", "positief")
    submit_main_form(page)
    page.wait_for_url(f"**{base}")
    page.get_by_test_id("next-step").filter(has_text="certificaat").locator("a").click()
    axe_check(page)
    page.select_option("select[name=level]", "continu")
    submit_main_form(page)
    page.wait_for_url(f"**{base}")
    expect(page.get_by_test_id("phase")).to_contain_text("Gecertificeerd")
    expect(page.get_by_test_id("certificates")).to_contain_text("Continu samenwerken")
    expect(page.get_by_test_id("certificates")).to_contain_text("2 sterren")
    axe_check(page)
