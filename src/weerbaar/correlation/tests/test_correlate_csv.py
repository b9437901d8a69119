# SPDX-License-Identifier: EUPL-1.2
"""`manage.py correlate_csv`: the Django entry point of the linkage engine's CSV command. Synthetic data only."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from linkage.tests.test_engine import CLI_OPTIONS, assert_cli_outputs, write_people_csv


def test_cli_round_trip(tmp_path: Path) -> None:
    source, out, clusters = tmp_path / "people.csv", tmp_path / "pairs.csv", tmp_path / "clusters.csv"
    write_people_csv(source)
    call_command("correlate_csv", str(source), "--out", str(out), "--clusters", str(clusters), *CLI_OPTIONS)
    assert_cli_outputs(out, clusters)


def test_bad_input_is_a_command_error_with_exit_code_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("correlate_csv", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o.csv"))
    assert raised.value.returncode == 2
    assert "no such file" in str(raised.value)
    assert "\n" not in str(raised.value)
