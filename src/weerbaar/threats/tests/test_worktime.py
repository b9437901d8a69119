# SPDX-License-Identifier: EUPL-1.2
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from weerbaar.threats import worktime
from weerbaar.threats.worktime import AMSTERDAM


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def test_easter_known_years() -> None:
    assert worktime.easter_sunday(2024) == date(2024, 3, 31)
    assert worktime.easter_sunday(2025) == date(2025, 4, 20)
    assert worktime.easter_sunday(2026) == date(2026, 4, 5)


def test_kings_day_moves_to_saturday_when_sunday() -> None:
    assert worktime.kings_day(2025) == date(2025, 4, 26)
    assert worktime.kings_day(2026) == date(2026, 4, 27)


def test_friday_afternoon_acknowledge_due_monday() -> None:
    assert worktime.acknowledge_due(at(2026, 1, 9, 16, 0)) == at(2026, 1, 12, 16, 0)


def test_friday_evening_counts_from_monday_morning() -> None:
    assert worktime.acknowledge_due(at(2026, 1, 9, 20, 0)) == at(2026, 1, 13, 8, 30)


def test_before_easter_skips_easter_monday() -> None:
    # Thursday 2 April 2026 → Friday 3 April (Good Friday is a working day by default).
    assert worktime.acknowledge_due(at(2026, 4, 2, 10, 0)) == at(2026, 4, 3, 10, 0)
    # Friday 3 April → Tuesday 7 April (Easter Monday 6 April is a holiday).
    assert worktime.acknowledge_due(at(2026, 4, 3, 10, 0)) == at(2026, 4, 7, 10, 0)


def test_good_friday_flag(settings: object) -> None:
    settings.THREATS_GOOD_FRIDAY_OFF = True  # type: ignore[attr-defined]
    assert worktime.acknowledge_due(at(2026, 4, 2, 10, 0)) == at(2026, 4, 7, 10, 0)


def test_kings_day_2025_saturday_and_liberation_day() -> None:
    assert not worktime.is_working_day(date(2025, 4, 26))
    assert not worktime.is_working_day(date(2026, 5, 5))
    assert worktime.acknowledge_due(at(2026, 5, 4, 9, 0)) == at(2026, 5, 6, 9, 0)


def test_christmas_and_new_year() -> None:
    assert worktime.acknowledge_due(at(2026, 12, 24, 12, 0)) == at(2026, 12, 28, 12, 0)
    assert worktime.acknowledge_due(at(2026, 12, 31, 12, 0)) == at(2027, 1, 4, 12, 0)


def test_response_is_48_calendar_hours() -> None:
    assert worktime.response_due(at(2026, 1, 9, 16, 0)) == at(2026, 1, 11, 16, 0)


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)).map(  # noqa: DTZ001 - hypothesis wants naive bounds
    lambda d: d.replace(tzinfo=AMSTERDAM)
)


@settings(max_examples=300, deadline=None)
@given(moments)
def test_acknowledge_due_is_on_a_working_day_within_hours(moment: datetime) -> None:
    due = worktime.acknowledge_due(moment)
    assert due > moment
    assert worktime.is_working_day(due.date())
    assert worktime.WORK_START <= due.timetz().replace(tzinfo=None) < worktime.WORK_END
    # never more than a long holiday weekend plus one working day away
    assert due - moment < timedelta(days=7)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1900, max_value=2200))
def test_easter_is_a_sunday_in_march_or_april(year: int) -> None:
    easter = worktime.easter_sunday(year)
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)
