# SPDX-License-Identifier: EUPL-1.2
"""Record linkage for Dutch data, without Django: normalisers, the batch engine and the screening index.

``normalise`` turns typed Dutch values (names, dates, addresses, identifiers) into comparison forms;
``keys`` builds a subject's comparison form and candidate keys from them; ``engine`` links person records
(Python, DuckDB, Spark; ``python -m linkage.engine``) and ``screening`` answers one person against a
million in process. The Django apps store, authorise and audit; everything here is plain values in,
plain values out, so it runs on a Spark worker or from the command line as well as inside the web app.
Import-linter holds that line (``docs/layers.md``).
"""
