# SPDX-License-Identifier: EUPL-1.2
"""``python -m linkage.engine INPUT.csv --out pairs.csv``: the CSV command (`command`) without Django."""

from .command import main

if __name__ == "__main__":
    raise SystemExit(main(prog="python -m linkage.engine"))
