# SPDX-License-Identifier: EUPL-1.2
"""A bench-only Django site: Weerbaar's URLs plus two minimal views. Never on the production path (it lives
outside ``src/`` and is only importable when ``bench/`` is on PYTHONPATH)."""
