# SPDX-License-Identifier: EUPL-1.2
"""Reports of the situational picture: made by a task that records its progress, stored as versions, failing
with a message for the reader; the form's errors; who may read and download which report; the PDF read back
with poppler (pages, classification, no count below the threshold); and the XLSX export beside the CSV."""

import io
import re
import zipfile
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from tests.pdf import assert_tagged_and_marked, pdf_info, pdf_pages, pdf_text
from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import User
from weerbaar.audit.models import AuditEvent
from weerbaar.core.documents import DocumentError
from weerbaar.core.policy import Actor
from weerbaar.insights.constants import ReportKind, ReportStatus
from weerbaar.insights.filters import filters_parse
from weerbaar.insights.models import Report, ReportVersion
from weerbaar.insights.reports import services
from weerbaar.insights.reports.forms import default_period
from weerbaar.insights.services import aggregates_refresh
from weerbaar.organisations.models import Organisation
from weerbaar.signals.constants import Phenomenon

MONTH_ROW = re.compile(r"^\d{4}-\d{2}$")


def _actor(user: User) -> Actor:
    from weerbaar.accounts.selectors import actor_for

    return actor_for(user=user)


def _world(tilburg: Organisation, amsterdam: Organisation, make_signals: Callable[..., Any]) -> None:
    make_signals(tilburg, 7)
    make_signals(tilburg, 6, at=timezone.now() - timedelta(days=62))
    make_signals(tilburg, 3, municipality="GM0363")  # a small cell: left out everywhere
    make_signals(tilburg, 2, phenomenon=Phenomenon.DRUGSLAB)  # another small cell
    make_signals(amsterdam, 9, municipality="GM0363")
    aggregates_refresh(full=True)


def _create(actor: Actor, kind: str = ReportKind.ONDERMIJNINGSBEELD, **narrative: str) -> Report:
    return services.report_create(
        actor=actor,
        kind=kind,
        title="Ondermijningsbeeld Tilburg",
        filters=filters_parse(default_period()),
        narrative=services.Narrative(**narrative),
    )


@pytest.fixture
def analyst(tilburg: Organisation, make_user: Callable[..., User]) -> User:
    return make_user(organisation=tilburg, role=Role.RIEC_ANALIST)


