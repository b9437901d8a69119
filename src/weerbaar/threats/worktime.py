# SPDX-License-Identifier: EUPL-1.2
"""Norm times in working time (docs/domain.md §6).

Decisions, also in ``docs`` of this app (see the README section in the report):

* **Acknowledge within one working day**: the due moment is the same clock time on the next working day.
  A report that arrives outside working hours starts counting at the next start of working hours.
  Example: Friday 16:00 → Monday 16:00; Friday 20:00 → Tuesday 08:30 (Monday 08:30 plus one working day).
* **Respond towards the perpetrator within 48 hours**: *calendar* hours, from the moment the organisation
  received the report. Perpetrators do not wait for Monday; the norm (VPT/ELA) is a quick, visible
  response, and the response can be given by the on-call coordinator or the mayor.
* Working days are Monday to Friday except Dutch public holidays; working hours 08:30-17:00 Europe/Amsterdam.
  Holidays: Nieuwjaarsdag, Eerste/Tweede Paasdag, Koningsdag (27 April, 26 April when the 27th is a
  Sunday), Hemelvaartsdag, Eerste/Tweede Pinksterdag, Eerste/Tweede Kerstdag; Goede Vrijdag and
  Bevrijdingsdag are configurable (defaults: Goede Vrijdag no, Bevrijdingsdag every year yes).
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WORK_START = time(8, 30)
WORK_END = time(17, 0)
RESPONSE_HOURS = 48


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@lru_cache(maxsize=256)
def _holidays(year: int, good_friday: bool, liberation_day: bool) -> frozenset[date]:
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1),
        easter,
        easter + timedelta(days=1),
        kings_day(year),
        easter + timedelta(days=39),  # Hemelvaartsdag
        easter + timedelta(days=49),  # Eerste Pinksterdag
        easter + timedelta(days=50),  # Tweede Pinksterdag
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if good_friday:
        days.add(easter - timedelta(days=2))
    if liberation_day:
        days.add(date(year, 5, 5))
    return frozenset(days)


def holidays(year: int) -> frozenset[date]:
    return _holidays(
        year,
        bool(getattr(settings, "THREATS_GOOD_FRIDAY_OFF", False)),
        bool(getattr(settings, "THREATS_LIBERATION_DAY_OFF", True)),
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=AMSTERDAM)


def working_start(moment: datetime) -> datetime:
    """The moment itself when within working hours, else the next start of working hours."""
    local = moment.astimezone(AMSTERDAM)
    day, clock = local.date(), local.timetz().replace(tzinfo=None)
    if is_working_day(day) and WORK_START <= clock < WORK_END:
        return local
    if is_working_day(day) and clock < WORK_START:
        return _at(day, WORK_START)
    return _at(next_working_day(day), WORK_START)


def add_working_days(moment: datetime, days: int) -> datetime:
    """``days`` working days after ``moment`` (counted from the next start of work when outside hours)."""
    start = working_start(moment)
    day = start.date()
    for _ in range(days):
        day = next_working_day(day)
    return _at(day, start.timetz().replace(tzinfo=None))


def acknowledge_due(received_at: datetime) -> datetime:
    return add_working_days(received_at, 1)


def response_due(received_at: datetime) -> datetime:
    return received_at + timedelta(hours=RESPONSE_HOURS)
