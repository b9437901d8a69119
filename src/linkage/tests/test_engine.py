# SPDX-License-Identifier: EUPL-1.2
"""The person-linkage engine: explanations, judgements, exclusions, stability, CLI. Synthetic data only."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkage.engine import (
    Judgement,
    LinkConfig,
    PersonRecord,
    jaro_winkler,
    link_records,
)
from linkage.engine.__main__ import main
from linkage.engine.records import normalise_record
from linkage.engine.scoring import DEFAULT_MODEL, DEFAULT_PRIOR, Model, compare
from linkage.normalise import surname_key

PYTHON = LinkConfig(engine="python")


def _people() -> list[PersonRecord]:
    return [
        PersonRecord("a1", "Jan", "van der", "Meer", "1980-03-07", "Kerkstraat", "12", "1234 AB", "Utrecht"),
        PersonRecord("a2", "Jan", "", "vd Meer", "07-03-1980", "Kerkstraat", "12", "1234AB", "Utrecht"),
        PersonRecord("a3", "Jaan", None, "Vandermeer", "1980-07-03", None, None, None, None),
        PersonRecord("b1", "Fatima", "", "El Amrani", "1975-11-30", "Dorpsweg", "3", "9711 HV", "Groningen"),
        PersonRecord("b2", "Fatima", "", "El Amrani", "30-11-1975", "Laan 5", "8", "3011 AA", "Rotterdam"),
        PersonRecord("c1", "Pieter", "de", "Vries", "1962-01-15", "Markt", "1", "5611 AA", "Eindhoven"),
        PersonRecord("c2", "Anna", "de", "Vries", "1990-06-02", "Markt", "1", "5611 AA", "Eindhoven"),
    ]


def _cluster_of(result_clusters: dict[str, str], *ids: str) -> set[str]:
    return {result_clusters[i] for i in ids}


def test_links_variants_and_keeps_household_apart() -> None:
    result = link_records(_people(), config=PYTHON)
    clusters = result.clusters
    assert _cluster_of(clusters, "a1", "a2", "a3") == {"a1"}
    assert _cluster_of(clusters, "b1", "b2") == {"b1"}
    assert clusters["c1"] != clusters["c2"]  # same surname and address, other person


def test_explanation_sums_to_score() -> None:
    result = link_records(_people(), config=LinkConfig(engine="python", threshold=-1000))
    assert result.pairs
    for pair in result.pairs:
        assert set(pair.explanation) == {"prior", "given", "surname", "birth_date", "address"}
        assert sum(pair.explanation.values()) == pytest.approx(pair.score, abs=1e-3)
        assert pair.id_a < pair.id_b


@given(st.lists(st.integers(min_value=-1, max_value=3), min_size=4, max_size=4))
def test_model_explanation_sums_for_every_level_pattern(levels: list[int]) -> None:
    model = Model(mu=DEFAULT_MODEL, prior=DEFAULT_PRIOR)
    assert sum(model.explain(levels).values()) == pytest.approx(model.score(levels), abs=1e-3)


def test_not_same_splits_and_same_joins() -> None:
    judgements = [
        Judgement("a1", "a3", "not_same", author="tester", reason="other birth certificate"),
        Judgement("c1", "c2", "same", author="tester", reason="confirmed"),
    ]
    result = link_records(_people(), config=PYTHON, judgements=judgements)
    assert result.clusters["a1"] != result.clusters["a3"]
    assert result.clusters["c1"] == result.clusters["c2"] == "c1"


def test_not_same_is_never_bridged_through_a_third_record() -> None:
    judgements = [Judgement("a2", "a3", "not_same"), Judgement("a1", "a3", "not_same")]
    result = link_records(_people(), config=PYTHON, judgements=judgements)
    assert result.clusters["a3"] not in {result.clusters["a1"], result.clusters["a2"]}


def test_same_that_contradicts_not_same_is_reported() -> None:
    judgements = [
        Judgement("b1", "c1", "same"),
        Judgement("b2", "c1", "same"),
        Judgement("b1", "b2", "not_same"),
    ]
    result = link_records(_people(), config=PYTHON, judgements=judgements)
    assert result.clusters["b1"] != result.clusters["b2"]
    assert len(result.conflicts) == 1


def _office_people() -> list[PersonRecord]:
    # Unrelated people who all give the town hall's address, one pair sharing surname and birth year.
    return [
        PersonRecord(f"t{i}", given, None, surname, birth, "Stadhuisplein", "1", "2511 BT", "Den Haag")
        for i, (given, surname, birth) in enumerate(
            [("Karel", "Smit", "1970-01-01"), ("Kees", "Smit", "1970-05-09"), ("Els", "Bos", "1988-02-02")]
        )
    ]


def test_exclusion_list_stops_an_address_linking() -> None:
    linked = link_records(_office_people(), config=PYTHON)
    assert linked.clusters["t0"] == linked.clusters["t1"]  # address + surname + year carry it
    config = LinkConfig(engine="python", excluded_addresses=frozenset({("2511BT", "1")}))
    result = link_records(_office_people(), config=config)
    assert len(set(result.clusters.values())) == 3
    assert all(pair.explanation["address"] == 0 for pair in link_records(_office_people(), config=config).pairs)


def test_frequency_cut_off_stops_an_address_linking() -> None:
    result = link_records(_office_people(), config=LinkConfig(engine="python", max_address_frequency=2))
    assert len(set(result.clusters.values())) == 3


def test_clusters_stable_across_runs_and_input_order() -> None:
    people = _people()
    first = link_records(people, config=PYTHON)
    shuffled = people[:]
    random.Random(3).shuffle(shuffled)  # noqa: S311 - test data
    second = link_records(shuffled, config=PYTHON)
    assert first.clusters == second.clusters
    assert [(p.id_a, p.id_b, p.score) for p in first.pairs] == [(p.id_a, p.id_b, p.score) for p in second.pairs]


def _synthetic(n_people: int) -> list[PersonRecord]:
    rng = random.Random(11)  # noqa: S311 - test data
    given_names = ["Jan", "Piet", "Kees", "Anna", "Els", "Sanne", "Mohamed", "Fatima", "Daan", "Lotte", "Bram"]
    surnames = ["Jansen", "Bakker", "Visser", "Smit", "Mulder", "Bos", "Vos", "Dekker", "Kok", "Prins", "Meijer"]
    out = []
    for person in range(n_people):
        given_name, surname = rng.choice(given_names), rng.choice(surnames) + str(person % 97)
        birth = f"{rng.randrange(1940, 2005)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        pc, nr = f"{rng.randrange(1000, 9999)}AB", str(rng.randrange(1, 99))
        for copy in range(2):
            out.append(PersonRecord(f"p{person}-{copy}", given_name, None, surname, birth, "Weg", nr, pc, "Stad"))
    return out


# The Python and DuckDB engines are compared on noisier data in test_engine_parity.py.


def test_em_estimates_a_model_on_enough_pairs() -> None:
    result = link_records(_synthetic(1500), config=LinkConfig(engine="python", min_pairs_for_em=500))
    assert result.model.mu != DEFAULT_MODEL
    assert all(result.clusters[f"p{i}-0"] == result.clusters[f"p{i}-1"] for i in range(1500))


def test_dutch_prefixes_and_swapped_names() -> None:
    assert {surname_key(None, s) for s in ("van der Meer", "vd Meer", "V.d. Meer", "Vandermeer")} == {"meer"}
    assert normalise_record(PersonRecord("1", surname="V.d. Meer")).surname == "meer"
    a = normalise_record(PersonRecord("1", "Jan", None, "Bakker", "1980-01-01"))
    b = normalise_record(PersonRecord("2", "Bakker", None, "Jan", "1980-01-01"))
    assert compare(a, b)[:3] == (3, 3, 3)


@given(st.text(max_size=12), st.text(max_size=12))
def test_jaro_winkler_is_a_symmetric_similarity(left: str, right: str) -> None:
    value = jaro_winkler(left, right)
    assert 0.0 <= value <= 1.0 + 1e-9
    assert value == pytest.approx(jaro_winkler(right, left))


# --- the CSV command (`python -m linkage.engine`; `manage.py correlate_csv` is tested in the correlation app) ---

CLI_OPTIONS = [
    "--id-col",
    "nr",
    "--given-col",
    "vn",
    "--prefix-col",
    "tv",
    "--surname-col",
    "an",
    "--birth-col",
    "gd",
    "--street-col",
    "str",
    "--number-col",
    "hn",
    "--postcode-col",
    "pc",
    "--city-col",
    "pl",
    "--engine",
    "python",
]


def write_people_csv(source: Path) -> None:
    """`_people` under Dutch column names, as a municipality's export would have them."""
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nr", "vn", "tv", "an", "gd", "str", "hn", "pc", "pl"])
        for p in _people():
            writer.writerow(
                [p.id, p.given, p.prefix, p.surname, p.birth_date, p.street, p.house_number, p.postcode, p.city]
            )


def assert_cli_outputs(out: Path, clusters: Path) -> None:
    """The pairs file holds what `link_records` finds, explained; the clusters file joins a2 to a1."""
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected = {(p.id_a, p.id_b, p.score) for p in link_records(_people(), config=PYTHON).pairs}
    assert {(r["id_a"], r["id_b"], float(r["score"])) for r in rows} == expected
    for row in rows:
        assert sum(json.loads(row["explanation"]).values()) == pytest.approx(float(row["score"]), abs=1e-3)
    with clusters.open(newline="", encoding="utf-8") as handle:
        assert {r["id"]: r["cluster"] for r in csv.DictReader(handle)}["a2"] == "a1"


def test_cli_round_trip(tmp_path: Path) -> None:
    source, out, clusters = tmp_path / "people.csv", tmp_path / "pairs.csv", tmp_path / "clusters.csv"
    write_people_csv(source)
    assert main([str(source), "--out", str(out), "--clusters", str(clusters), *CLI_OPTIONS]) == 0
    assert_cli_outputs(out, clusters)
