# SPDX-License-Identifier: EUPL-1.2
"""The CSV command: ``python -m weerbaar.correlation.engine INPUT.csv --out pairs.csv``.

One implementation behind three entry points: ``python -m weerbaar.correlation.engine`` (the documented
one, which never starts Django), ``python -m linkage.engine`` and ``manage.py correlate_csv`` (a thin
Django wrapper). The command checks its input before reading it: the file exists and is not empty, the
delimiter is sniffed (or given), and every mapped column is in the header. Bad input ends with exit code 2
and one line on stderr naming the problem - never a traceback. On a terminal the phases of the run are
shown as a progress bar on stderr.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

from .batch import (
    DEFAULT_COLUMNS,
    EmptyInputError,
    LinkResult,
    link_csv,
    link_records,
    one_to_one,
    read_person_csv,
    write_pairs_csv,
)
from .records import DEFAULT, LinkConfig, PersonRecord

__all__ = [
    "PHASES",
    "CsvLayout",
    "InputError",
    "Progress",
    "add_cli_arguments",
    "check_columns",
    "check_identifiers",
    "cli_config",
    "inspect_csv",
    "main",
    "run",
    "write_cli_outputs",
]

# The options that map a `PersonRecord` field to a column, in the order of `DEFAULT_COLUMNS`.
COLUMN_OPTIONS: dict[str, str] = {
    "id": "--id-col",
    "given": "--given-col",
    "prefix": "--prefix-col",
    "surname": "--surname-col",
    "birth_date": "--birth-col",
    "street": "--street-col",
    "house_number": "--number-col",
    "postcode": "--postcode-col",
    "city": "--city-col",
}
_SNIFF_BYTES = 64 * 1024
_CANDIDATE_DELIMITERS = ",;\t|"


class InputError(Exception):
    """Input the command cannot use; the message is one line that says what is wrong and what to do."""


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """What the command learnt from the start of a CSV file: its delimiter, encoding and header."""

    delimiter: str
    encoding: str
    header: tuple[str, ...]


def _readable_delimiter(delimiter: str) -> str:
    return {"\t": "\\t (tab)"}.get(delimiter, delimiter)


def inspect_csv(path: str | Path, *, delimiter: str | None = None, encoding: str = "utf-8") -> CsvLayout:
    """The layout of a CSV file, or `InputError` for a missing, unreadable or empty file.

    Without ``delimiter`` it is sniffed from the first 64 KB (``,``, ``;``, tab or ``|``); a file whose
    header has one column falls back to ``,``.
    """
    path = Path(path)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty")
    python_encoding = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    try:
        with path.open(newline="", encoding=python_encoding) as handle:
            sample = handle.read(_SNIFF_BYTES)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not readable as {encoding} (byte {error.start}); give the file's encoding with --encoding"
        ) from None
    except OSError as error:
        raise InputError(f"{path}: {error.strerror}") from None
    first_line = sample.splitlines()[0] if sample.strip() else ""
    if not first_line.strip():
        raise InputError(f"{path}: no header row (the first line is empty)")
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=_CANDIDATE_DELIMITERS).delimiter
        except csv.Error:
            delimiter = ","
    if len(delimiter) != 1:
        raise InputError(f"the delimiter must be one character, not {delimiter!r}")
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    return CsvLayout(delimiter=delimiter, encoding=encoding, header=tuple(h.strip() for h in header))


def check_identifiers(
    layout: CsvLayout, identifiers: Sequence[str], columns: Mapping[str, str], *, path: str | Path = "the CSV"
) -> None:
    """`InputError` unless every identifier column is in the header and is not also a mapped field."""
    for column in identifiers:
        if not column:
            raise InputError("--identifier needs a column name")
        if column not in layout.header:
            raise InputError(
                f"{path}: identifier column {column!r} (--identifier) not found; columns present: "
                f"{', '.join(layout.header)}"
            )
        if column in columns.values():
            field_name = next(f for f, c in columns.items() if c == column)
            raise InputError(
                f"{path}: column {column!r} is mapped to {field_name} ({COLUMN_OPTIONS[field_name]}) and cannot also "
                "be an identifier"
            )
        if column in ("prior", "given", "surname", "birth_date", "address"):
            raise InputError(f"identifier column {column!r}: the name is taken by a feature; rename the column")


def check_columns(
    layout: CsvLayout, columns: Mapping[str, str], *, path: str | Path = "the CSV", defaults: Mapping[str, str] = {}
) -> list[str]:
    """`InputError` unless the mapped columns are in the header; returns the fields read as empty.

    The id column and every column named on the command line must be present: a misspelt column read as
    empty would make a run that "succeeds" with no pairs. A column left at its default name (``defaults``)
    may be absent - it is then read as empty and listed in the report - and so may a column mapped to the
    empty string. At least two of the fields that compare must remain.
    """
    present = set(layout.header)
    shown = ", ".join(layout.header)
    absent: list[str] = []
    for field_name, column in columns.items():
        if not column or column in present:
            if not column:
                absent.append(field_name)
            continue
        if field_name != "id" and defaults.get(field_name) == column:
            absent.append(field_name)
            continue
        option = COLUMN_OPTIONS.get(field_name, field_name)
        hint = ""
        if len(layout.header) == 1:
            other = next((d for d in _CANDIDATE_DELIMITERS if d in layout.header[0]), None)
            if other and other != layout.delimiter:
                hint = f"; the header has one column: is the delimiter {_readable_delimiter(other)!r}? use --delimiter"
        if not hint:
            hint = f" (map it with {option} NAME, or {option} '' if the file has no such column)"
        raise InputError(f"{path}: column {column!r} ({option}) not found; columns present: {shown}{hint}")
    if "id" in absent:
        raise InputError("an id column is required (--id-col)")
    compared = [f for f in columns if f not in absent and f not in ("id", "prefix")]
    if len(compared) < 2:
        raise InputError(
            f"{path}: fewer than two columns to compare ({', '.join(compared) or 'none'}); columns present: {shown}; "
            "map them with --given-col, --surname-col, --birth-col, --street-col, --number-col, --postcode-col, "
            "--city-col"
        )
    return absent


# --- Progress ---------------------------------------------------------------------------------------------

PHASES: tuple[str, ...] = ("reading", "normalising", "blocking", "comparing", "estimating", "scoring", "clustering")
_ALL_PHASES = (*PHASES, "writing")


class Progress:
    """The phases of a run as a bar on a terminal (stderr); silent when stderr is not a terminal."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.perf_counter()
        self.seen: list[str] = []

    def __call__(self, phase: str) -> None:
        self.seen.append(phase)
        if not self.enabled:
            return
        done = _ALL_PHASES.index(phase) if phase in _ALL_PHASES else len(self.seen) - 1
        width = 24
        filled = round(width * done / len(_ALL_PHASES))
        elapsed = time.perf_counter() - self.started
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done + 1}/{len(_ALL_PHASES)} {phase:<12} {elapsed:6.1f} s"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.seen:
            self.stream.write("\n")
            self.stream.flush()


