# SPDX-License-Identifier: EUPL-1.2
"""The Python and DuckDB engines are one model: same Jaro-Winkler, same pairs, scores and clusters.

The records are synthetic (a small generator below with the kinds of noise the benchmark uses), made so
that many pairs sit close to a Jaro-Winkler threshold or to the score threshold, which is where two
implementations of one model part ways first.
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkage.engine import LinkConfig, LinkResult, PersonRecord, duck, link_records, read_person_csv
from linkage.engine.batch import link_csv
from linkage.engine.cluster import cluster_pairs, components
from linkage.engine.records import normalise_record
from linkage.engine.scoring import GIVEN_JW, JW_TOLERANCE, SURNAME_JW, SURNAME_JW_LOW, jaro_winkler
from linkage.normalise import normalise_birth_date

GIVEN = ["Jan", "Johan", "Johanna", "Anna", "Anne", "Annet", "Pieter", "Piet", "Petra", "Kees", "Klaas", "Sanne"]
GIVEN += ["Saskia", "Mohamed", "Mohammed", "Fatima", "Fatma", "Daan", "Dana", "Lotte", "Lotta", "Bram", "Sem"]
SURNAMES = ["Jansen", "Janssen", "Bakker", "Backer", "Visser", "Smit", "Smits", "Mulder", "Molder", "Bos", "Vos"]
SURNAMES += ["Dekker", "Meijer", "Meyer", "Veldhuis", "Groenveld", "Groeneveld", "Hoekstra", "Hoeksma", "Kok"]
PREFIXES = ["", "", "", "van", "de", "van der", "van den", "ter"]
PREFIX_FORMS = {"van der": ["vd", "v.d.", "Van Der", ""], "van den": ["vd", ""], "van": ["v.", ""], "de": ["De", ""]}
STREETS = ["Kerkstraat", "Dorpsweg", "Molenlaan", "Stationsplein", "Burg. Jansenstr.", "Kerkstr."]
CITIES = ["Utrecht", "Zwolle", "Delft", "Assen", "Breda"]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + rng.choice("aeiouknrst") + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    if kind == 2:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def _date(rng: random.Random, iso: str) -> str:
    y, m, d = iso.split("-")
    style = rng.randrange(4)
    if style == 0 and int(d) <= 12 and d != m:
        return f"{y}-{d}-{m}"  # day and month swapped
    if style == 1:
        digits = list(iso)
        position = rng.choice([2, 3, 6, 9])
        digits[position] = str((int(digits[position]) + 1) % 10)
        return "".join(digits)
    return f"{d}-{m}-{y}" if style == 2 else iso


def noisy_people(n_people: int, seed: int = 5) -> list[PersonRecord]:
    """Households of look-alike people, each person in one to four noisy records."""
    rng = random.Random(seed)  # noqa: S311 - test data
    out: list[PersonRecord] = []
    person = 0
    while person < n_people:
        surname, prefix = rng.choice(SURNAMES), rng.choice(PREFIXES)
        home = (rng.choice(STREETS), str(rng.randrange(1, 40)), f"{rng.randrange(1000, 1100)}AB", rng.choice(CITIES))
        for _ in range(rng.choice([1, 2, 3])):
            person += 1
            given = rng.choice(GIVEN)
            birth = f"{rng.randrange(1950, 1960)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            for copy in range(rng.choice([1, 2, 2, 3, 4])):
                g, p, s, b = given, prefix, surname, birth
                street, number, postcode, city = home
                if copy:
                    g = _typo(rng, g) if rng.random() < 0.3 else g
                    s = _typo(rng, s) if rng.random() < 0.3 else s
                    g = g[0] + "." if rng.random() < 0.1 else g
                    p = rng.choice(PREFIX_FORMS.get(p, [p]))
                    if p and rng.random() < 0.15:
                        s, p = (p + s).replace(" ", "").replace(".", "").capitalize(), ""
                    b = _date(rng, b) if rng.random() < 0.3 else b
                    if rng.random() < 0.3:
                        street, number = rng.choice(STREETS), str(rng.randrange(1, 40))
                        postcode, city = f"{rng.randrange(1000, 1100)}AB", rng.choice(CITIES)
                    if rng.random() < 0.05:
                        g, s, p = s, g, ""
                out.append(
                    PersonRecord(
                        f"p{person:05d}-{copy}",
                        None if rng.random() < 0.03 else g,
                        p,
                        s,
                        None if rng.random() < 0.05 else b,
                        street,
                        number,
                        None if rng.random() < 0.1 else postcode,
                        city,
                    )
                )
    return out


def _rows(result: LinkResult) -> list[tuple[str, str, float, tuple[int, int, int, int]]]:
    return [(p.id_a, p.id_b, p.score, p.levels) for p in result.pairs]


@pytest.fixture(scope="module")
def people() -> list[PersonRecord]:
    return noisy_people(1800)


@pytest.fixture(scope="module")
def both(people: list[PersonRecord]) -> tuple[LinkResult, LinkResult]:
    python = link_records(people, config=LinkConfig(engine="python", threshold=-10.0, max_address_frequency=6))
    duck = link_records(people, config=LinkConfig(engine="duckdb", threshold=-10.0, max_address_frequency=6))
    return python, duck


def test_engines_give_the_same_pairs_scores_and_clusters(
    people: list[PersonRecord], both: tuple[LinkResult, LinkResult]
) -> None:
    python, duck = both
    assert len(people) > 3000
    assert python.stats["engine"] == "python"
    assert duck.stats["engine"] == "duckdb"
    assert python.stats["candidates"] == duck.stats["candidates"]
    assert python.model == duck.model
    assert _rows(python) == _rows(duck)
    assert python.clusters == duck.clusters
    assert len(set(python.clusters.values())) < len(people)


def _name_similarities(people: list[PersonRecord], result: LinkResult) -> Iterator[tuple[float, float]]:
    normalised = {p.id: normalise_record(p) for p in people}
    for pair in result.pairs:
        a, b = normalised[pair.id_a], normalised[pair.id_b]
        yield jaro_winkler(a.given, b.given), jaro_winkler(a.surname, b.surname)


def test_the_data_has_near_threshold_cases(people: list[PersonRecord], both: tuple[LinkResult, LinkResult]) -> None:
    """Without these the parity test above would prove little."""
    python, _ = both
    similarities = list(_name_similarities(people, python))
    near_given = sum(abs(g - GIVEN_JW) < 0.03 for g, _ in similarities)
    near_surname = sum(abs(s - t) < 0.03 for _, s in similarities for t in (SURNAME_JW, SURNAME_JW_LOW))
    near_score = sum(abs(p.score) < 2 for p in python.pairs)
    assert near_given >= 20
    assert near_surname >= 20
    assert near_score >= 20


@pytest.fixture(scope="module")
def duck_jw() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    yield con
    con.close()


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=10), st.text(max_size=10))
def test_jaro_winkler_equals_duckdb(duck_jw: duckdb.DuckDBPyConnection, left: str, right: str) -> None:
    row = duck_jw.execute("SELECT jaro_winkler_similarity(?, ?)", [left, right]).fetchone()
    assert row is not None
    ours = jaro_winkler(left, right)
    assert abs(ours - row[0]) < 1e-12
    for threshold in (GIVEN_JW, SURNAME_JW, SURNAME_JW_LOW):
        assert (ours >= threshold - JW_TOLERANCE) == (row[0] >= threshold - JW_TOLERANCE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aeklnrst", min_size=1, max_size=8), st.text(alphabet="aeklnrst", min_size=1, max_size=8))
def test_jaro_winkler_equals_duckdb_on_name_like_strings(
    duck_jw: duckdb.DuckDBPyConnection, left: str, right: str
) -> None:
    row = duck_jw.execute("SELECT jaro_winkler_similarity(?, ?)", [left, right]).fetchone()
    assert row is not None
    assert abs(jaro_winkler(left, right) - row[0]) < 1e-12


def test_jaro_winkler_known_values() -> None:
    assert jaro_winkler("telsel", "tlsel") == pytest.approx(0.89)
    assert jaro_winkler("", "") == 0.0
    assert jaro_winkler("jan", "jan") == 1.0
    assert jaro_winkler("jan", "") == 0.0


def test_plain_and_staged_level_sql_agree(people: list[PersonRecord]) -> None:
    """`duck._sql_levels` (the readable form, which ports follow) and the staged form the engine runs."""
    config = LinkConfig(max_address_frequency=6)
    with duck.connect(config) as con:
        duck.load_records(con, people)
        duck.normalised_table(con, config)
        con.execute("CREATE TABLE p AS SELECT a.idx AS i, b.idx AS j FROM r a JOIN r b ON a.idx < b.idx AND a.idx < 50")
        plain = con.execute(f"""
            SELECT p.i, p.j, {duck._LEVEL_COLUMNS} FROM (
                SELECT p.i, p.j, {duck._sql_levels("a", "b")} FROM p JOIN r a ON a.idx = p.i JOIN r b ON b.idx = p.j
            ) p ORDER BY ALL
        """).fetchall()  # noqa: S608 - our own SQL
        staged = con.execute(f"SELECT * FROM ({duck._levels_sql('p')}) ORDER BY ALL").fetchall()  # noqa: S608
    assert len(plain) > 100_000  # pairs of the first 50 records with all others
    assert len({row[2:] for row in plain}) > 50  # many different level patterns
    assert plain == staged


def test_csv_read_by_duckdb_gives_the_python_result(tmp_path: Path, people: list[PersonRecord]) -> None:
    """`link_csv` on DuckDB reads the file itself; the result is that of `read_person_csv` + the Python engine."""
    source = tmp_path / "people.csv"
    with source.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nummer", "voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "straat", "huisnummer"])
        for p in people[:2500]:
            # Padding and empty strings as spreadsheets write them; no postcode or city column at all.
            writer.writerow(
                [
                    f" {p.id} ",
                    p.given or "",
                    f" {p.prefix or ''}",
                    p.surname,
                    p.birth_date or " ",
                    p.street,
                    p.house_number,
                ]
            )
    config = LinkConfig(threshold=-10.0)
    columns = {"id": "nummer", "postcode": "postcode", "city": "woonplaats"}
    duck_result = link_csv(source, columns, config=replace(config, engine="duckdb"))
    with source.open(newline="", encoding="utf-8-sig") as handle:
        python = link_records(read_person_csv(handle, columns), config=replace(config, engine="python"))
    assert duck_result.stats["engine"] == "duckdb"
    assert python.stats["records"] == duck_result.stats["records"] == 2500
    assert python.model == duck_result.model
    assert _rows(python) == _rows(duck_result)
    assert python.clusters == duck_result.clusters
    assert len(python.pairs) > 1000


def test_the_engine_uses_the_duckdb_package_s_own_compiled_module() -> None:
    """The engine imports ``_duckdb`` without the package's Python layer (`duck.tables.DRIVER`); every name it
    uses must be the very object the ``duckdb`` package exports."""
    from linkage.engine.duck.tables import DRIVER

    assert DRIVER is not duckdb
    assert DRIVER.connect is duckdb.connect
    assert DRIVER.DuckDBPyConnection is duckdb.DuckDBPyConnection
    assert DRIVER.Error is duckdb.Error


def _fresh_csv_run(tmp_path: Path, people: list[PersonRecord], config: str) -> list[str]:
    """`link_csv` of 300 people with ``LinkConfig(<config>)`` in a fresh interpreter, as the command starts
    one: the engine that ran, whether the ``duckdb`` package and its compiled module ``_duckdb`` were loaded,
    and the number of records."""
    source = tmp_path / "people.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "voornaam", "achternaam", "geboortedatum"])
        writer.writerows([p.id, p.given or "", p.surname or "", p.birth_date or ""] for p in people[:300])
    script = (
        "import sys; from linkage.engine import LinkConfig, link_csv; "
        f"r = link_csv({str(source)!r}, config=LinkConfig({config})); "
        "print(r.stats['engine'], 'duckdb' in sys.modules, '_duckdb' in sys.modules, r.stats['records'])"
    )
    src = Path(__file__).resolve().parents[2]
    completed = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=src
    )
    return completed.stdout.split()


def test_a_csv_run_does_not_import_the_duckdb_package(tmp_path: Path, people: list[PersonRecord]) -> None:
    """The command's path (`link_csv` on DuckDB) runs without ``import duckdb``, on its compiled module."""
    assert _fresh_csv_run(tmp_path, people, "engine='duckdb'") == ["duckdb", "False", "True", "300"]


