# SPDX-License-Identifier: EUPL-1.2
"""Reads of the certification cycle, always scoped by the actor through ``scopes.py``.

Figures leave this module suppressed (``core.disclosure``): a typed-in count of 1 to 4 is "< 5" on every
page, export and API answer, and a change between two measurements is shown only when both are unsuppressed.
"""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import QuerySet
from django.utils import timezone

from weerbaar.certification import scopes
from weerbaar.certification.constants import (
    RECERT_REMINDER_MONTHS,
    MeasurementKind,
    MeasureStatus,
    Phase,
    ReminderKind,
    Theme,
)
from weerbaar.certification.dates import add_months, add_years
from weerbaar.certification.models import (
    Certificate,
    CertificationCycle,
    Finding,
    FindingPhoto,
    InspectionWalk,
    Measure,
    Measurement,
    WorkingGroupMeeting,
)
from weerbaar.core.disclosure import NOT_SHOWN, is_suppressed, suppress
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import Partnership
from weerbaar.surveys.constants import Purpose as SurveyPurpose
from weerbaar.surveys.constants import Status as SurveyStatus
from weerbaar.surveys.selectors import SurveyResults, survey_list, survey_results


def cycle_list(
    *, actor: Actor, partnership: Partnership, data_class: str = DataClass.OPERATIONEEL
) -> QuerySet[CertificationCycle]:
    """The partnership's rounds, newest first, when the actor receives ``data_class`` there."""
    rule = scopes.cycle_receiving(actor, data_class)
    if rule is NOTHING:
        return CertificationCycle.objects.none()
    return CertificationCycle.objects.filter(rule, partnership=partnership).order_by("-round")


def cycle_current(
    *, actor: Actor, partnership: Partnership, data_class: str = DataClass.OPERATIONEEL
) -> CertificationCycle | None:
    """The round in progress (the newest)."""
    return cycle_list(actor=actor, partnership=partnership, data_class=data_class).select_related("partnership").first()


def cycle_get(*, actor: Actor, partnership: Partnership, uuid: UUID | str) -> CertificationCycle | None:
    return cycle_list(actor=actor, partnership=partnership).select_related("partnership").filter(uuid=uuid).first()


# --- Measures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureFilters:
    theme: str = ""
    status: str = ""
    owner: str = ""  # a participant's uuid


def measure_list(
    *, actor: Actor, cycle: CertificationCycle, filters: MeasureFilters | None = None
) -> QuerySet[Measure]:
    rule = scopes.measure_visible(actor)
    if rule is NOTHING:
        return Measure.objects.none()
    measures = Measure.objects.filter(rule, cycle=cycle).select_related(
        "owner__organisation", "executor__organisation", "finding", "cycle__partnership"
    )
    f = filters or MeasureFilters()
    if f.theme:
        measures = measures.filter(theme=f.theme)
    if f.status:
        measures = measures.filter(status=f.status)
    if f.owner:
        measures = measures.filter(owner__uuid=f.owner)
    return measures.order_by("theme", "deadline", "pk")


def measure_get(*, actor: Actor, cycle: CertificationCycle, uuid: UUID | str) -> Measure | None:
    return measure_list(actor=actor, cycle=cycle).filter(uuid=uuid).first()


def measures_for_start(*, actor: Actor) -> list[tuple[Partnership, list[Measure]]]:
    """Per partnership the actor receives operational data in, the measures of its newest round."""
    rule = scopes.measure_visible(actor)
    if rule is NOTHING:
        return []
    measures = (
        Measure.objects.filter(rule)
        .exclude(cycle__phase=Phase.HERCERTIFICERING)
        .exclude(status=MeasureStatus.VERVALLEN)
        .select_related("cycle__partnership", "owner__organisation", "executor__organisation")
        # The start page shows the partnership's name, not its area (a GeoJSON of up to 20,000 points).
        .defer("cycle__partnership__area")
        .order_by("cycle__partnership__name", "deadline", "pk")
    )
    blocks: dict[int, tuple[Partnership, list[Measure]]] = {}
    for measure in measures:
        partnership = measure.cycle.partnership
        blocks.setdefault(partnership.pk, (partnership, []))[1].append(measure)
    return list(blocks.values())


