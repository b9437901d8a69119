# SPDX-License-Identifier: EUPL-1.2
"""The dashboard's filters from the query string: period (``van``, ``tot``: whole months), municipality
(``gemeente``: a CBS code) and phenomenon (``fenomeen``). Validated; an error names the parameter."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.core.figures import PHENOMENON, all_series

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
CBS_CODE = re.compile(r"^GM\d{4}$")
MAX_MONTHS = 60
DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class Filters:
    start: date  # the first day of the first month
    end: date  # the first day of the last month
    region: str = ""
    phenomenon: str = ""

    def months(self) -> list[str]:
        months, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    def query(self) -> dict[str, str]:
        query = {"van": self.start.strftime("%Y-%m"), "tot": self.end.strftime("%Y-%m")}
        if self.region:
            query["gemeente"] = self.region
        if self.phenomenon:
            query["fenomeen"] = self.phenomenon
        return query


class FilterError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def phenomena() -> list[tuple[str, str]]:
    """The phenomena a filter may name: the categories of every series whose categories are phenomena."""
    seen: dict[str, str] = {}
    for series in all_series():
        if series.dimension == PHENOMENON:
            seen.update((key, str(label)) for key, label in series.categories)
    return sorted(seen.items(), key=lambda item: item[1])


def _month(text: str) -> date | None:
    match = MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)


def filters_parse(params: dict[str, str], *, today: date | None = None) -> Filters:
    """The filters of a query string; :class:`FilterError` with a message per wrong parameter."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    end = date(today.year, today.month, 1)
    start = date(end.year - 1, end.month, 1) if end.month == 12 else date(end.year - 1, end.month + 1, 1)
    for name in ("van", "tot"):
        if value := params.get(name, "").strip():
            parsed = _month(value)
            if parsed is None:
                errors[name] = _("Give a month as year-month, for example 2026-01.")
            elif name == "van":
                start = parsed
            else:
                end = parsed
    if not errors:
        if start > end:
            errors["van"] = _("The period starts after it ends.")
        elif (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
            errors["van"] = _("A period spans at most %(n)d months.") % {"n": MAX_MONTHS}
    region = params.get("gemeente", "").strip()
    if region and not CBS_CODE.match(region):
        errors["gemeente"] = _("Give a municipality by its CBS code, for example GM0855.")
    phenomenon = params.get("fenomeen", "").strip()
    if phenomenon and phenomenon not in dict(phenomena()):
        errors["fenomeen"] = _("This phenomenon is not known.")
    if errors:
        raise FilterError(errors)
    return Filters(start, end, region, phenomenon)
