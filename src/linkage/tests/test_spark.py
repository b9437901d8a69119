# SPDX-License-Identifier: EUPL-1.2
"""The Spark engine (local mode) against the Python engine: the same pairs, scores, levels and clusters.

The data are generated here (synthetic Dutch-looking people with typos, swapped names, prefix variants,
initials, moved households, date typos, a town-hall address and a birth date far too common), and the
limits in the configuration are set low so that the exclusion list, both frequency cut-offs and the
block-size bound all take effect. One Spark session serves the whole module; under pytest-xdist each
worker that runs a test here starts its own, in its own directory and on ports chosen by the OS.
"""

from __future__ import annotations

import csv
import logging
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pyspark.sql import SparkSession
from pyspark.sql import functions as F  # noqa: N812 - the name every Spark user reads

from linkage.engine import Judgement, LinkConfig, LinkResult, PersonRecord, link_records
from linkage.engine.__main__ import main as python_cli
from linkage.engine.batch import DEFAULT_COLUMNS
from linkage.engine.blocking import KEYS, block_keys, candidate_pairs, usability
from linkage.engine.records import FEATURES, normalise_record, phonetic_key
from linkage.engine.scoring import DEFAULT_MODEL, Model, compare, random_pairs
from linkage.engine.spark import (
    level_case_sql,
    link_records_spark,
    local_session,
    main,
    model_from_dict,
    register_functions,
    splink_settings,
)
from linkage.engine.spark.prepare import _prepare

# Every test here needs pyspark and most start a JVM: `make test-fast` leaves them out, CI runs them once.
pytestmark = pytest.mark.spark

GIVEN = [
    "Jan", "Johannes", "Johan", "Jos", "Joost", "Pieter", "Piet", "Peter", "Kees", "Cornelis", "Willem",
    "Wim", "Hendrik", "Henk", "Gerrit", "Anna", "Anne", "Annemarie", "Maria", "Marie", "Marieke", "Fatima",
    "Fatma", "Mohamed", "Mohammed", "Ahmed", "Sanne", "Sanna", "Eva", "Ev", "Bo", "Daan", "Daan-Jan", "Lotte",
    "Lotje", "Sophie", "Sofie", "Noa", "Noah", "Thijs", "Tijs", "Ilse", "Elsa", "Zoë", "Chloé", "Jeroen",
]  # fmt: skip
SURNAMES = [
    ("", "Jansen"), ("", "Janssen"), ("", "Bakker"), ("", "Backer"), ("", "Visser"), ("", "Fisser"),
    ("", "Smit"), ("", "Smits"), ("", "Dijkstra"), ("", "Dykstra"), ("de", "Vries"), ("de", "Vriesch"),
    ("van der", "Meer"), ("van den", "Berg"), ("van de", "Berg"), ("van", "Dijk"), ("van", "Dyk"),
    ("", "Mulder"), ("", "Boer"), ("de", "Boer"), ("", "Peters"), ("", "Pieters"), ("", "El Amrani"),
    ("", "Y\u0131lmaz"), ("", "\u00d6zt\u00fcrk"), ("van 't", "Hof"), ("ter", "Horst"), ("", "Hendriks"), ("", "Hendrikx"),
    ("", "Schouten"), ("", "Scholten"), ("", "Kok"), ("", "Koch"), ("", "Groenveld"), ("", "Groeneveld"),
    ("", "Bos"), ("", "Bosch"), ("", "Vos"), ("", "Jacobs"), ("", "Jacobsen"), ("", "Willems"),
]  # fmt: skip
STREETS = ["Kerkstraat", "Dorpsweg", "Markt", "Stationsweg", "Laan van Meerdervoort", "Molenstraat", "Schoolstraat"]
CITIES = ["Utrecht", "Groningen", "Den Haag", "'s-Hertogenbosch", "Zwolle", "Amersfoort"]
TOWN_HALL = ("2511 BT", "1")
COMMON_DATE = "1970-01-01"
CONFIG = LinkConfig(
    engine="python",
    term_frequencies=False,  # Spark has no term-frequency adjustments
    max_address_frequency=8,
    max_birth_date_frequency=12,
    max_block_size=25,
    excluded_addresses=frozenset({("3511 AA", "1")}),
)
MODEL = Model(
    mu={f: {lv: (m * 0.97 + 0.0075, u) for lv, (m, u) in levels.items()} for f, levels in DEFAULT_MODEL.items()},
    prior=3e-5,
)


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.random()
    if kind < 0.35:
        return text[:i] + rng.choice("aeiouyktsnrl") + text[i + 1 :]
    if kind < 0.6:
        return text[:i] + text[i + 1 :]
    if kind < 0.85:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def _date_variant(rng: random.Random, iso: str) -> str:
    year, month, day = iso.split("-")
    kind = rng.random()
    if kind < 0.25:
        return f"{day}-{month}-{year}"  # Dutch order
    if kind < 0.35 and int(day) <= 12:
        return f"{year}-{day}-{month}"  # day and month swapped
    if kind < 0.5:
        digit = rng.randrange(2, 4)
        return f"{year[:digit]}{rng.randrange(10)}{year[digit + 1 :]}-{month}-{day}"  # one digit of the year
    if kind < 0.55:
        return f"{year}{month}{day}"
    return iso


