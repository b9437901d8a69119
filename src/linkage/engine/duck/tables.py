# SPDX-License-Identifier: EUPL-1.2
"""DuckDB tables of a run: the connection, the raw records (``raw``) and the normalised records (``r``)."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import _duckdb as duckdb  # see `DRIVER`
import numpy as np

from linkage.normalise import surname_key

from ..frequency import CutOffs, cut_offs
from ..records import (
    LinkConfig,
    PersonRecord,
    clear_caches,
    count_statuses,
    date_form,
    fold,
    given_parts,
    normalise_identifier,
    normalise_number,
    normalise_pc,
    number_form,
    phonetic_key,
    postcode_form,
    status_of,
    street_key,
    value_status,
)

__all__ = ["DRIVER", "RAW_FIELDS", "connect", "load_csv", "load_records", "normalised_table", "one_thread", "small_run"]

# The engine imports DuckDB's compiled module, ``_duckdb``, not the ``duckdb`` package: the package is that
# module plus a Python layer (relational and expression APIs, data-frame sources) which this engine does
# not use and which cost each run about 20 MiB and a few tenths of a second to import. Every name used
# here (`connect`, `DuckDBPyConnection`, `Error`) is the same object in both (``duckdb`` re-exports them;
# ``tests/test_engine_parity.py`` checks it).
DRIVER = duckdb

# The raw fields of a record, as `PersonRecord` names them (the id comes first and is not normalised).
RAW_FIELDS: tuple[str, ...] = ("given", "prefix", "surname", "birth_date", "street", "house_number", "postcode", "city")


@contextmanager
def connect(config: LinkConfig) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB that spills to a private temporary directory."""
    with tempfile.TemporaryDirectory(prefix="weerbaar-link-") as tmp:
        con = duckdb.connect(config=({"threads": config.threads} if config.threads else {}))
        try:
            con.execute("SET temp_directory = ?", [tmp])
            con.execute("SET preserve_insertion_order = true")
            yield con
        finally:
            con.close()


def small_run(con: duckdb.DuckDBPyConnection, config: LinkConfig, n_records: int) -> None:
    """One DuckDB thread for a run of at most `LinkConfig.duckdb_from` records (unless `LinkConfig.threads`
    says otherwise). DuckDB splits work by row groups of 122,880 rows, so a second thread gains such a run
    nothing, while its buffers cost about 14 MiB (FEBRL3, 5,000 records: peak 131 -> 117 MiB, same time);
    at 100,000 records one thread lowered nothing.
    """
    if config.threads is None and n_records <= config.duckdb_from:
        con.execute("SET threads = 1")


@contextmanager
def one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the statements inside on one DuckDB thread. For the joins of many columns: each thread builds its
    own share of every hash table, so on two threads they held a third more memory, and were no faster on
    the benchmark's two shared cores."""
    row = con.execute("SELECT current_setting('threads')").fetchone()
    threads = int(row[0]) if row else 1
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {threads}")


# --- Input ------------------------------------------------------------------------------------------------


def _date_text(value: str | date | None) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def load_records(
    con: duckdb.DuckDBPyConnection, records: Sequence[PersonRecord], identifiers: Sequence[str] = ()
) -> int:
    """Table ``raw`` (pos, id, raw fields, then ``ident_0``... for the ``identifiers``) from records;
    returns the number of records."""
    columns: dict[str, Any] = {
        "pos": np.arange(len(records), dtype=np.int64),
        "id": np.array([str(r.id) for r in records], dtype=object),
    }
    for name in RAW_FIELDS:
        if name == "birth_date":
            values = [_date_text(r.birth_date) for r in records]
        else:
            values = [getattr(r, name) for r in records]
        columns[name] = np.array(values, dtype=object)
    for number, name in enumerate(identifiers):
        columns[f"ident_{number}"] = np.array([r.identifiers.get(name) for r in records], dtype=object)
    con.register("raw_input", columns)
    con.execute("CREATE TABLE raw AS SELECT * FROM raw_input")
    con.unregister("raw_input")
    return len(records)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    columns: Mapping[str, str],
    *,
    delimiter: str = ",",
    identifiers: Sequence[str] = (),
) -> int:
    """Table ``raw`` from a CSV with a header row, read by DuckDB itself; as `batch.read_person_csv` reads it.

    ``columns`` maps ``id`` and the `RAW_FIELDS` to column names; a field whose column is absent is empty.
    The ``identifiers`` columns become ``ident_0``, ``ident_1``... Values are trimmed as `read_person_csv`
    trims them.
    """
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle, delimiter=delimiter), [])
    if columns["id"] not in header:
        msg = f"id column {columns['id']!r} not in the CSV header {sorted(header)}"
        raise ValueError(msg)
    selected = [f"trim(coalesce({_quoted(columns['id'])}, '')) AS id"]
    for name in RAW_FIELDS:
        column = columns.get(name, "")
        selected.append(f"nullif(trim({_quoted(column)}), '') AS {name}" if column in header else f"NULL AS {name}")
    for number, column in enumerate(identifiers):
        name = f"ident_{number}"
        selected.append(f"nullif(trim({_quoted(column)}), '') AS {name}" if column in header else f"NULL AS {name}")
    query = (
        f"CREATE TABLE raw AS SELECT row_number() OVER () - 1 AS pos, {', '.join(selected)} "  # noqa: S608 - quoted names
        "FROM read_csv(?, header = true, all_varchar = true, delim = ?, quote = '\"', escape = '\"', "
        "null_padding = true, encoding = 'utf-8', parallel = ?)"
    )
    try:
        con.execute(query, [str(path), delimiter, True])
    except duckdb.Error:
        # DuckDB's parallel reader refuses a line break inside a quoted field (an address typed on two lines
        # in a spreadsheet); the sequential one reads it, and reports any other fault of the file itself.
        con.execute(query, [str(path), delimiter, False])
    row = con.execute("SELECT count(*) FROM raw").fetchone()
    return int(row[0]) if row else 0


