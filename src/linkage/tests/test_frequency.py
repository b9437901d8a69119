# SPDX-License-Identifier: EUPL-1.2
"""Frequency cut-offs relative to the data: the rule, and every engine cutting at the same place."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from linkage.engine import LinkConfig, PersonRecord, link_records
from linkage.engine.blocking import usability
from linkage.engine.command import summary_lines
from linkage.engine.frequency import ADDRESS, BIRTH_DATE, cut_offs, histogram, online, typical
from linkage.engine.records import normalise_record

PYTHON = LinkConfig(engine="python", threshold=-100.0)


@given(st.lists(st.integers(1, 60), min_size=1, max_size=200))
def test_typical_is_the_holders_of_the_median_records_value(holders: list[int]) -> None:
    # One entry per value; expanded to one entry per record, the median record's count is the answer.
    per_record = sorted(n for n in holders for _ in range(n))
    assert typical(histogram(holders)) == per_record[(len(per_record) - 1) // 2]


def test_no_values_give_the_floor_and_set_numbers_win() -> None:
    assert typical({}) == 0
    assert cut_offs(LinkConfig(), {}, {}).address == ADDRESS.floor
    assert cut_offs(LinkConfig(), {}, {}).birth_date == BIRTH_DATE.floor
    cut = cut_offs(LinkConfig(max_address_frequency=3, max_birth_date_frequency=7), {20: 100}, {40: 1000})
    assert (cut.address, cut.birth_date) == (3, 7)
    assert cut.describe() == {"address": "3 records (set)", "birth date": "7 records (set)"}


def test_the_cut_off_follows_the_data() -> None:
    # Households of three: 12. Flats where eight share an address (no suffix on the number): 32.
    assert cut_offs(LinkConfig(), {3: 1000, 1: 500, 40: 2}, {}).address == 12
    assert cut_offs(LinkConfig(), {8: 1000, 1: 500}, {}).address == 32
    # A million records: a real birth date is held by about 34, so a placeholder is one held by over 340;
    # five thousand: a date is held by one, so 25 people born on 1 January 1900 are a placeholder.
    assert cut_offs(LinkConfig(), {}, {34: 29_000, 30_000: 1}).birth_date == 340
    assert cut_offs(LinkConfig(), {}, {1: 5000, 25: 1}).birth_date == BIRTH_DATE.floor
    # Nearly half the records on one crowded address does not move the median.
    assert cut_offs(LinkConfig(), {2: 2600, 5000: 1}, {}).address == 12
    assert online(LinkConfig()).birth_date == 340
    assert online(LinkConfig(max_address_frequency=5)).address == 5


def _flat(number: int, people: int) -> list[PersonRecord]:
    """``people`` unrelated residents of one address (flats whose numbers carry no suffix)."""
    home = {"street": "Flatweg", "house_number": str(number), "postcode": "1234 AB", "city": "Utrecht"}
    return [
        PersonRecord(f"{number}-{k}", given=f"Given{number}x{k}", surname=f"Surname{number}x{k}", **home)
        for k in range(people)
    ]


def test_addresses_as_full_as_the_datas_typical_one_still_block_on_every_engine() -> None:
    people = [person for number in range(1, 6) for person in _flat(number, 14)]
    records = [normalise_record(p) for p in people]
    relative = usability(records, PYTHON)
    assert relative.cut.address == 56  # 4 x 14
    assert not any(relative.crowded)
    assert any(usability(records, replace(PYTHON, max_address_frequency=12)).crowded)
    result = link_records(people, config=PYTHON)
    duck = link_records(people, config=replace(PYTHON, engine="duckdb"))
    assert result.stats["frequency_cut_offs"]["address"].startswith("56 records: max(12, 4 x 14)")
    assert duck.stats["frequency_cut_offs"] == result.stats["frequency_cut_offs"]
    assert result.stats["cut_offs"]["address held by more than 56 records"] == 0
    report = summary_lines(result, written=0, multi=0, out="pairs.csv")
    assert (
        "  address cut-off: more than 56 records: max(12, 4 x 14), the median record's value being held by 14" in report
    )
    # Sharing an address blocks: every pair of neighbours is compared (and scored below the match threshold).
    assert result.stats["candidates"] == 5 * (14 * 13 // 2)
    assert duck.stats["candidates"] == result.stats["candidates"]


def test_a_placeholder_birth_date_in_a_small_file_is_cut_off() -> None:
    people = [
        PersonRecord(str(k), given=f"Given{k}", surname=f"Surname{k}", birth_date="1900-01-01") for k in range(25)
    ]
    people += [
        PersonRecord(f"d{k}", given=f"Other{k}", surname=f"Name{k}", birth_date=f"19{50 + k}-03-0{1 + k % 9}")
        for k in range(40)
    ]
    result = link_records(people, config=PYTHON)
    assert result.stats["cut_offs"]["birth date held by more than 20 records"] == 25
    duck = link_records(people, config=replace(PYTHON, engine="duckdb"))
    assert duck.stats["cut_offs"] == result.stats["cut_offs"]
    # With the old fixed number the placeholder blocked all 25 together.
    fixed = link_records(people, config=replace(PYTHON, max_birth_date_frequency=2000))
    assert fixed.stats["cut_offs"]["birth date held by more than 2000 records"] == 0
    assert fixed.stats["candidates"] > result.stats["candidates"]
