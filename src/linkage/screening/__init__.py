# SPDX-License-Identifier: EUPL-1.2
"""Screening: one person, as a caller knows them, against every stored person subject.

A Bibob quick scan asks "do we know this applicant?" with whatever the caller has: a name and a birth
date, a name and an address, or everything. `ScreeningIndex` keeps the normalised records of all stored
subjects in memory and answers with ranked `Candidate` objects whose levels, score and explanation are
exactly the batch engine's for the pair: ``compare(query, subject)`` (the query as ``a``) scored by the
same `Model`. Plain Python and numpy, no Django: the caller feeds it (`add_many` once, then `add` and
`remove` to keep it fresh).

The platform screens in PostgreSQL instead (`weerbaar.correlation.search`: the key table online resolution
fills, no copy per web process); this index is the in-process reference the screening benchmark
(bench/correlation/screening.py) measures speed and recall against.

Usability follows `LinkConfig` as in a link run, counted over the live subjects: an excluded address, or
one held by more than ``max_address_frequency`` subjects, neither blocks nor scores, for the query and
the subjects alike; likewise a birth date held by more than ``max_birth_date_frequency``.

How a query runs:

1. Candidates share a blocking key with the query: the engine's `block_keys`, plus five of our own. Every
   engine key needs a birth date or a postcode on both sides, but a screening query often lacks one, and
   a person may have moved since: then only the names are shared. The extra keys (`keys._keys`), each chosen
   for the true matches it alone finds on the benchmark data (bench/correlation/screening.py):

   - ``name``: the given name's letters sorted + surname key (a transposed given name: "Xavi"/"Axvi");
   - ``sound``: phonetic key of the given name + surname key ("Dina"/"Dinna");
   - ``tail``: given name + last four letters of the surname (a typo or glued prefix in front);
   - ``street``: street + house number + city (the engine's "same address" without a postcode);
   - ``initial``: first letter + surname key, stored only for records that carry an initial alone
     ("J. Bakker") but looked up by every query: small blocks, yet "Jan Bakker" finds "J. Bakker".

   A query looks its keys up as written and with given and surname swapped. As in a link run, a key
   held by more than ``max_block_size`` subjects is skipped: it says little and would cost most. Keys
   are 64-bit string hashes in one sorted array (``searchsorted`` finds a block); a hash collision only
   adds a candidate, which is then scored like any other.
2. Records are columns of interned-string ids (birth dates as BCD digits), so cheap features are compared
   for all candidates at once: birth-date and address levels with numpy (equality of ids and digits, the
   rules of `scoring.compare`); surname and given-name levels with `scoring.compare` itself on the name
   alone, once per distinct name among the candidates, so no Jaro-Winkler pair is computed twice. Only
   candidates whose names may be swapped are compared in full.
3. Before the given names are compared, candidates whose best possible score is below the ``limit``-th
   best guaranteed score (or ``min_score``) are dropped.
4. The candidates returned are compared once more, in full, with `scoring.compare`. Should the levels ever
   differ (the engine's rules changed and this package did not follow), the query is answered by
   `scoring.compare` over all candidates and a warning is logged: slower, never wrong.

Not thread-safe: guard writes with a lock if queries run beside them. Rows of removed or replaced
subjects leave the key arrays at the next merge; their interned strings stay until the index is rebuilt.

Modules: `index` (`ScreeningIndex`, `Candidate`), `columns` (how records are stored: interned strings,
birth dates as BCD, frequencies, sorted arrays), `levels` (level patterns as codes, the birth-date level
with numpy) and `keys` (the blocking keys of a subject and of a query).
"""

from .index import Candidate, ScreeningIndex

__all__ = ["Candidate", "ScreeningIndex"]
