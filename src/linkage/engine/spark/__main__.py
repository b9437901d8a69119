# SPDX-License-Identifier: EUPL-1.2
"""``python -m linkage.engine.spark INPUT.csv --out pairs.csv``: the link command on Spark."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