def people(count: int = 3000, seed: int = 7) -> list[PersonRecord]:
    """Synthetic records of about ``count / 1.7`` people, 1 to 3 records each, with noise (see module doc)."""
    rng = random.Random(seed)  # noqa: S311 - test data
    records: list[PersonRecord] = []
    serial = 0

    def add(**fields: str | None) -> None:
        nonlocal serial
        serial += 1
        # Ids of several shapes, so that the id order of Python and Spark is compared too.
        shape = serial % 7
        ident = f"p{serial:05d}" if shape else rng.choice(["P", "p-", "q", "é", "Z"]) + str(serial)
        records.append(PersonRecord(ident, **fields))

    while len(records) < count:
        prefix, surname = rng.choice(SURNAMES)
        given = rng.choice(GIVEN)
        if rng.random() < 0.06:
            # Many Jan Jansens born in May 1980: blocks larger than max_block_size, which are skipped.
            prefix, surname, given = "", "Jansen", "Jan" if rng.random() < 0.6 else given
            birth = f"1980-05-{rng.randrange(1, 29):02d}"
        elif rng.random() < 0.02:
            birth = COMMON_DATE
        else:
            birth = f"{rng.randrange(1935, 2006)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        if rng.random() < 0.03:
            postcode, number = TOWN_HALL
        elif rng.random() < 0.02:
            postcode, number = "3511 AA", "1"
        else:
            postcode, number = (
                f"{rng.randrange(1000, 1100)} {rng.choice(['AA', 'AB', 'BC'])}",
                str(rng.randrange(1, 60)),
            )
        street, city = rng.choice(STREETS), rng.choice(CITIES)
        for copy in range(rng.choice([1, 1, 2, 2, 2, 3])):
            g, p, s, b = given, prefix, surname, birth
            pc, nr, st, ci = postcode, number, street, city
            if copy:
                roll = rng.random()
                if roll < 0.25:
                    g = _typo(rng, g)
                elif roll < 0.35:
                    s = _typo(rng, s)
                elif roll < 0.42:
                    g, s, p = s, g, ""  # given name and surname swapped
                elif roll < 0.5:
                    g = g[0] + "."  # an initial only
                elif roll < 0.55:
                    p, s = "", (p + s).replace(" ", "")  # glued prefix
                elif roll < 0.6:
                    p = {"van der": "vd", "van den": "v.d.", "van": "v."}.get(p, p)
                b = _date_variant(rng, b)
                if rng.random() < 0.2:  # moved
                    pc, nr, st = f"{rng.randrange(1000, 9999)} AA", str(rng.randrange(1, 300)), rng.choice(STREETS)
                if rng.random() < 0.1:
                    pc = None
                if rng.random() < 0.05:
                    g = None
                if rng.random() < 0.03:
                    s = None
                if rng.random() < 0.05:
                    b = None
            add(given=g, prefix=p or None, surname=s, birth_date=b, street=st, house_number=nr, postcode=pc, city=ci)
        if rng.random() < 0.1:  # a relative in the same household: same surname and address, other person
            add(
                given=rng.choice(GIVEN),
                prefix=prefix or None,
                surname=surname,
                birth_date=f"{rng.randrange(1935, 2006)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                street=street,
                house_number=number,
                postcode=postcode,
                city=city,
            )
    return records


def _judgements(reference: LinkResult, records: list[PersonRecord]) -> list[Judgement]:
    """Judgements that change the outcome: not_same on linked pairs, same on unlinked ones, one conflict."""
    rng = random.Random(11)  # noqa: S311 - test data
    linked = rng.sample(reference.pairs, 6)
    ids = sorted(r.id for r in records)
    out = [Judgement(p.id_a, p.id_b, "not_same", author="t.tester") for p in linked[:4]]
    out += [Judgement(*rng.sample(ids, 2), "same", author="t.tester") for _ in range(3)]
    out.append(Judgement(linked[0].id_a, linked[0].id_b, "same", author="t.tester"))  # conflicts with a not_same
    out.append(Judgement(linked[4].id_a, linked[4].id_b, "unsure"))
    return out


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    # tmp_path_factory gives every xdist worker its own base directory, so two sessions share nothing.
    session = local_session(master="local[2]", work_dir=tmp_path_factory.mktemp("spark"))
    # py4j says goodbye at INFO from a finaliser, after pytest has closed the streams it captured.
    logging.getLogger("py4j").setLevel(logging.WARNING)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def records() -> list[PersonRecord]:
    return people()