@pytest.mark.parametrize(("duckdb_from", "expected"), [(300, ["python", "False"]), (299, ["duckdb", "True"])])
def test_an_automatic_csv_run_loads_duckdb_only_for_a_file_above_its_threshold(
    tmp_path: Path, people: list[PersonRecord], duckdb_from: int, expected: list[str]
) -> None:
    """`LinkConfig.engine` "auto" on a file of at most ``duckdb_from`` records (a header and that many lines)
    runs on the Python engine without loading DuckDB at all: its module, connection and buffers would be
    most of a small run's memory."""
    engine, loaded = expected
    assert _fresh_csv_run(tmp_path, people, f"duckdb_from={duckdb_from}") == [engine, "False", loaded, "300"]


def test_a_line_break_inside_a_quoted_field_is_read_by_every_engine(tmp_path: Path) -> None:
    """An address typed on two lines in a spreadsheet: DuckDB's parallel CSV reader refuses the quoted line
    break, so the file is read sequentially. Sizing a file by its lines (automatic runs) counts the break as
    a line: at the edge such a file is counted by DuckDB and still runs on the Python engine."""
    source = tmp_path / "people.csv"
    rows = [
        ["1", "Jan", "de Vries", "1980-01-02", "Dorpsstraat", "1"],
        ["2", "Jan", "de Vries", "1980-01-02", "Dorpsstraat\nachterhuis", "1"],
        ["3", "Piet", "Jansen", "1975-05-06", "Kerkweg", "3"],
    ]
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "voornaam", "achternaam", "geboortedatum", "straat", "huisnummer"])
        writer.writerows(rows)
    configs = [LinkConfig(duckdb_from=4), LinkConfig(duckdb_from=3), LinkConfig(engine="duckdb")]
    results = [link_csv(source, config=replace(config, threshold=-10.0)) for config in configs]
    assert [r.stats["engine"] for r in results] == ["python", "python", "duckdb"]
    assert [r.stats["records"] for r in results] == [3, 3, 3]
    assert _rows(results[0]) == _rows(results[1]) == _rows(results[2])
    assert ("1", "2") in {(p.id_a, p.id_b) for p in results[2].pairs}