def test_the_task_makes_a_version_and_records_its_progress(
    tilburg: Organisation,
    amsterdam: Organisation,
    analyst: User,
    make_signals: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _world(tilburg, amsterdam, make_signals)
    steps: list[tuple[int, int]] = []
    progress = services._progress

    def record(report: Report, *, done: int, total: int, status: str = ReportStatus.RUNNING) -> None:
        steps.append((done, total))
        progress(report, done=done, total=total, status=status)

    monkeypatch.setattr(services, "_progress", record)
    with django_capture_on_commit_callbacks(execute=True):
        report = _create(_actor(analyst), summary="Samenvatting van de analist.")
    report.refresh_from_db()
    total = steps[0][1]
    assert steps[0] == (0, total) and total > 2
    assert [done for done, _t in steps] == sorted(done for done, _t in steps)  # never backwards
    assert report.status == ReportStatus.DONE and (report.steps_done, report.steps_total) == (total, total)
    version = ReportVersion.objects.get(report=report)
    assert version.number == 1 and bytes(version.pdf).startswith(b"%PDF") and version.audience == "internal"
    assert AuditEvent.objects.filter(action="create", object_type="insights.report").count() == 1
    assert AuditEvent.objects.filter(action="create", object_type="insights.reportversion").count() == 1

    # Made again: a second version, the first kept.
    with django_capture_on_commit_callbacks(execute=True):
        services.report_regenerate(actor=_actor(analyst), report=report)
    assert list(report.versions.values_list("number", flat=True).order_by("number")) == [1, 2]


def test_a_failure_is_recorded_with_a_readable_message(
    tilburg: Organisation,
    analyst: User,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def broken(**kwargs: Any) -> bytes:
        raise DocumentError("an image without alt text")

    monkeypatch.setattr(services.document, "report_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = _create(_actor(analyst))
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "pdf kon niet" in report.error and "alt text" not in report.error
    assert not report.versions.exists()

    # The maker lost his role: the next making says so.
    monkeypatch.undo()
    actor = _actor(analyst)
    analyst.role_assignments.update(valid_until=timezone.localdate() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.report_regenerate(actor=actor, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "geen rapporten meer maken" in report.error


def test_the_form_explains_wrong_input(analyst: User, make_user: Callable[..., User], tilburg: Organisation) -> None:
    client = verified_client(analyst)
    url = reverse("insights:report_new")
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": ReportKind.ONDERMIJNINGSBEELD, "title": "", "van": "2026-13", "gemeente": "X"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"title", "van", "tot", "gemeente"}
    html = response.content.decode()
    assert "weerbaar-error-summary" in html and 'aria-invalid="true"' in html
    yearly = client.post(url, {"kind": ReportKind.JAARVERANTWOORDING, "title": "Jaarverantwoording"})
    assert yearly.status_code == 400 and "jaar" in yearly.context["form"].errors
    future = client.post(url, {"kind": ReportKind.JAARVERANTWOORDING, "title": "J", "jaar": "2999"})
    assert "jaar" in future.context["form"].errors
    assert not Report.objects.exists()
    intake = verified_client(make_user(organisation=tilburg, role=Role.MELDPUNT))
    assert intake.get(url).status_code == 403


def test_who_reads_which_report(
    tilburg: Organisation,
    amsterdam: Organisation,
    analyst: User,
    make_user: Callable[..., User],
    make_signals: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    _world(tilburg, amsterdam, make_signals)
    with django_capture_on_commit_callbacks(execute=True):
        picture = _create(_actor(analyst))
        council_report = _create(_actor(analyst), kind=ReportKind.RAAD_VERTROUWELIJK)
    council = verified_client(make_user(organisation=tilburg, role=Role.RAADSLID))
    other_analyst = verified_client(make_user(organisation=amsterdam, role=Role.RIEC_ANALIST))
    intake = verified_client(make_user(organisation=tilburg, role=Role.MELDPUNT))

    def download(client: Any, report: Report) -> int:
        url = reverse("insights:report_download", kwargs={"uuid": report.uuid, "number": 1})
        return int(client.get(url).status_code)

    assert download(verified_client(analyst), picture) == 200
    assert download(council, council_report) == 200
    assert download(council, picture) == 404  # not a report to the council
    assert download(other_analyst, council_report) == 404  # another organisation's
    assert download(intake, council_report) == 404
    assert AuditEvent.objects.filter(action="export", object_type="insights.reportversion").count() == 2

    listed = council.get(reverse("insights:reports")).content.decode()
    assert str(council_report.uuid) in listed and str(picture.uuid) not in listed
    assert str(picture.uuid) not in other_analyst.get(reverse("insights:reports")).content.decode()
    progress = council.get(reverse("insights:report_progress", kwargs={"uuid": council_report.uuid})).json()
    assert progress["finished"] and progress["stepsDone"] == progress["stepsTotal"]
    detail = council.get(reverse("insights:report_detail", kwargs={"uuid": council_report.uuid})).content.decode()
    total = progress["stepsTotal"]
    assert (
        f'max="{total}" value="{total}"' in detail and "Opnieuw maken" not in detail
    )  # done; not the council's to make
    regenerate = reverse("insights:report_regenerate", kwargs={"uuid": council_report.uuid})
    assert council.post(regenerate).status_code == 403
    assert other_analyst.post(regenerate).status_code == 404


def _table_lines(pdf: bytes) -> list[list[str]]:
    """The lines of the PDF's tables whose row is a month, or the totals, as words (from the word boxes)."""
    lines: list[list[str]] = []
    for page in pdf_pages(pdf):
        rows: dict[int, list[Any]] = {}
        for word in page.words:
            rows.setdefault(round(word.y_min), []).append(word)
        for words in rows.values():
            texts = [w.text for w in sorted(words, key=lambda w: w.x_min)]
            if texts and (MONTH_ROW.match(texts[0]) or texts[0] == "Totaal"):
                lines.append(texts)
    return lines


@pytest.mark.parametrize(
    ("kind", "classification", "rounding"),
    [
        (ReportKind.ONDERMIJNINGSBEELD, "Vertrouwelijk", 1),
        (ReportKind.RAAD_OPENBAAR, "Openbaar", 5),
    ],
)
def test_the_pdf_read_back(
    kind: str,
    classification: str,
    rounding: int,
    tilburg: Organisation,
    amsterdam: Organisation,
    analyst: User,
    make_signals: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    _world(tilburg, amsterdam, make_signals)
    with django_capture_on_commit_callbacks(execute=True):
        report = _create(_actor(analyst), kind=kind, analysis="De hennepteelt neemt toe in het buitengebied.")
    pdf = bytes(report.versions.get().pdf)
    pages = assert_tagged_and_marked(pdf, classification=classification)
    assert pages >= 2 and pdf_info(pdf)["Title"] == "Ondermijningsbeeld Tilburg"
    text = pdf_text(pdf)
    assert "De hennepteelt neemt toe in het buitengebied." in text and "Meldingen per maand" in text
    assert "< 5" not in text and "<5" not in text  # base cells below the threshold are left out, never shown
    lines = _table_lines(pdf)
    assert lines, text[:500]
    numbers = [int(t) for line in lines for t in line[1:] if t.isdigit()]
    assert numbers and all(n == 0 or n >= 5 for n in numbers), lines
    assert all(n % rounding == 0 for n in numbers), lines
    if rounding == 1:
        assert 7 in numbers and 13 in numbers  # this month, and the total over the period (7 + 6)


def test_a_public_report_shows_no_count_below_the_threshold(
    tilburg: Organisation,
    analyst: User,
    make_signals: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Only small cells, in every month and municipality: nothing of them may appear.
    for months in range(4):
        make_signals(tilburg, 1 + months, at=timezone.now() - timedelta(days=31 * months))
    make_signals(tilburg, 4, municipality="GM0363")
    aggregates_refresh(full=True)
    with django_capture_on_commit_callbacks(execute=True):
        report = _create(_actor(analyst), kind=ReportKind.RAAD_OPENBAAR)
    pdf = bytes(report.versions.get().pdf)
    numbers = [int(t) for line in _table_lines(pdf) for t in line[1:] if t.isdigit()]
    assert numbers and set(numbers) == {0}, numbers
    assert "< 5" not in pdf_text(pdf)


def test_xlsx_export_beside_the_csv(
    tilburg: Organisation,
    amsterdam: Organisation,
    make_user: Callable[..., User],
    make_signals: Callable[..., Any],
) -> None:
    _world(tilburg, amsterdam, make_signals)
    client = verified_client(make_user(organisation=tilburg, role=Role.MELDPUNT))
    response = client.get(reverse("insights:xlsx", kwargs={"slug": "meldingen-per-maand"}))
    assert response.status_code == 200 and response["Content-Type"].endswith("spreadsheetml.sheet")
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    numbers = {int(n) for n in re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?><v>(\d+)</v>', sheet)}
    assert 13 in numbers and 7 in numbers and not numbers & {1, 2, 3, 4, 9}  # no small cell, no Amsterdam
    assert "Totaal" in strings or "Total" in strings
    assert AuditEvent.objects.filter(action="export", details__format="xlsx").exists()
    other = verified_client(make_user(organisation=tilburg, role=Role.VEILIGHEIDSCOORDINATOR))
    assert other.get(reverse("insights:xlsx", kwargs={"slug": "meldingen-per-maand"})).status_code == 404
    assert client.get(reverse("insights:xlsx", kwargs={"slug": "meldingen-per-maand"}), {"van": "x"}).status_code == 400


def test_the_progress_report_of_the_area_partnerships(
    tilburg: Organisation,
    amsterdam: Organisation,
    make_user: Callable[..., User],
    make_signals: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Only the figures of the area partnerships the maker's organisation leads (alerts, certification,
    measures), under the partners' rules: no signal, case or threat figure goes in."""
    from weerbaar.certification.constants import Phase
    from weerbaar.certification.tests.factories import make_certifying
    from weerbaar.partnerships.constants import AlertTheme
    from weerbaar.partnerships.models import AreaAlert

    certifying = make_certifying(phase=Phase.NULMETING)
    area = certifying.area
    for n in range(6):
        AreaAlert.objects.create(
            number=f"GS-R-{n}",
            partnership=area.partnership,
            sender=area.facilitator,
            sender_organisation=area.municipality,
            theme=AlertTheme.DRUGSAFVAL,
            text="Vaten gevonden bij de bosrand.",
        )
    lead = area.partnership.lead_organisation
    make_signals(lead, 8)
    aggregates_refresh(full=True)
    manager = make_user(organisation=lead, role=Role.PROGRAMMAMANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        report = _create(_actor(manager), kind=ReportKind.VOORTGANG_GEBIED)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    version = report.versions.get()
    assert version.audience == "partners"
    text = pdf_text(bytes(version.pdf))
    assert "Gebiedssignaleringen per maand" in text and "Maatregelen van de maatregelenmatrix" in text
    assert "Meldingen per maand" not in text and "Casussen" not in text
    assert report.steps_total == 4 + services.AFTER_FIGURES  # two alert figures, two certification figures
