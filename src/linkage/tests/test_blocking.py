# SPDX-License-Identifier: EUPL-1.2
"""Blocking that does not hang on one field, and cut-offs that say what they removed. Synthetic data only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from linkage.engine import LinkConfig, PersonRecord, link_records
from linkage.engine.blocking import block_keys, candidate_pairs, usability
from linkage.engine.records import normalise_record
from linkage.engine.scoring import compare

PYTHON = LinkConfig(engine="python")


def _kinds(record: PersonRecord) -> set[str]:
    return {key.split(":", 1)[0] for key in block_keys(normalise_record(record), True, True)}


def test_a_person_without_birth_date_or_address_still_has_name_keys() -> None:
    assert _kinds(PersonRecord("1", given="Jan", surname="Jansen")) == {"given_sk"}
    with_place = PersonRecord("1", given="Jan", surname="Jansen", city="Utrecht", postcode="SW1A 1AA")
    assert {"given_sk", "sk_gi_city", "sk_gi_pc"} <= _kinds(with_place)
    no_name = PersonRecord("1", birth_date="1980-03-07", street="Kerkstraat", postcode="4350")
    assert _kinds(no_name) == {"dob_pc", "dob_street"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # name + postcode, no birth date, a foreign postcode
        (
            PersonRecord("1", given="Ann", surname="Smith", postcode="SW1A 1AA"),
            PersonRecord("2", given="Anne", surname="Smith", postcode="sw1a1aa"),
        ),
        # birth date + street, the surname missing on one side
        (
            PersonRecord("1", given="Jan", surname="Jansen", birth_date="19800307", street="Miller Street"),
            PersonRecord("2", given="Jaan", birth_date="1980-03-07", street="miller street"),
        ),
        # street + number, the postcode mistyped, no birth date
        (
            PersonRecord("1", given="Eva", surname="Bakker", street="Dorpsweg", house_number="3", postcode="2134"),
            PersonRecord("2", given="Eva", surname="Backer", street="Dorpsweg", house_number="3", postcode="2143"),
        ),
    ],
)
def test_any_two_fields_bring_a_pair_together(a: PersonRecord, b: PersonRecord) -> None:
    records = [normalise_record(a), normalise_record(b)]
    assert candidate_pairs(records, usability(records, PYTHON), PYTHON) == {(0, 1)}


def test_a_crowded_address_does_not_block_but_still_scores_as_same_area() -> None:
    config = replace(PYTHON, max_address_frequency=3, threshold=-100.0)  # every candidate pair is kept
    shelter = {"street": "Opvangweg", "house_number": "1", "postcode": "1234 AB", "city": "Utrecht"}
    people = [PersonRecord(str(k), given=f"Given{k}", surname=f"Surname{k}", **shelter) for k in range(5)]
    people.append(PersonRecord("9", given="Given0", surname="Surname0", **shelter))
    records = [normalise_record(p) for p in people]
    usable = usability(records, config)
    assert usable.crowded == [True] * 6
    assert not any(usable.address)
    for index, record in enumerate(records):
        assert not any(
            k.startswith(("address:", "street_nr:")) for k in block_keys(record, usable.address[index], True)
        )
    levels = compare(records[0], records[5], crowded=True)
    assert levels[3] == 1  # "same area", not "same address"
    result = link_records(people, config=config)
    assert result.stats["cut_offs"]["address held by more than 3 records"] == 6
    # Only the namesakes are compared (through their names), and their shared address counts as a place.
    assert [(p.id_a, p.id_b, p.levels[3]) for p in result.pairs] == [("0", "9", 1)]
    duck = link_records(people, config=replace(config, engine="duckdb"))
    assert duck.stats["cut_offs"] == result.stats["cut_offs"]
    assert [(p.id_a, p.id_b, p.score) for p in duck.pairs] == [(p.id_a, p.id_b, p.score) for p in result.pairs]


def test_the_block_size_cut_off_is_reported() -> None:
    config = replace(PYTHON, max_block_size=3)
    people = [PersonRecord(str(k), given="Jan", surname="Jansen") for k in range(5)]
    result = link_records(people, config=config)
    assert result.stats["cut_offs"]["in a blocking key shared by more than 3 records"] == 5
    assert result.stats["cut_offs_by_key"] == {"given_sk": 5}
    duck = link_records(people, config=replace(config, engine="duckdb"))
    assert duck.stats["cut_offs"] == result.stats["cut_offs"]
    assert duck.stats["cut_offs_by_key"] == result.stats["cut_offs_by_key"]