# --- Options, run, output ---------------------------------------------------------------------------------


def add_cli_arguments(parser: Any) -> None:
    """Options of the CSV command; ``parser`` is an `argparse.ArgumentParser` (or Django's)."""
    parser.add_argument("input", help="CSV with a header row, one person per row")
    parser.add_argument(
        "--link",
        metavar="OTHER.csv",
        help="link mode: a second CSV (same columns); only pairs across the two files are compared",
    )
    parser.add_argument("--one-to-one", action="store_true", help="link mode: at most one partner per record")
    parser.add_argument("--out", required=True, help="where to write id_a,id_b,score,cluster,explanation")
    parser.add_argument("--clusters", help="also write id,cluster for every record")
    for field_name, option in COLUMN_OPTIONS.items():
        parser.add_argument(
            option,
            dest=f"col_{field_name}",
            default=DEFAULT_COLUMNS[field_name],
            help=f"column of {field_name} (default {DEFAULT_COLUMNS[field_name]}; '' when the file has none)",
        )
    parser.add_argument("--delimiter", help="field delimiter (default: sniffed from the file)")
    parser.add_argument("--encoding", default="utf-8", help="text encoding of the file (default utf-8)")
    parser.add_argument("--threshold", type=float, default=DEFAULT.threshold, help="match weight in bits")
    parser.add_argument("--exclude-address", action="append", default=[], metavar="POSTCODE:NUMBER", help="may repeat")
    parser.add_argument(
        "--max-address-frequency",
        type=int,
        default=DEFAULT.max_address_frequency,
        help="an address held by more records is crowded (default: relative to the data, see the report)",
    )
    parser.add_argument(
        "--max-birth-date-frequency",
        type=int,
        default=DEFAULT.max_birth_date_frequency,
        help="a birth date held by more records is not used (default: relative to the data)",
    )
    parser.add_argument("--engine", choices=("auto", "python", "duckdb"), default="auto")
    parser.add_argument(
        "--identifier",
        action="append",
        default=[],
        metavar="COLUMN",
        help="an identifier column (social security, customer number): blocks and compares; may repeat",
    )
    parser.add_argument(
        "--no-term-frequencies",
        dest="term_frequencies",
        action="store_false",
        help="weigh an exact name the same however common it is",
    )


