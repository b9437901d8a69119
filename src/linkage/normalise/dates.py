# SPDX-License-Identifier: EUPL-1.2
"""Birth dates as Dutch records write them (day first), within plausible bounds."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = ["normalise_birth_date"]

_TZ = ZoneInfo("Europe/Amsterdam")
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY_DATE = re.compile(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})")
_COMPACT_DATE = re.compile(r"\d{8}")
_EARLIEST = date(1900, 1, 1)


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def normalise_birth_date(value: date | str | None, *, today: date | None = None) -> date | None:
    """A plausible birth date from a date or "1980-03-07", "07-03-1980", "7/3/1980", "07031980" or "19800307".

    Day-first is the Dutch convention. None for anything unparseable, before 1900 or after ``today``.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        result: date | None = value.date()
    elif isinstance(value, date):
        result = value
    else:
        text = value.strip()
        result = None
        if match := _ISO_DATE.fullmatch(text):
            result = _make_date(int(match[1]), int(match[2]), int(match[3]))
        elif match := _DMY_DATE.fullmatch(text):
            result = _make_date(int(match[3]), int(match[2]), int(match[1]))
        elif _COMPACT_DATE.fullmatch(text):
            # YYYYMMDD and DDMMYYYY never both parse: in DDMMYYYY the "month" slot of YYYYMMDD holds 19/20.
            result = _make_date(int(text[:4]), int(text[4:6]), int(text[6:]))
            if result is None or result < _EARLIEST:
                result = _make_date(int(text[4:]), int(text[2:4]), int(text[:2]))
    if result is None:
        return None
    today = today or datetime.now(tz=_TZ).date()
    if result < _EARLIEST or result > today:
        return None
    return result
