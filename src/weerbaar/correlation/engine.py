# SPDX-License-Identifier: EUPL-1.2
"""``python -m weerbaar.correlation.engine INPUT.csv --out pairs.csv``: link a CSV of person records.

The documented command for batch correlation. It does not start Django (so it starts in a fraction of a
second and needs no settings or database): this module imports only `linkage`, and the packages above it
(``weerbaar``, ``weerbaar.correlation``) import nothing on import. ``manage.py correlate_csv`` runs the same
code. Options, checks and output: `linkage.engine.command` and ``docs/correlation.md``.
"""

from linkage.engine.command import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