def _assert_same(actual: LinkResult, expected: LinkResult) -> None:
    assert [(p.id_a, p.id_b) for p in actual.pairs] == [(p.id_a, p.id_b) for p in expected.pairs]
    assert [(p.levels, f"{p.score:.4f}") for p in actual.pairs] == [
        (p.levels, f"{p.score:.4f}") for p in expected.pairs
    ]
    assert [p.explanation for p in actual.pairs] == [p.explanation for p in expected.pairs]
    assert actual.clusters == expected.clusters
    assert actual.conflicts == expected.conflicts


def test_fixed_model_gives_the_python_engines_pairs_scores_and_clusters(
    spark: SparkSession, records: list[PersonRecord]
) -> None:
    config = replace(CONFIG, model=MODEL.mu, prior=MODEL.prior)
    plain = link_records(records, config=config)
    judgements = _judgements(plain, records)
    expected = link_records(records, config=config, judgements=judgements)
    actual = link_records_spark(records, config=config, judgements=judgements, spark=spark)

    # The data exercise what they should: many pairs, limits that bite, judgements that matter.
    assert len(expected.pairs) > 1000
    assert expected.clusters != plain.clusters and expected.conflicts
    assert sum(1 for p in expected.pairs if p.levels[3] == -1) > 10  # address excluded, too frequent or missing
    assert sum(1 for p in expected.pairs if p.levels[2] == -1) > 10  # birth date too frequent or missing
    assert actual.stats["records"] == len(records)
    _assert_same(actual, expected)
    assert actual.model == expected.model


def test_block_size_bound_and_cut_offs_are_those_of_the_python_engine(
    spark: SparkSession, records: list[PersonRecord]
) -> None:
    """The prepared records (usability flags and blocking keys) row by row, against `blocking`."""
    prepared = {row["id"]: row for row in _prepare(spark, records, CONFIG, None).collect()}
    normalised = sorted((normalise_record(r) for r in records), key=lambda r: r.id)
    usable = usability(normalised, CONFIG)
    blocks: Counter[str] = Counter()
    for index, record in enumerate(normalised):
        blocks.update(block_keys(record, usable.address[index], usable.birth_date[index]))
    skipped = 0
    for index, record in enumerate(normalised):
        row = prepared[record.id]
        assert (row["address_ok"], row["date_ok"]) == (usable.address[index], usable.birth_date[index]), record
        keys = {key.partition(":")[0]: key for key in block_keys(record, row["address_ok"], row["date_ok"])}
        for kind in KEYS:
            key = keys.get(kind)
            if key is not None and blocks[key] > CONFIG.max_block_size:
                skipped += 1
                key = None
            assert row[f"bk_{kind}"] == key, (record, kind)
    assert skipped > 0
    assert not all(usable.address) and not all(usable.birth_date)


def test_cut_offs_relative_to_the_data_are_those_of_the_python_engine(
    spark: SparkSession, records: list[PersonRecord]
) -> None:
    """With the cut-offs left to the data (`frequency.cut_offs`), Spark flags the same records."""
    config = replace(CONFIG, max_address_frequency=None, max_birth_date_frequency=None)
    prepared = {row["id"]: row for row in _prepare(spark, records, config, None).collect()}
    normalised = sorted((normalise_record(r) for r in records), key=lambda r: r.id)
    usable = usability(normalised, config)
    assert usable.cut.address_typical is not None and usable.cut.birth_date_typical is not None
    assert not all(usable.address) and not all(usable.birth_date)  # the rule cuts something in these data
    flags = [(prepared[r.id]["address_ok"], prepared[r.id]["date_ok"]) for r in normalised]
    assert flags == list(zip(usable.address, usable.birth_date, strict=True))