# --- Normalisation of distinct values ---------------------------------------------------------------------


# The normalisers of `records` without their caches: here every value is new, and a miss costs more
# than the call. Each returns the normalised columns and the value's status (`records.status_of`), so that
# a value is normalised once for both.
_given_parts = given_parts.__wrapped__
_street = street_key.__wrapped__
_fold = fold.__wrapped__

Normaliser = Callable[..., tuple[tuple[str, ...], str]]


def _given(value: str) -> tuple[tuple[str, str, str], str]:
    first, initials = _given_parts(value)
    return (first, initials, phonetic_key(first) if first else ""), status_of(value, first)


def _surname(prefix: str, surname: str) -> tuple[tuple[str, str], str]:
    core = surname_key(prefix or None, surname or None)
    # The status is that of the surname alone, as the Python engine reports it (cached: surnames repeat
    # with different prefixes).
    return (core, phonetic_key(core) if core else ""), value_status("surname", surname)


def _date(value: str) -> tuple[tuple[str], str]:
    form, dutch = date_form(value or None)
    return (form,), status_of(value, form, dutch=dutch)


def _postcode(value: str) -> tuple[tuple[str], str]:
    form, dutch = postcode_form(value or None)
    return (form,), status_of(value, form, dutch=dutch)


def _number(value: str) -> tuple[tuple[str], str]:
    form, dutch = number_form(value or None)
    return (form,), status_of(value, form, dutch=dutch)


def _plain(function: Callable[[str | None], str]) -> Normaliser:
    def normalise(value: str) -> tuple[tuple[str], str]:
        form = function(value or None)
        return (form,), status_of(value, form)

    return normalise


_identifier = _plain(normalise_identifier.__wrapped__)

# (raw fields, normalised columns, function from the raw values to the normalised ones and the status)
_NORMALISERS: tuple[tuple[tuple[str, ...], tuple[str, ...], Normaliser], ...] = (
    (("given",), ("given", "initials", "given_key"), _given),
    (("prefix", "surname"), ("surname", "surname_key"), _surname),
    (("birth_date",), ("birth_date",), _date),
    (("postcode",), ("postcode",), _postcode),
    (("house_number",), ("house_number",), _number),
    (("street",), ("street",), _plain(_street)),
    (("city",), ("city",), _plain(_fold)),
)


