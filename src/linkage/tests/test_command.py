# SPDX-License-Identifier: EUPL-1.2
"""The CSV command (`linkage.engine.command`): bad input ends in exit code 2 and one line. Synthetic data only."""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linkage.engine.command import InputError, Progress, add_cli_arguments, main, run

from .test_engine import CLI_OPTIONS, assert_cli_outputs, write_people_csv

SRC = Path(__file__).resolve().parents[2]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("python -m weerbaar.correlation.engine: error: ")
    assert "Traceback" not in err
    return lines[0]


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run([str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv")], capsys)
    assert code == 2
    assert out == ""
    assert "no such file" in _one_error_line(err)


def test_empty_file_and_header_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    code, _, err = _run([str(empty), "--out", str(tmp_path / "o.csv")], capsys)
    assert code == 2
    assert "empty" in _one_error_line(err)
    header_only = tmp_path / "header.csv"
    header_only.write_text("id,voornaam,achternaam\n", encoding="utf-8")
    for engine in ("python", "duckdb"):
        code, _, err = _run([str(header_only), "--out", str(tmp_path / "o.csv"), "--engine", engine], capsys)
        assert code == 2
        assert "no records" in _one_error_line(err)


def test_missing_column_names_it_and_the_columns_present(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "people.csv"
    write_people_csv(source)
    options = [o if o != "an" else "achternam" for o in CLI_OPTIONS]  # a misspelt surname column
    code, _, err = _run([str(source), "--out", str(tmp_path / "o.csv"), *options], capsys)
    line = _one_error_line(err)
    assert code == 2
    assert "'achternam' (--surname-col) not found" in line
    assert "columns present: nr, vn, tv, an, gd, str, hn, pc, pl" in line
    assert not (tmp_path / "o.csv").exists()


def test_wrong_id_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "people.csv"
    write_people_csv(source)
    options = [o if o != "nr" else "nummer" for o in CLI_OPTIONS]
    code, _, err = _run([str(source), "--out", str(tmp_path / "o.csv"), *options], capsys)
    assert code == 2
    assert "'nummer' (--id-col) not found" in _one_error_line(err)


def _semicolon_copy(source: Path, target: Path) -> None:
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)


def test_semicolons_are_sniffed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, semi = tmp_path / "people.csv", tmp_path / "semi.csv"
    write_people_csv(source)
    _semicolon_copy(source, semi)
    out, clusters = tmp_path / "pairs.csv", tmp_path / "clusters.csv"
    code, stdout, _ = _run([str(semi), "--out", str(out), "--clusters", str(clusters), *CLI_OPTIONS], capsys)
    assert code == 0
    assert stdout.startswith("7 records")
    assert_cli_outputs(out, clusters)


def test_wrong_delimiter_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, semi = tmp_path / "people.csv", tmp_path / "semi.csv"
    write_people_csv(source)
    _semicolon_copy(source, semi)
    code, _, err = _run([str(semi), "--out", str(tmp_path / "o.csv"), "--delimiter", ",", *CLI_OPTIONS], capsys)
    assert code == 2
    assert "is the delimiter ';'?" in _one_error_line(err)


def test_wrong_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "latin.csv"
    source.write_bytes("id,voornaam,achternaam\n1,Zoë,Müller\n2,Zoe,Muller\n".encode("latin-1"))
    code, _, err = _run([str(source), "--out", str(tmp_path / "o.csv")], capsys)
    assert code == 2
    assert "--encoding" in _one_error_line(err)
    code, out, _ = _run([str(source), "--out", str(tmp_path / "o.csv"), "--encoding", "latin-1"], capsys)
    assert code == 0
    assert out.startswith("2 records")


def test_columns_left_at_their_default_may_be_absent_and_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "few.csv"
    source.write_text("id,voornaam,achternaam\n1,Jan,Jansen\n", encoding="utf-8")
    code, out, _ = _run([str(source), "--out", str(tmp_path / "o.csv")], capsys)
    assert code == 0
    assert "not in the file, read as empty: tussenvoegsel, geboortedatum" in out
    only_id = tmp_path / "id.csv"
    only_id.write_text("id,naam\n1,Jan\n", encoding="utf-8")
    code, _, err = _run([str(only_id), "--out", str(tmp_path / "o.csv")], capsys)
    assert code == 2
    assert "fewer than two columns to compare" in _one_error_line(err)


def test_progress_shows_every_phase_on_a_terminal(tmp_path: Path) -> None:
    class Terminal:
        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> None:
            self.text += text

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return True

    source = tmp_path / "people.csv"
    write_people_csv(source)
    parser = argparse.ArgumentParser()
    add_cli_arguments(parser)
    terminal = Terminal()
    progress = Progress(terminal)  # type: ignore[arg-type]
    run(vars(parser.parse_args([str(source), "--out", str(tmp_path / "o.csv"), *CLI_OPTIONS])), progress=progress)
    for phase in ("reading", "normalising", "blocking", "comparing", "scoring", "clustering", "writing"):
        assert phase in terminal.text
    assert "8/8 writing" in terminal.text
    assert terminal.text.endswith("\n")


def test_input_error_is_one_line() -> None:
    assert "\n" not in str(InputError("x"))


def test_the_module_runs_without_django(tmp_path: Path) -> None:
    """``python -m weerbaar.correlation.engine`` in a fresh interpreter: Django is never imported."""
    source = tmp_path / "people.csv"
    write_people_csv(source)
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['x', {str(source)!r}, '--out', {str(tmp_path / 'o.csv')!r}, *{CLI_OPTIONS!r}]\n"
        "try:\n    runpy.run_module('weerbaar.correlation.engine', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
        "assert 'django' not in sys.modules, 'django was imported'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("7 records")


def _split_people(tmp_path: Path) -> tuple[Path, Path]:
    """`_people` in two files: the a- and c-records in one, the b-records and a copy of a1 in the other."""
    source = tmp_path / "people.csv"
    write_people_csv(source)
    with source.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    left, right = tmp_path / "left.csv", tmp_path / "right.csv"
    with left.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *(r for r in rows if r[0][0] in "ac")])
    with right.open("w", newline="", encoding="utf-8") as handle:
        copy = ["x1", *next(r for r in rows if r[0] == "a1")[1:]]
        csv.writer(handle, delimiter=";").writerows([header, *(r for r in rows if r[0][0] == "b"), copy])
    return left, right


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_link_mode_compares_only_across_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    left, right = _split_people(tmp_path)
    out = tmp_path / "pairs.csv"
    options = [o if o != "python" else engine for o in CLI_OPTIONS]
    code, stdout, _ = _run(
        [str(left), "--link", str(right), "--out", str(out), "--threshold", "-100", *options], capsys
    )
    assert code == 0, stdout
    with out.open(newline="", encoding="utf-8") as handle:
        pairs = [(r["id_a"], r["id_b"]) for r in csv.DictReader(handle)]
    right_ids = {"b1", "b2", "x1"}
    assert pairs
    assert all((a in right_ids) != (b in right_ids) for a, b in pairs)  # never two records of one file
    assert ("a1", "x1") in pairs
    code, _, _ = _run(
        [str(left), "--link", str(right), "--out", str(out), "--threshold", "-100", "--one-to-one", *options], capsys
    )
    assert code == 0
    with out.open(newline="", encoding="utf-8") as handle:
        kept = [(r["id_a"], r["id_b"]) for r in csv.DictReader(handle)]
    ids = [i for pair in kept for i in pair]
    assert len(ids) == len(set(ids))  # one partner at most
    assert ("a1", "x1") in kept  # the exact copy is the best partner of a1


def test_link_mode_refuses_shared_ids_and_one_to_one_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "people.csv"
    write_people_csv(source)
    code, _, err = _run([str(source), "--link", str(source), "--out", str(tmp_path / "o.csv"), *CLI_OPTIONS], capsys)
    assert code == 2
    assert "also in the other file" in _one_error_line(err)
    code, _, err = _run([str(source), "--one-to-one", "--out", str(tmp_path / "o.csv"), *CLI_OPTIONS], capsys)
    assert code == 2
    assert "needs link mode" in _one_error_line(err)