def test_levels_in_spark_sql_equal_compare(spark: SparkSession, records: list[PersonRecord]) -> None:
    """`level_case_sql` against `scoring.compare`, on candidate pairs and random pairs."""
    normalised = sorted((normalise_record(r) for r in records), key=lambda r: r.id)
    usable = usability(normalised, CONFIG)
    pairs = sorted(candidate_pairs(normalised, usable, CONFIG)) + random_pairs(len(normalised), 4000, seed=3)
    text = ["given", "surname", "surname_key", "birth_date", "postcode", "house_number", "street", "city"]

    def side(index: int) -> list[object]:
        record = normalised[index]
        given_key = phonetic_key(record.given) if record.given else ""
        return [
            *(getattr(record, name) for name in text),
            given_key,
            usable.address[index],
            usable.birth_date[index],
            usable.crowded[index],
        ]

    names = [*text, "given_key", "address_ok", "date_ok", "address_crowded"]
    flags = ("address_ok", "date_ok", "address_crowded")
    schema = ", ".join(f"{n}_{s} {'boolean' if n in flags else 'string'}" for s in "lr" for n in names)
    frame = spark.createDataFrame([(*side(i), *side(j)) for i, j in pairs], f"{schema}")
    register_functions(spark)
    levels = frame.select(*[F.expr(level_case_sql(f)).alias(f) for f in FEATURES]).collect()
    expected = [
        compare(
            normalised[i],
            normalised[j],
            a_address_usable=usable.address[i] or usable.crowded[i],
            b_address_usable=usable.address[j] or usable.crowded[j],
            a_date_usable=usable.birth_date[i],
            b_date_usable=usable.birth_date[j],
            crowded=usable.crowded[i] or usable.crowded[j],
        )
        for i, j in pairs
    ]
    assert [tuple(row) for row in levels] == expected
    # Every level of every feature occurs, so each SQL condition was tried.
    for position, feature in enumerate(FEATURES):
        assert {levels[position] for levels in expected} == {-1, 0, 1, 2, 3}, feature


def _write_csv(path: Path, records: list[PersonRecord]) -> None:
    header = ["nummer", *(DEFAULT_COLUMNS[f] for f in ("given", "prefix", "surname", "birth_date")), "adres_nr"]
    header += ["straat", "postcode", "woonplaats"]
    with path.open("w", newline="", encoding="utf-8-sig") as handle:  # with a byte order mark
        writer = csv.writer(handle)
        writer.writerow(header)
        for r in records:
            writer.writerow(
                [f" {r.id}", r.given, r.prefix, r.surname, r.birth_date, r.house_number, r.street, r.postcode, r.city]
            )


def test_command_line_writes_the_same_files_with_an_estimated_model(
    spark: SparkSession, records: list[PersonRecord], tmp_path: Path
) -> None:
    source = tmp_path / "people.csv"
    _write_csv(source, records)
    common = [
        str(source),
        *("--id-col", "nummer", "--number-col", "adres_nr", "--city-col", "woonplaats"),
        *("--exclude-address", "3511AA:1", "--max-address-frequency", "8", "--threshold", "2.5"),
        "--no-term-frequencies",
    ]
    python_out, spark_out = tmp_path / "python", tmp_path / "spark"
    python_out.mkdir()
    spark_out.mkdir()
    assert python_cli([*common, "--engine", "python", "--out", str(python_out / "pairs.csv"),
                       "--clusters", str(python_out / "clusters.csv")]) == 0  # fmt: skip
    assert main([*common, "--out", str(spark_out / "pairs.csv"), "--clusters", str(spark_out / "clusters.csv")]) == 0

    # Enough candidate pairs for EM, so the model was estimated (not the defaults) on both sides.
    config = LinkConfig(
        engine="python",
        threshold=2.5,
        max_address_frequency=8,
        excluded_addresses=frozenset({("3511AA", "1")}),
        term_frequencies=False,
    )
    assert link_records(records, config=config).stats["candidates"] >= config.min_pairs_for_em
    for name in ("pairs.csv", "clusters.csv"):
        expected = (python_out / name).read_text(encoding="utf-8")
        assert expected.count("\n") > 500
        assert (spark_out / name).read_text(encoding="utf-8") == expected


def test_a_stored_model_round_trips_and_levels_must_match_the_model() -> None:
    assert model_from_dict(MODEL.as_dict()) == MODEL
    extra = Model(mu={**MODEL.mu, "given": {**MODEL.mu["given"], 4: (0.5, 0.001)}}, prior=MODEL.prior)
    with pytest.raises(ValueError, match="given"):
        splink_settings(extra)


def test_too_few_records_and_duplicate_ids(spark: SparkSession) -> None:
    for few in ([], [PersonRecord("only", "Jan", None, "Jansen", "1980-03-07")]):
        result = link_records_spark(few, config=CONFIG, spark=spark)
        assert (result.pairs, result.clusters) == ([], {r.id: r.id for r in few})
        assert result.model == link_records(few, config=CONFIG).model
    with pytest.raises(ValueError, match="unique"):
        link_records_spark([PersonRecord("a", "Jan"), PersonRecord("a", "Piet")], config=CONFIG, spark=spark)


def test_identifier_columns_are_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "people.csv"
    source.write_text("id,voornaam,achternaam,bsn\n1,Jan,Jansen,123\n", encoding="utf-8")
    assert main([str(source), "--out", str(tmp_path / "pairs.csv"), "--identifier", "bsn"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "--identifier is not supported on Spark" in err
    with pytest.raises(ValueError, match="not supported on Spark"):
        link_records_spark([PersonRecord("1", given="Jan")], config=LinkConfig(identifiers=("bsn",)))