# --- Walks and findings ------------------------------------------------------------------------------


def walk_list(*, actor: Actor, cycle: CertificationCycle) -> QuerySet[InspectionWalk]:
    rule = scopes.cycle_visible(actor, "cycle__")
    if rule is NOTHING:
        return InspectionWalk.objects.none()
    return (
        InspectionWalk.objects.filter(rule, cycle=cycle)
        .prefetch_related("participants_present__organisation", "findings")
        .order_by("-walked_on", "-pk")
    )


def walk_get(*, actor: Actor, cycle: CertificationCycle, uuid: UUID | str) -> InspectionWalk | None:
    return walk_list(actor=actor, cycle=cycle).filter(uuid=uuid).first()


def finding_list(*, actor: Actor, walk: InspectionWalk) -> QuerySet[Finding]:
    rule = scopes.cycle_visible(actor, "walk__cycle__")
    if rule is NOTHING:
        return Finding.objects.none()
    return Finding.objects.filter(rule, walk=walk).prefetch_related("measures").order_by("created_at", "pk")


def finding_get(*, actor: Actor, walk: InspectionWalk, uuid: UUID | str) -> Finding | None:
    return finding_list(actor=actor, walk=walk).filter(uuid=uuid).first()


def photo_list(*, actor: Actor, finding: Finding) -> QuerySet[FindingPhoto]:
    """Photos of a finding: personal data, only for members receiving ``persoonlijk``."""
    rule = scopes.photo_visible(actor)
    if rule is NOTHING:
        return FindingPhoto.objects.none()
    return FindingPhoto.objects.filter(rule, finding=finding)


def photo_get(*, actor: Actor, uuid: UUID | str) -> FindingPhoto | None:
    rule = scopes.photo_visible(actor)
    if rule is NOTHING:
        return None
    return FindingPhoto.objects.filter(rule, uuid=uuid).select_related("finding__walk__cycle__partnership").first()


# --- Measurements ------------------------------------------------------------------------------------


def measurement_list(
    *, actor: Actor, cycle: CertificationCycle, data_class: str = DataClass.OPERATIONEEL
) -> QuerySet[Measurement]:
    rule = scopes.cycle_receiving(actor, data_class, "cycle__")
    if rule is NOTHING:
        return Measurement.objects.none()
    return Measurement.objects.filter(rule, cycle=cycle).order_by("taken_on", "pk")


def measurement_get(*, actor: Actor, cycle: CertificationCycle, uuid: UUID | str) -> Measurement | None:
    return measurement_list(actor=actor, cycle=cycle).filter(uuid=uuid).first()


@dataclass(frozen=True)
class FigureRow:
    """Typed-in figures of one participant and theme, as shown: suppressed cells."""

    organisation: str
    theme: str
    period: str
    source: str
    shown: str


def figure_rows(*, measurement: Measurement) -> list[FigureRow]:
    labels = dict(Theme.choices)
    return [
        FigureRow(
            organisation=figure.participant.organisation.name,
            theme=str(labels.get(figure.theme, figure.theme)),
            period=figure.period,
            source=figure.source,
            shown=suppress(figure.count),
        )
        for figure in measurement.figures.select_related("participant__organisation")
    ]


@dataclass(frozen=True)
class ComparisonRow:
    organisation: str
    theme: str
    baseline: str
    follow_up: str
    change: str


def _totals(measurement: Measurement | None) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = {}
    if measurement is None:
        return totals
    for figure in measurement.figures.select_related("participant__organisation"):
        key = (figure.participant.organisation.name, figure.theme)
        totals[key] = totals.get(key, 0) + figure.count
    return totals


def _cell(count: int | None) -> str:
    return "—" if count is None else suppress(count)


def _change(before: int | None, after: int | None) -> str:
    """The change, only when neither side is suppressed (else it would give a small count away)."""
    if before is None or after is None or is_suppressed(before) or is_suppressed(after):
        return "—"
    return f"{after - before:+d}"