@pytest.mark.parametrize(("records", "threads", "expected"), [(5_000, None, "1"), (20_001, None, "2"), (5_000, 2, "2")])
def test_a_small_run_uses_one_duckdb_thread(records: int, threads: int | None, expected: str) -> None:
    config = LinkConfig(threads=threads or 2)
    with duck.connect(config) as con:
        duck.small_run(con, replace(config, threads=threads), records)
        row = con.execute("SELECT current_setting('threads')").fetchone()
    assert row is not None
    assert str(row[0]) == expected


def test_one_thread_restores_the_thread_count_even_on_error() -> None:
    def threads(con: duckdb.DuckDBPyConnection) -> str:
        row = con.execute("SELECT current_setting('threads')").fetchone()
        assert row is not None
        return str(row[0])

    with duck.connect(LinkConfig(threads=2)) as con:
        with duck.one_thread(con):
            assert threads(con) == "1"
        assert threads(con) == "2"
        with pytest.raises(duckdb.Error), duck.one_thread(con):
            con.execute("SELECT * FROM no_such_table")
        assert threads(con) == "2"


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))
    )
)
def test_components_are_the_clusters_without_judgements(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    ids = [f"r{k:03d}" for k in range(n)]
    expected, _ = cluster_pairs(ids, [(ids[a], ids[b], 1.0) for a, b in edges if a != b])
    i = np.array([a for a, _ in edges], dtype=np.int64)
    j = np.array([b for _, b in edges], dtype=np.int64)
    root = components(n, i, j)
    assert {ids[k]: ids[int(root[k])] for k in range(n)} == expected


def test_date_objects_and_odd_input_reach_both_engines_alike() -> None:
    people = []
    for k, p in enumerate(noisy_people(300, seed=9)):
        birth: str | date | None = p.birth_date
        if birth and k % 3 and (parsed := normalise_birth_date(birth)):
            birth = parsed if k % 3 == 1 else datetime(parsed.year, parsed.month, parsed.day, 12, tzinfo=UTC)
        people.append(replace(p, birth_date=birth, city=" Dén Haag " if k % 5 == 0 else p.city))
    config = LinkConfig(threshold=-10.0)
    python = link_records(people, config=replace(config, engine="python"))
    duck_result = link_records(people, config=replace(config, engine="duckdb"))
    assert _rows(python) == _rows(duck_result)
    assert python.clusters == duck_result.clusters
    assert any(isinstance(p.birth_date, datetime) for p in people)
