# SPDX-License-Identifier: EUPL-1.2
"""``python -m linkage.engine INPUT.csv --out pairs.csv``: the CSV command without Django."""

import argparse
import sys

from .batch import add_cli_arguments, run_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m linkage.engine", description=__doc__)
    add_cli_arguments(parser)
    summary = run_cli(vars(parser.parse_args(argv)))
    sys.stdout.write(summary + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