def measurement_comparison(*, baseline: Measurement | None, follow_up: Measurement | None) -> list[ComparisonRow]:
    """Per participant and theme the totals of the 0-meting beside those of the 1-meting, suppressed."""
    before, after = _totals(baseline), _totals(follow_up)
    labels = dict(Theme.choices)
    return [
        ComparisonRow(
            organisation=organisation,
            theme=str(labels.get(theme, theme)),
            baseline=_cell(before.get((organisation, theme))),
            follow_up=_cell(after.get((organisation, theme))),
            change=_change(before.get((organisation, theme)), after.get((organisation, theme))),
        )
        for organisation, theme in sorted(set(before) | set(after))
    ]


def measurement_pair(
    *, actor: Actor, cycle: CertificationCycle, data_class: str = DataClass.OPERATIONEEL
) -> tuple[Measurement | None, Measurement | None]:
    """The round's 0-meting and its newest 1-meting."""
    measurements = measurement_list(actor=actor, cycle=cycle, data_class=data_class)
    baseline = measurements.filter(kind=MeasurementKind.NULMETING).first()
    follow_up = measurements.filter(kind=MeasurementKind.EENMETING).order_by("-taken_on", "-pk").first()
    return baseline, follow_up


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    baseline: str
    follow_up: str
    change: str


def _theme_totals(measurement: Measurement | None) -> dict[str, int]:
    totals: dict[str, int] = {}
    for (_organisation, theme), count in _totals(measurement).items():
        totals[theme] = totals.get(theme, 0) + count
    return totals


def theme_comparison(*, baseline: Measurement | None, follow_up: Measurement | None) -> list[ThemeRow]:
    """Per theme the partners' figures of the 0-meting beside those of the 1-meting: totals over the
    partners (no organisation named, so a figure, not an operational fact), suppressed."""
    before, after = _theme_totals(baseline), _theme_totals(follow_up)
    labels = dict(Theme.choices)
    return [
        ThemeRow(
            theme=str(labels.get(theme, theme)),
            baseline=_cell(before.get(theme)),
            follow_up=_cell(after.get(theme)),
            change=_change(before.get(theme), after.get(theme)),
        )
        for theme in sorted(set(before) | set(after), key=lambda code: str(labels.get(code, code)))
    ]


@dataclass(frozen=True)
class SurveyShareRow:
    option: str
    baseline: str  # the share of the 0-meting's respondents, or "—" (core.disclosure.share)
    follow_up: str


@dataclass(frozen=True)
class SurveyQuestionComparison:
    question: str
    rows: tuple[SurveyShareRow, ...]


@dataclass(frozen=True)
class SurveyComparison:
    baseline: SurveyResults | None
    follow_up: SurveyResults | None
    questions: tuple[SurveyQuestionComparison, ...]


def _latest_closed(actor: Actor, partnership: Partnership, purpose: str) -> SurveyResults | None:
    survey = (
        survey_list(actor=actor, partnership=partnership)
        .filter(purpose=purpose, status=SurveyStatus.GESLOTEN)
        .order_by("-created_at", "-pk")
        .first()
    )
    return survey_results(survey) if survey is not None else None


def _shares(result: SurveyResults | None) -> dict[tuple[str, str], str]:
    """Each shown answer's share, by question and option text; nothing of a withheld question or survey."""
    if result is None or not result.available:
        return {}
    return {
        (question.text, row.label): row.share
        for question in result.questions
        if not question.withheld and not question.is_group
        for row in question.rows
    }


def survey_comparison(*, actor: Actor, partnership: Partnership) -> SurveyComparison:
    """The latest closed 0-meting and 1-meting surveys of the partnership, question by question: the share of
    respondents per answer, as the survey's own results show them (suppressed; a withheld question stays
    withheld). Questions are matched by their text, so a question asked only once shows "—" on the other side."""
    baseline = _latest_closed(actor, partnership, SurveyPurpose.NULMETING)
    follow_up = _latest_closed(actor, partnership, SurveyPurpose.EEN_METING)
    before, after = _shares(baseline), _shares(follow_up)
    order: dict[str, list[str]] = {}
    for question, option in [*before, *after]:
        options = order.setdefault(question, [])
        if option not in options:
            options.append(option)
    return SurveyComparison(
        baseline=baseline,
        follow_up=follow_up,
        questions=tuple(
            SurveyQuestionComparison(
                question=question,
                rows=tuple(
                    SurveyShareRow(
                        option=option,
                        baseline=before.get((question, option), NOT_SHOWN),
                        follow_up=after.get((question, option), NOT_SHOWN),
                    )
                    for option in options
                ),
            )
            for question, options in order.items()
        ),
    )