def normalised_table(
    con: duckdb.DuckDBPyConnection, config: LinkConfig, name: str = "r"
) -> tuple[dict[str, dict[str, int]], CutOffs]:
    """Table ``name`` from ``raw`` (then dropped): one row per record in id order (``idx`` 0..n-1), normalised
    fields as `records.normalise_record` gives them, and the usability flags of `blocking.usability`. Returns the
    values kept in a generic form and the unusable ones per field (`records.count_statuses`), and the frequency
    cut-offs the flags were set by (`frequency.cut_offs`)."""
    joins: list[str] = []
    outputs: list[str] = []
    statuses = count_statuses((), config.identifiers)
    normalisers = list(_NORMALISERS)
    reported_as: dict[str, str] = {}
    for number, identifier in enumerate(config.identifiers):
        normalisers.append(((f"ident_{number}",), (f"ident_{number}",), _identifier))
        reported_as[f"ident_{number}"] = identifier
    for number, (inputs, produced, function) in enumerate(normalisers):
        raw = ", ".join(f"coalesce({field}, '')" for field in inputs)
        # Column arrays rather than a tuple per distinct value, and the results written straight into
        # the arrays DuckDB reads: fewer Python objects alive at once (the normalisation's peak memory).
        fetched = con.execute(f"SELECT {raw}, count(*) AS n FROM raw GROUP BY ALL").fetchnumpy()  # noqa: S608
        columns = list(fetched.values())
        given_values, counts = [c.tolist() for c in columns[:-1]], columns[-1].tolist()
        del fetched, columns
        reported = reported_as.get(inputs[-1], inputs[-1])  # the surname, not its prefix
        table: dict[str, Any] = {f"in{k}": np.array(v, dtype=object) for k, v in enumerate(given_values)}
        out = [np.empty(len(counts), dtype=object) for _ in produced]
        for position, (values, n) in enumerate(zip(zip(*given_values, strict=True), counts, strict=True)):
            normalised, status = function(*values)
            for k, value in enumerate(normalised):
                out[k][position] = value
            if status:
                statuses[reported][status] += n
        del given_values, counts
        clear_caches()  # the cached normalisers the functions call would hold every distinct value
        table.update(zip(produced, out, strict=True))
        con.register(f"norm_input_{number}", table)
        con.execute(f"CREATE TEMP TABLE norm_{number} AS SELECT * FROM norm_input_{number}")  # noqa: S608
        con.unregister(f"norm_input_{number}")
        condition = " AND ".join(f"n{number}.in{k} = coalesce(raw.{field}, '')" for k, field in enumerate(inputs))
        joins.append(f"JOIN norm_{number} n{number} ON {condition}")
        outputs.extend(f"n{number}.{column}" for column in produced)
    excluded = sorted({f"{normalise_pc(pc)}|{normalise_number(nr)}" for pc, nr in config.excluded_addresses})
    by_name = {column: f"n{k}.{column}" for k, (_, produced, _) in enumerate(normalisers) for column in produced}
    join_of = {column: joins[k] for k, (_, produced, _) in enumerate(normalisers) for column in produced}
    address_key = (
        f"CASE WHEN {by_name['postcode']} <> '' AND {by_name['house_number']} <> '' "
        f"THEN {by_name['postcode']} || '|' || {by_name['house_number']} ELSE '' END"
    )
    # How many records hold each address and birth date, counted first (with only the joins they need), so
    # that the table below is built in one pass: a CTE read three times was materialised whole by DuckDB,
    # a second copy of every normalised row (100,000 records: 53 -> 41 MiB for this step).
    for holders, key, needs in (
        ("address_holders", address_key, ("postcode", "house_number")),
        ("date_holders", by_name["birth_date"], ("birth_date",)),
    ):
        needed = " ".join(join_of[column] for column in needs)
        con.execute(f"CREATE TEMP TABLE {holders} AS SELECT {key} AS k, count(*) AS n FROM raw {needed} GROUP BY 1")  # noqa: S608
    cut = cut_offs(
        config,
        _histogram(con, "SELECT n FROM address_holders WHERE k <> '' AND NOT list_contains(?::VARCHAR[], k)", excluded),
        _histogram(con, "SELECT n FROM date_holders WHERE k <> ''"),
    )
    with one_thread(con):  # the join of every normalised column: 84 MiB with two threads (Dutch profile)
        _create_normalised(con, name, outputs, joins, address_key, by_name["birth_date"], excluded, cut)
    for holders in ("address_holders", "date_holders"):
        con.execute(f"DROP TABLE {holders}")
    for number in range(len(normalisers)):
        con.execute(f"DROP TABLE norm_{number}")
    con.execute("DROP TABLE raw")  # everything later reads the normalised table
    return statuses, cut


def _histogram(con: duckdb.DuckDBPyConnection, holders: str, *parameters: Any) -> dict[int, int]:
    """`frequency.histogram` of the holder counts ``holders`` selects (a column ``n``)."""
    rows = con.execute(f"SELECT n, count(*) FROM ({holders}) GROUP BY n", list(parameters)).fetchall()  # noqa: S608
    return {int(n): int(values) for n, values in rows}


def _create_normalised(
    con: duckdb.DuckDBPyConnection,
    name: str,
    outputs: list[str],
    joins: list[str],
    address_key: str,
    birth_date: str,
    excluded: list[str],
    cut: CutOffs,
) -> None:
    con.execute(
        f"""
        CREATE TABLE {name} AS
        WITH ordered AS (
            -- Sorting only (id, pos) is much cheaper than sorting the whole row by id.
            SELECT pos, (row_number() OVER (ORDER BY id, pos) - 1)::INTEGER AS idx FROM raw
        )
        SELECT ordered.idx, raw.id, {", ".join(outputs)},
            addresses.k = '' OR (NOT list_contains(?::VARCHAR[], addresses.k) AND addresses.n <= ?) AS address_ok,
            addresses.k <> '' AND NOT list_contains(?::VARCHAR[], addresses.k) AND addresses.n > ? AS address_crowded,
            dates.k = '' OR dates.n <= ? AS date_ok
        FROM raw JOIN ordered ON ordered.pos = raw.pos {" ".join(joins)}
            JOIN address_holders addresses ON addresses.k = {address_key}
            JOIN date_holders dates ON dates.k = {birth_date}
        """,  # noqa: S608 - names are ours
        [excluded, cut.address, excluded, cut.address, cut.birth_date],
    )
