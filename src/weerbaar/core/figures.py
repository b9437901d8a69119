# SPDX-License-Identifier: EUPL-1.2
"""The registry of figures: each domain app contributes its own counts; the insights app only reads them.

A **series** is what a domain app counts: a function that yields base rows (day, organisation, region,
category, count) for the days asked, a function that names the days touched since a moment (for the
incremental refresh) and a **scope**: which aggregate rows an actor may read, written as a filter over rows
that carry an ``organisation_id`` (the materialised aggregates do). The scope reuses the app's own visibility
rule where that rule is per organisation (``signal_visible``, ``incident_counted``); where the app's rule is
narrower than an organisation (a case's need-to-know membership), it states which roles are entitled to the
organisation's figures. A **figure** is one table shown from a series: its rows (months, regions or the
categories) and its columns (the categories or one total), with a definition text.

Domain apps register in their ``AppConfig.ready`` (a ``figures`` module), so this registry lives in core:
the domain apps never import the insights app, and the insights app never imports a domain app.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django_stubs_ext import StrOrPromise

from weerbaar.core.disclosure import THRESHOLD, Unit
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING

#: One base row: the day, the owning organisation's id, the region (a municipality's CBS code, or ""), the
#: category and the count.
BaseRow = tuple[date, int, str, str, int]
#: A base row with a sum besides the count: the objects counted, the sum of one of their quantities (whole
#: euros levied, months of closure) and the largest single one of them (for the dominance rule). The sum is
#: shown only where its count is, and only where no single object makes up most of it (see :class:`Measure`).
AmountRow = tuple[date, int, str, str, int, int, int]

#: The category under which work past its deadline is counted, beside the statuses of the rest.
OVERDUE = "over-termijn"


class Rows(StrEnum):
    MONTH = "month"
    REGION = "region"
    CATEGORY = "category"


class Columns(StrEnum):
    CATEGORY = "category"
    TOTAL = "total"


class Measure(StrEnum):
    """What a figure's cells show: the count of objects, or the sum of their amounts (a series yielding
    :data:`AmountRow`). A sum is left out, or shown, together with its count: a base cell of fewer objects than
    the threshold adds neither to any figure."""

    COUNT = "count"
    AMOUNT = "amount"
    # Besides its count, an audience outside the organisation's staff (``disclosure.Rules.dominance``) sees
    # no base cell whose largest single amount is more than half of its sum.


class ChartKind(StrEnum):
    BAR = "bar"
    LINE = "line"


@dataclass(frozen=True)
class Series:
    key: str
    categories: tuple[tuple[str, StrOrPromise], ...]
    #: The base rows of the given days (None: every day).
    count: Callable[[Collection[date] | None], Iterable[BaseRow | AmountRow]]
    #: The days whose counts may have changed since the moment given.
    changed_days: Callable[[datetime], set[date]]
    #: The aggregate rows (with an ``organisation_id``) the actor may read.
    scope: Callable[[Actor], Q]
    #: Whether a row's categories add up to something meaningful (one object counts in one category only).
    exclusive: bool = True
    #: What the categories are, when a dashboard filter selects them (``PHENOMENON``); "" otherwise.
    dimension: str = ""
    #: The smallest base cell shown: the platform's floor, or higher (staff figures: groups of 10).
    threshold: int = THRESHOLD


#: The dimension of series whose categories are phenomena (the dashboard's phenomenon filter).
PHENOMENON = "phenomenon"


@dataclass(frozen=True)
class Figure:
    slug: str  # the figure's name in URLs and the API, Dutch, kebab-case
    series: str
    title: StrOrPromise
    definition: StrOrPromise
    rows: Rows
    columns: Columns = Columns.CATEGORY
    chart: ChartKind = ChartKind.BAR
    #: A category whose share of the row total is shown beside the counts.
    share: str | None = None
    order: int = 100
    measure: Measure = Measure.COUNT
    #: What a figure of amounts sums (euros, months): how a published sum is rounded.
    unit: Unit | None = None


_SERIES: dict[str, Series] = {}
_FIGURES: dict[str, Figure] = {}


def register_series(series: Series) -> None:
    _SERIES[series.key] = series


def register_figure(figure: Figure) -> None:
    if figure.series not in _SERIES:
        raise ValueError(f"Register the series {figure.series!r} before its figures.")
    if figure.columns == Columns.TOTAL and not _SERIES[figure.series].exclusive:
        raise ValueError("A total over categories that overlap counts objects twice.")
    if figure.measure == Measure.AMOUNT and (figure.share is not None or _SERIES[figure.series].exclusive):
        raise ValueError("Amounts are summed per category only: no share, no total over categories.")
    if (figure.measure == Measure.AMOUNT) != (figure.unit is not None):
        raise ValueError("A figure of amounts states its unit, and only such a figure.")
    _FIGURES[figure.slug] = figure


def all_series() -> list[Series]:
    return list(_SERIES.values())


def series_get(key: str) -> Series:
    return _SERIES[key]


def all_figures() -> list[Figure]:
    return sorted(_FIGURES.values(), key=lambda f: (f.order, f.slug))


def figure_get(slug: str) -> Figure | None:
    return _FIGURES.get(slug)


#: Reads the materialised totals of one series per category (installed by the app that keeps the aggregates).
_totals_reader: Callable[[str], dict[str, int] | None] | None = None


def register_totals_reader(reader: Callable[[str], dict[str, int] | None]) -> None:
    global _totals_reader  # one reader, installed once at start-up
    _totals_reader = reader


def series_totals(key: str) -> dict[str, int] | None:
    """The series' counts per category over every day and organisation, as of its last refresh: a few rows
    instead of a count of the domain table. None when the series was never counted (the caller counts)."""
    return _totals_reader(key) if _totals_reader is not None else None


@dataclass(frozen=True)
class Outline:
    """An area drawn as an outline over the situational picture's map (an area partnership's area)."""

    name: str
    #: A GeoJSON geometry in WGS84: a Polygon or a MultiPolygon.
    geometry: dict[str, Any]


#: The readers of outlines for an actor, one per contributing app; each applies its own visibility rule.
_outline_readers: list[Callable[[Actor], list[Outline]]] = []


def register_outlines(reader: Callable[[Actor], list[Outline]]) -> None:
    if reader not in _outline_readers:
        _outline_readers.append(reader)


def outlines_for(actor: Actor) -> list[Outline]:
    """The outlines the actor may see, of every contributing app."""
    return [outline for reader in _outline_readers for outline in reader(actor)]


def on_days(field: str, days: Collection[date]) -> Q:
    """The rows whose moment ``field`` falls on one of ``days`` (local days), as ranges of moments that an
    index on the field serves (consecutive days joined), where truncating every row's moment to its day would
    read the whole table."""
    zone = timezone.get_current_timezone()
    ranges: list[list[date]] = []
    for day in sorted(set(days)):
        if ranges and ranges[-1][1] == day:
            ranges[-1][1] = day + timedelta(days=1)
        else:
            ranges.append([day, day + timedelta(days=1)])
    if not ranges:
        return NOTHING
    found = Q()
    for start, end in ranges:
        found |= Q(
            **{
                f"{field}__gte": datetime.combine(start, time.min, tzinfo=zone),
                f"{field}__lt": datetime.combine(end, time.min, tzinfo=zone),
            }
        )
    return found


def organisation_rows(actor: Actor, code: str) -> Q:
    """The aggregate rows of the actor's own organisation, for a holder of ``code``: the entitlement to an
    organisation's figures as a whole, for roles whose object scope is narrower (or absent)."""
    if actor.organisation_id is None or not can(actor, code):
        return NOTHING
    return Q(organisation_id=actor.organisation_id)


def either(*scopes: Q) -> Q:
    """The union of scopes, and exactly :data:`NOTHING` when each of them is (so "no scope at all" can be told
    without a query)."""
    parts = [q for q in scopes if q != NOTHING]
    if not parts:
        return NOTHING
    union = parts[0]
    for q in parts[1:]:
        union |= q
    return union


def is_nothing(scope: Q) -> bool:
    return scope == NOTHING


def overdue_split(rows: Iterable[tuple[date, int, str, int, int]]) -> Iterable[BaseRow]:
    """Base rows of open work from ``(day, organisation, status, late, n)``: the ``late`` ones counted as
    ``OVERDUE``, the other ``n - late`` under their status (no region: such work is the organisation's own)."""
    for day, organisation_id, status, late, n in rows:
        if late:
            yield day, organisation_id, "", OVERDUE, late
        if n - late:
            yield day, organisation_id, "", status, n - late
