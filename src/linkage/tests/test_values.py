# SPDX-License-Identifier: EUPL-1.2
"""Never-silent normalisation: a value that cannot be used is counted, a foreign one is kept. Synthetic data."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from linkage.engine import LinkConfig, PersonRecord, link_records
from linkage.engine.records import (
    GENERIC,
    REPORTED_FIELDS,
    UNUSABLE,
    normalise_date,
    normalise_number,
    normalise_pc,
    normalise_record,
    value_status,
)

PYTHON = LinkConfig(engine="python")

values = st.one_of(
    st.none(),
    st.text(max_size=14),
    st.sampled_from(["1234 AB", "SW1A 1AA", "4350", "12a", "19800307", "1956-13-45", "?", "--", " ", "Jan"]),
)
records = st.lists(
    st.builds(
        PersonRecord,
        id=st.uuids().map(str),
        given=values,
        surname=values,
        birth_date=values,
        street=values,
        house_number=values,
        postcode=values,
        city=values,
    ),
    max_size=25,
)


@given(st.sampled_from(REPORTED_FIELDS), values)
def test_a_non_empty_value_is_used_or_counted(name: str, value: str | None) -> None:
    """The property: normalising never drops a non-empty value without `value_status` saying so."""
    normalised = getattr(normalise_record(replace(PersonRecord("x"), **{name: value})), name)
    status = value_status(name, value)
    if value is None or not value.strip():
        assert status == ""
    elif not normalised:
        assert status == UNUSABLE
    else:
        assert status in ("", GENERIC)


@settings(max_examples=60, deadline=None)
@given(records)
def test_a_run_reports_every_value_it_could_not_use(people: list[PersonRecord]) -> None:
    """The run's report counts, per column, exactly the non-empty values whose comparable form is empty."""
    people = [replace(p, id=f"{k}") for k, p in enumerate(people)]
    report = link_records(people, config=PYTHON).stats["values"]
    for name in REPORTED_FIELDS:
        dropped = 0
        for person in people:
            raw = getattr(person, name)
            if raw is not None and raw.strip() and not getattr(normalise_record(person), name):
                dropped += 1
        assert report[name][UNUSABLE] == dropped, name


def test_both_engines_report_the_same() -> None:
    people = [
        PersonRecord("1", "Jan", None, "Jansen", "1980-03-07", "Kerkstraat", "12", "1234 AB", "Utrecht"),
        PersonRecord("2", "?", None, "Smith", "1956-13-45", "High St", "12-14", "SW1A 1AA", "London"),
        PersonRecord("3", "Ann", None, "--", "unknown", "!!", "#", "4350", "Toowoomba"),
        PersonRecord("4", "Ann", None, "Smith", None, None, None, "(())", None),
    ]
    python = link_records(people, config=PYTHON).stats["values"]
    duck = link_records(people, config=replace(PYTHON, engine="duckdb")).stats["values"]
    assert python == duck
    assert python["postcode"] == {GENERIC: 2, UNUSABLE: 1}
    assert python["birth_date"] == {GENERIC: 1, UNUSABLE: 1}
    assert python["given"][UNUSABLE] == 1
    assert python["surname"][UNUSABLE] == 1


def test_foreign_values_keep_a_generic_form() -> None:
    assert normalise_pc("1234 ab") == "1234AB"
    assert normalise_pc("sw1a 1aa") == "SW1A1AA"
    assert normalise_pc("4350") == "4350"
    assert normalise_pc("?-?") == ""
    assert normalise_date("19800307") == "1980-03-07"
    assert normalise_date("1956-13-45") == "1956-13-45"  # implausible, but it still compares digit by digit
    assert normalise_date("1870-02-01") == "1870-02-01"
    assert normalise_date("gisteren") == ""
    assert normalise_number("12a") == "12A"
    assert normalise_number("#") == ""