# --- Meetings, audits, certificates ------------------------------------------------------------------


def meeting_list(*, actor: Actor, cycle: CertificationCycle) -> QuerySet[WorkingGroupMeeting]:
    rule = scopes.cycle_visible(actor, "cycle__")
    if rule is NOTHING:
        return WorkingGroupMeeting.objects.none()
    return (
        WorkingGroupMeeting.objects.filter(rule, cycle=cycle)
        .prefetch_related("action_points__owner__organisation", "action_points__measures")
        .order_by("-held_on", "-pk")
    )


def meeting_get(*, actor: Actor, cycle: CertificationCycle, uuid: UUID | str) -> WorkingGroupMeeting | None:
    return meeting_list(actor=actor, cycle=cycle).filter(uuid=uuid).first()


def certificate_list(*, actor: Actor, partnership: Partnership) -> QuerySet[Certificate]:
    rule = scopes.cycle_visible(actor, "cycle__")
    if rule is NOTHING:
        return Certificate.objects.none()
    return (
        Certificate.objects.filter(rule, cycle__partnership=partnership)
        .select_related("cycle")
        .order_by("-issued_on", "-pk")
    )


# --- Reminders ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """A reminder about a certificate: recertification ahead of its end, or the yearly evaluation."""

    certificate: Certificate
    kind: str
    due_on: date

    @property
    def partnership(self) -> Partnership:
        return self.certificate.cycle.partnership


def _evaluation_due(certificate: Certificate) -> date | None:
    """The next anniversary of the certificate without a 1-meting in the year before it (None: past the
    certificate's validity, which recertification covers)."""
    cycle = certificate.cycle
    taken = list(cycle.measurements.filter(kind=MeasurementKind.EENMETING).values_list("taken_on", flat=True))
    year = 1
    while True:
        anniversary = add_years(certificate.issued_on, year)
        if anniversary >= certificate.valid_until:
            return None
        if not any(add_months(anniversary, -12) < day <= add_months(anniversary, 3) for day in taken):
            return anniversary
        year += 1


def reminders_for(certificate: Certificate, today: date) -> list[Reminder]:
    """The reminders of one certificate that are due on ``today`` (none once recertification started)."""
    if certificate.cycle.phase != Phase.GECERTIFICEERD:
        return []
    found = []
    kinds = {6: ReminderKind.RECERT_6, 3: ReminderKind.RECERT_3}
    for months in sorted(RECERT_REMINDER_MONTHS):
        if today >= add_months(certificate.valid_until, -months):
            found.append(Reminder(certificate, kinds[months], certificate.valid_until))
            break  # the nearest one only: three months ahead replaces six months ahead
    evaluation = _evaluation_due(certificate)
    if evaluation is not None and today >= add_months(evaluation, -1):
        found.append(Reminder(certificate, ReminderKind.EVALUATION, evaluation))
    return found


def reminders_due(*, actor: Actor | None = None, today: date | None = None) -> list[Reminder]:
    """Reminders due today: of the certificates whose partnership the actor runs (all, without an actor)."""
    today = today or timezone.localdate()
    certificates = Certificate.objects.filter(cycle__phase=Phase.GECERTIFICEERD).select_related(
        "cycle__partnership__facilitator"
    )
    if actor is not None:
        rule = scopes.cycle_managed(actor, "cycle__")
        if rule is NOTHING:
            return []
        certificates = certificates.filter(rule)
    found = [reminder for certificate in certificates for reminder in reminders_for(certificate, today)]
    return sorted(found, key=lambda r: (r.due_on, r.partnership.name))