def cli_config(
    options: Mapping[str, Any], *, engine: Literal["auto", "python", "duckdb"] = "auto"
) -> tuple[LinkConfig, dict[str, str]]:
    """The configuration and column mapping the parsed options of `add_cli_arguments` ask for."""
    excluded = frozenset(
        (pc.strip(), nr.strip()) for pc, _, nr in (item.partition(":") for item in options["exclude_address"])
    )
    config = LinkConfig(
        threshold=options["threshold"],
        excluded_addresses=excluded,
        max_address_frequency=options["max_address_frequency"],
        max_birth_date_frequency=options["max_birth_date_frequency"],
        engine=engine,
        identifiers=tuple(dict.fromkeys(c.strip() for c in options.get("identifier") or ())),
        term_frequencies=options.get("term_frequencies", True),
    )
    return config, {f: (options[f"col_{f}"] or "").strip() for f in DEFAULT_COLUMNS}


def write_cli_outputs(options: Mapping[str, Any], result: LinkResult) -> tuple[int, int]:
    """Write the pairs (``--out``) and, when asked, the clusters (``--clusters``); returns the number of
    pairs written and of clusters with more than one record."""
    with open(options["out"], "w", newline="", encoding="utf-8") as handle:
        written = write_pairs_csv(handle, result)
    if options.get("clusters"):
        with open(options["clusters"], "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("id", "cluster"))
            writer.writerows(sorted(result.clusters.items()))
    multi = sum(1 for k, v in Counter(result.clusters.values()).items() if v > 1 and k)
    return written, multi


def summary_lines(result: LinkResult, written: int, multi: int, out: str) -> list[str]:
    """The report of a run: counts, then every value that could not be used and every record a cut-off
    removed from a blocking key - nothing the engine left out goes unreported."""
    stats = result.stats
    lines = [
        (
            f"{stats['records']} records, {stats.get('candidates', 0)} candidate pairs, {written} pairs written to "
            f"{out}, {multi} clusters with more than one record ({stats['engine']}, {stats['total_s']} s)"
        )
    ]
    for column, counts in sorted(stats.get("values", {}).items()):
        parts = [f"{n} {what}" for what, n in sorted(counts.items()) if n]
        if parts:
            lines.append(f"  {column}: {', '.join(parts)}")
    for what, how in stats.get("frequency_cut_offs", {}).items():
        lines.append(f"  {what} cut-off: more than {how}")
    for cut, removed in sorted(stats.get("cut_offs", {}).items()):
        if removed:
            lines.append(f"  cut-off {cut}: {removed} records")
        if removed and cut.startswith("in a blocking key"):
            for key, held in stats.get("cut_offs_by_key", {}).items():
                lines.append(f"    key {key}: {held} records")
    return lines


def run(options: Mapping[str, Any], *, progress: Progress | None = None) -> list[str]:
    """Run the CSV command with parsed ``options``; returns the report lines. `InputError` on bad input."""
    config, columns = cli_config(options, engine=options["engine"])
    path = Path(options["input"])
    layout = inspect_csv(path, delimiter=options.get("delimiter"), encoding=options.get("encoding") or "utf-8")
    absent = check_columns(layout, columns, path=path, defaults=DEFAULT_COLUMNS)
    check_identifiers(layout, config.identifiers, columns, path=path)
    progress = progress or Progress(enabled=False)
    other: tuple[Path, CsvLayout] | None = None
    if options.get("link"):
        other_path = Path(options["link"])
        other_layout = inspect_csv(
            other_path, delimiter=options.get("delimiter"), encoding=options.get("encoding") or "utf-8"
        )
        absent = sorted(
            set(absent) | set(check_columns(other_layout, columns, path=other_path, defaults=DEFAULT_COLUMNS))
        )
        check_identifiers(other_layout, config.identifiers, columns, path=other_path)
        other = (other_path, other_layout)
    elif options.get("one_to_one"):
        raise InputError("--one-to-one needs link mode (--link OTHER.csv)")
    try:
        if other is None:
            result = link_csv(
                path, columns, config=config, delimiter=layout.delimiter, encoding=layout.encoding, progress=progress
            )
        else:
            result = _link_files(((path, layout), other), columns, config, progress)
            if options.get("one_to_one"):
                result = one_to_one(result, threshold=config.threshold)
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not readable as {layout.encoding} ({error.reason}); use --encoding") from None
    except EmptyInputError as error:
        raise InputError(f"{path}: {error}") from None
    except _reader_errors() as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputError(f"{path}: could not be read as CSV ({first})") from None
    progress("writing")
    try:
        written, multi = write_cli_outputs(options, result)
    except OSError as error:
        raise InputError(f"{error.filename}: {error.strerror}") from None
    progress.close()
    lines = summary_lines(result, written, multi, options["out"])
    if absent:
        lines.append(f"  not in the file, read as empty: {', '.join(columns[f] or f for f in absent)}")
    return lines


def _link_files(
    files: tuple[tuple[Path, CsvLayout], tuple[Path, CsvLayout]],
    columns: Mapping[str, str],
    config: LinkConfig,
    progress: Progress,
) -> LinkResult:
    """Link mode: both files read, then only pairs across them compared. Ids must differ between files."""
    progress("reading")
    records: list[PersonRecord] = []
    sources: dict[str, str] = {}
    for (path, layout), source in zip(files, ("a", "b"), strict=True):
        utf8 = codecs.lookup(layout.encoding).name == "utf-8"
        with path.open(newline="", encoding="utf-8-sig" if utf8 else layout.encoding) as handle:
            read = list(read_person_csv(handle, columns, delimiter=layout.delimiter, identifiers=config.identifiers))
        if not read:
            raise InputError(f"{path}: no records after the header row")
        for record in read:
            if record.id in sources:
                raise InputError(f"{path}: id {record.id!r} is also in the other file (link mode needs distinct ids)")
            sources[record.id] = source
        records.extend(read)
    return link_records(records, config=config, progress=progress, sources=sources)


def _reader_errors() -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = [csv.Error]
    # DuckDB's errors (``duckdb.Error`` is ``_duckdb.Error``, `duck.tables.DRIVER`) can only come from a run
    # that loaded it; a small file's run never does, and should not load it to name them.
    driver = sys.modules.get("_duckdb")
    if driver is not None:
        errors.append(driver.Error)
    return tuple(errors)


def main(argv: Sequence[str] | None = None, *, prog: str = "python -m weerbaar.correlation.engine") -> int:
    """The command line; exit code 0, or 2 with one line on stderr for input it cannot use."""
    parser = argparse.ArgumentParser(
        prog=prog, description="Deduplicate a CSV of person records and write the scored pairs with explanations."
    )
    add_cli_arguments(parser)
    options = vars(parser.parse_args(argv))
    progress = Progress()
    try:
        lines = run(options, progress=progress)
    except InputError as error:
        progress.close()
        sys.stderr.write(f"{prog}: error: {error}\n")
        return 2
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
