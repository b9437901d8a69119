# SPDX-License-Identifier: EUPL-1.2
"""Identifier columns and term-frequency adjustment in the linkage engine. Synthetic data only."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkage.engine import LinkConfig, PersonRecord, link_records
from linkage.engine.command import main
from linkage.engine.records import UNUSABLE, normalise_identifier, value_status
from linkage.engine.scoring import DEFAULT_MODEL, TF_MIN_RECORDS, identifier_level, tf_adjustment, tf_applies


def test_identifiers_are_normalised_generically() -> None:
    assert normalise_identifier("123 456-789") == "123456789"
    assert normalise_identifier(" ab.12/é ") == "AB12E"
    assert normalise_identifier(None) == ""
    assert value_status("identifier", "--- ") == UNUSABLE
    assert value_status("identifier", "X-1") == ""


def test_identifier_levels() -> None:
    assert identifier_level("1234567", "1234567") == 3
    assert identifier_level("1234567", "1243567") == 2  # two adjacent digits swapped
    assert identifier_level("1234567", "1234568") == 2  # one digit off
    assert identifier_level("1234567", "123456") == 2  # one digit missing
    assert identifier_level("1234567", "7654321") == 0
    assert identifier_level("", "1234567") == -1


def _people() -> list[PersonRecord]:
    """Two people whose records share nothing but their number (names and date mistyped beyond the name
    keys, another address), the noise that an identifier column is for, and records with unusable numbers."""
    people = [
        PersonRecord("a1", given="Hendrik", surname="Bakker", birth_date="1971-04-02", postcode="1234AB",
                     house_number="5", identifiers={"bsn": "123 456 782"}),
        PersonRecord("a2", given="Rik", surname="Backer-Smit", birth_date="1917-02-04", postcode="9876ZX",
                     house_number="12", identifiers={"bsn": "123456782"}),
        PersonRecord("b1", given="Anna", surname="Visser", birth_date="1980-01-01", identifiers={"bsn": "99988877"}),
        PersonRecord("b2", given="Anna", surname="Visser", birth_date="1980-01-01", identifiers={"bsn": "99988787"}),
        PersonRecord("c1", given="Piet", surname="Mulder", birth_date="1990-05-05", identifiers={"bsn": "---"}),
        PersonRecord("c2", given="Kees", surname="de Boer", birth_date="1960-06-06", identifiers={"bsn": "?"}),
    ]  # fmt: skip
    return people


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_an_identifier_blocks_compares_and_is_reported(engine: str) -> None:
    config = LinkConfig(engine=engine, identifiers=("bsn",), threshold=-100)  # type: ignore[arg-type]
    result = link_records(_people(), config=config)
    pairs = {(p.id_a, p.id_b): p for p in result.pairs}
    same_number = pairs[("a1", "a2")]  # only the identifier brought them together
    assert same_number.levels[4] == 3
    assert same_number.explanation["bsn"] > 10
    assert sum(same_number.explanation.values()) == pytest.approx(same_number.score, abs=1e-3)
    assert pairs[("b1", "b2")].levels[4] == 2  # one transposition apart
    assert result.stats["values"]["bsn"] == {"kept in a generic form": 0, "unusable": 2}
    without = link_records(_people(), config=replace(config, identifiers=()))
    assert ("a1", "a2") not in {(p.id_a, p.id_b) for p in without.pairs}


def _crowd(n: int) -> list[PersonRecord]:
    """``n`` records: a third called Jansen, the rest each with a surname of their own, plus two pairs -
    one Jansen and one with a rare surname - that agree on everything else in the same way (not on the
    address: at one address a shared surname is a household's, `scoring.tf_applies`)."""
    records = [
        PersonRecord(
            f"p{k:05d}",
            given=("Jan", "Piet", "Klaas", "Henk", "Joop")[k % 5] + f"{k % 97:02d}",
            surname="Jansen" if k % 3 == 0 else f"Achternaam{k}",
            birth_date=f"{1930 + k % 70}-{1 + k % 12:02d}-{1 + k % 28:02d}",
            postcode=f"{1000 + k % 8000}AB",
            house_number=str(1 + k % 200),
        )
        for k in range(n)
    ]
    pair = {"given": "Willemijn", "birth_date": "1966-06-16", "house_number": "7"}
    for prefix, surname in (("common", "Jansen"), ("rare", "Zwartkruis")):
        records += [
            PersonRecord(f"{prefix}{k}", surname=surname, postcode=postcode, **pair)
            for k, postcode in ((1, "4321ZZ"), (2, "8765XY"))
        ]
    return records


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_rare_surname_agreeing_counts_more_than_a_common_one(engine: str) -> None:
    config = LinkConfig(engine=engine, model=DEFAULT_MODEL, threshold=-100)  # type: ignore[arg-type]
    records = _crowd(TF_MIN_RECORDS)
    result = link_records(records, config=config)
    pairs = {(p.id_a, p.id_b): p for p in result.pairs}
    common, rare = pairs[("common1", "common2")], pairs[("rare1", "rare2")]
    assert common.levels == rare.levels == (3, 3, 3, 0)
    assert rare.score > common.score
    assert rare.explanation["surname"] > common.explanation["surname"]
    assert sum(rare.explanation.values()) == pytest.approx(rare.score, abs=1e-3)
    flat = {
        (p.id_a, p.id_b): p.score for p in link_records(records, config=replace(config, term_frequencies=False)).pairs
    }
    assert flat[("common1", "common2")] == flat[("rare1", "rare2")]


def test_a_rare_surname_at_one_address_is_not_adjusted() -> None:
    assert tf_applies("surname", (0, 3, -1, 0))
    assert not tf_applies("surname", (0, 3, -1, 3))  # a household, not more evidence
    assert tf_applies("given", (3, 0, 0, 3))
    assert not tf_applies("given", (2, 3, 3, 3))


def test_engines_agree_with_identifiers_and_term_frequencies() -> None:
    records = [
        replace(r, identifiers={"klantnr": f"K{int(r.id[1:]) // 2 if r.id[0] == 'p' else 7}"}) for r in _crowd(1200)
    ]
    config = LinkConfig(identifiers=("klantnr",), threshold=-5)
    python = link_records(records, config=replace(config, engine="python"))
    duck = link_records(records, config=replace(config, engine="duckdb"))
    assert python.model == duck.model
    assert [(p.id_a, p.id_b, p.score, p.levels) for p in python.pairs] == [
        (p.id_a, p.id_b, p.score, p.levels) for p in duck.pairs
    ]
    assert [p.explanation for p in python.pairs] == [p.explanation for p in duck.pairs]


@given(st.floats(min_value=1e-5, max_value=0.1), st.integers(min_value=1, max_value=5000), st.integers(2, 50))
def test_a_rarer_value_never_weighs_less(u_exact: float, holders: int, factor: int) -> None:
    n = 1_000_000
    rare, common = tf_adjustment(u_exact, holders, n), tf_adjustment(u_exact, holders * factor, n)
    assert rare > common


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def test_the_command_refuses_a_missing_or_mapped_identifier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "people.csv"
    _write(
        source, [["id", "voornaam", "achternaam", "bsn"], ["1", "Jan", "Jansen", "123"], ["2", "Jan", "Jansen", "123"]]
    )
    out = str(tmp_path / "pairs.csv")
    for option, expected in (
        ("bsnr", "identifier column 'bsnr' (--identifier) not found; columns present: id, voornaam, achternaam, bsn"),
        ("achternaam", "column 'achternaam' is mapped to surname (--surname-col)"),
    ):
        assert main([str(source), "--out", out, "--identifier", option]) == 2
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1
        assert expected in err
    assert main([str(source), "--out", out, "--identifier", "bsn", "--engine", "python"]) == 0
    report = capsys.readouterr().out
    assert "1 clusters with more than one record" in report
    with Path(out).open(encoding="utf-8") as handle:
        assert '""bsn"": 16.' in handle.read()


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_placeholder_identifier_is_cut_off_and_reported_per_key(engine: str) -> None:
    people = [
        PersonRecord(str(k), given=f"Naam{k}", surname=f"Anders{k}", identifiers={"bsn": "000000000"}) for k in range(5)
    ]
    config = LinkConfig(engine=engine, identifiers=("bsn",), max_block_size=3)  # type: ignore[arg-type]
    result = link_records(people, config=config)
    assert result.stats["cut_offs"]["in a blocking key shared by more than 3 records"] == 5
    assert result.stats["cut_offs_by_key"] == {"identifier bsn": 5}
    assert result.pairs == []
