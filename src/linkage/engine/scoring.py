# SPDX-License-Identifier: EUPL-1.2
"""Fellegi-Sunter scoring: per-feature comparison levels, m/u probabilities, EM, explanations.

Each feature (given name, surname, birth date, address) compares two records into a *level*: -1 when
either side is missing or excluded (the feature then contributes 0), 0 for "different", up to 3 for
"identical". A level's weight is ``log2(m / u)``: m is the share of true matches at that level, u the
share of random pairs. A pair's score is the prior log-odds plus the sum of its feature weights, so it
is the log2 odds that the two records are the same person and the explanation (one entry per feature
plus ``prior``) sums to it exactly.

How the numbers are set (``estimate_model``): u from pairs of records drawn at random (seeded, so a
run is reproducible); m of a feature from the candidate pairs that agree exactly on all other present
features (`anchored_m`); the share of matches among candidate pairs by EM over the
candidate pairs' level patterns with m held fixed. The prior for a random pair is that
share times the number of candidate pairs over the number of all pairs. With too few candidate pairs
for EM the documented defaults are used as they are.

Identifier columns (`records.LinkConfig.identifiers`) are further features after the four, with levels
3 (same), 2 (one edit apart), 0 and -1 (`identifier_level`). An exact given name or surname is adjusted
by how common the value is (`tf_adjustment`, `tf_applies`); the adjustment is added to the pattern's
score (`adjusted_score`) and shown in the explanation.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance.DamerauLevenshtein import distance as _damerau
from rapidfuzz.distance.Hamming import distance as _hamming
from rapidfuzz.distance.JaroWinkler import similarity as _jw

from .records import FEATURES, LinkConfig, Normalised, phonetic_key

__all__ = [
    "DEFAULT_MODEL",
    "IDENTIFIER_DEFAULT",
    "Model",
    "at_least",
    "compare",
    "estimate_model",
    "identifier_level",
    "jaro_winkler",
    "score_of",
    "tf_adjustment",
    "tf_applies",
    "tf_tables",
]

Levels = tuple[int, ...]  # one level per feature: `records.FEATURES`, then the identifier columns

GIVEN_JW = 0.9
SURNAME_JW = 0.92
SURNAME_JW_LOW = 0.8


def jaro_winkler(left: str, right: str, prefix_scale: float = 0.1) -> float:
    """Jaro-Winkler similarity in [0, 1], the same value as DuckDB's ``jaro_winkler_similarity``.

    rapidfuzz computes it (in C); two details make it DuckDB's function rather than a close cousin:
    DuckDB compares UTF-8 bytes, so non-ASCII text is compared as bytes here too, and it gives 0 (not 1)
    for two empty strings. Thresholds are applied with `at_least`, which absorbs the last-bit rounding
    differences between the two implementations.
    """
    if not left or not right:
        return 0.0
    if left.isascii() and right.isascii():
        return _jw(left, right, prefix_weight=prefix_scale)
    return _jw(left.encode("utf-8"), right.encode("utf-8"), prefix_weight=prefix_scale)


# Jaro-Winkler values are ratios of small integers, so distinct values lie far more than this apart; the
# two implementations differ in the last bit at most. Comparing against ``threshold - JW_TOLERANCE`` (in
# Python and SQL alike) makes a value that is exactly on a threshold count the same on both sides.
JW_TOLERANCE = 1e-9


def at_least(similarity: float, threshold: float) -> bool:
    return similarity >= threshold - JW_TOLERANCE


def _similarity(a: str, b: str) -> float:
    """`jaro_winkler`, without the call for the same string (1.0) or an empty one (0.0)."""
    if not a or not b:
        return 0.0
    return 1.0 if a == b else jaro_winkler(a, b)


def _given_level(a: str, b: str, similarity: float | None = None) -> int:
    """``similarity``: `_similarity` of the two, when the caller has it already."""
    if not a or not b:
        return -1
    if a == b:
        return 3
    if len(a) == 1 or len(b) == 1:
        return 1 if a[0] == b[0] else 0
    if at_least(jaro_winkler(a, b) if similarity is None else similarity, GIVEN_JW):
        return 2
    return 1 if a[0] == b[0] else 0


def _surname_level(a: str, key_a: str, b: str, key_b: str, similarity: float | None = None) -> int:
    """``similarity``: `_similarity` of ``a`` and ``b``, when the caller has it already."""
    if not a or not b:
        return -1
    if a == b:
        return 3
    if similarity is None:
        similarity = jaro_winkler(a, b)
    if at_least(similarity, SURNAME_JW) or key_a == key_b:
        return 2
    return 1 if at_least(similarity, SURNAME_JW_LOW) else 0


def _date_level(a: str, b: str) -> int:
    if not a or not b:
        return -1
    if a == b:
        return 3
    # Normalised dates are all YYYY-MM-DD: one character apart is a Hamming distance of 1.
    swapped = a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]
    if swapped or _hamming(a, b, score_cutoff=1) <= 1:
        return 2
    return 1 if a[:4] == b[:4] else 0


def _address_level(a: Normalised, b: Normalised, a_usable: bool, b_usable: bool, crowded: bool = False) -> int:
    if not (a_usable and b_usable):
        return -1
    has_a = a.postcode or a.street or a.city
    has_b = b.postcode or b.street or b.city
    if not has_a or not has_b:
        return -1
    if a.house_number and a.house_number == b.house_number:
        same = 1 if crowded else 3  # a crowded address (`blocking.Usability`) weighs as the same area
        if a.postcode and a.postcode == b.postcode:
            return same
        if a.street and a.street == b.street and a.city and a.city == b.city:
            return same
    if a.postcode and a.postcode == b.postcode:
        return 2
    if (a.city and a.city == b.city) or (a.postcode and a.postcode[:4] == b.postcode[:4]):
        return 1
    return 0


def identifier_level(a: str, b: str) -> int:
    """3 for the same identifier, 2 for one edit apart (a digit off, two adjacent digits swapped, one digit
    more or less: Damerau-Levenshtein distance 1, as DuckDB's ``damerau_levenshtein``), 0 otherwise."""
    if not a or not b:
        return -1
    if a == b:
        return 3
    return 2 if _damerau(a, b, score_cutoff=1) <= 1 else 0


def is_swapped(a: Normalised, b: Normalised) -> bool:
    """True when b's given and surname look like a's the other way round."""
    return _swapped(a, b, _similarity(a.given, b.given), _similarity(a.surname, b.surname))


def _swapped(a: Normalised, b: Normalised, given_similarity: float, surname_similarity: float) -> bool:
    if not (a.given and a.surname and b.given and b.surname):
        return False
    if at_least(given_similarity, GIVEN_JW) or at_least(surname_similarity, SURNAME_JW):
        return False
    return at_least(jaro_winkler(a.given, b.surname), SURNAME_JW) and at_least(
        jaro_winkler(a.surname, b.given), SURNAME_JW
    )


def compare(
    a: Normalised,
    b: Normalised,
    *,
    a_address_usable: bool = True,
    b_address_usable: bool = True,
    a_date_usable: bool = True,
    b_date_usable: bool = True,
    crowded: bool = False,
) -> tuple[int, int, int, int]:
    """The comparison levels of two records, in the order of `records.FEATURES`; ``crowded`` when either
    address is held by more records than the frequency cut-off."""
    # The two name similarities serve the swap test and, most often, the levels themselves.
    given_similarity = _similarity(a.given, b.given)
    surname_similarity = _similarity(a.surname, b.surname)
    if _swapped(a, b, given_similarity, surname_similarity):
        given = _given_level(a.given, b.surname)
        surname = _surname_level(a.surname, a.surname_key, b.given, phonetic_key(b.given))
    else:
        given = _given_level(a.given, b.given, given_similarity)
        surname = _surname_level(a.surname, a.surname_key, b.surname, b.surname_key, surname_similarity)
    dates = _date_level(a.birth_date, b.birth_date) if a_date_usable and b_date_usable else -1
    return (given, surname, dates, _address_level(a, b, a_address_usable, b_address_usable, crowded))


# m (share among true matches) and u (share among random pairs) per level; the starting point of EM
# and the model used when there is too little data to estimate one. Chosen from Dutch name and
# address frequencies: u of an exact surname ~ 1/200, of an exact birth date ~ 1/30,000.
DEFAULT_MODEL: Mapping[str, Mapping[int, tuple[float, float]]] = {
    "given": {3: (0.85, 0.02), 2: (0.07, 0.01), 1: (0.06, 0.08), 0: (0.02, 0.89)},
    "surname": {3: (0.85, 0.005), 2: (0.09, 0.005), 1: (0.03, 0.02), 0: (0.03, 0.97)},
    "birth_date": {3: (0.88, 0.00004), 2: (0.08, 0.0004), 1: (0.02, 0.012), 0: (0.02, 0.98756)},
    "address": {3: (0.6, 0.0001), 2: (0.05, 0.0004), 1: (0.15, 0.05), 0: (0.2, 0.9495)},
}
DEFAULT_PRIOR = 1e-5
# The starting point of an identifier column: nearly always the same for one person, nearly never for two.
IDENTIFIER_DEFAULT: Mapping[int, tuple[float, float]] = {3: (0.9, 0.00001), 2: (0.06, 0.0001), 0: (0.04, 0.99989)}


def default_levels(feature: str) -> Mapping[int, tuple[float, float]]:
    """The default m/u of a feature; an identifier column (any name not in `FEATURES`) has `IDENTIFIER_DEFAULT`."""
    return DEFAULT_MODEL.get(feature, IDENTIFIER_DEFAULT)


def default_model(features: Sequence[str] = FEATURES) -> dict[str, Mapping[int, tuple[float, float]]]:
    return {feature: default_levels(feature) for feature in features}


_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class Model:
    """m/u per feature and level, and the prior probability that two random records are the same."""

    mu: Mapping[str, Mapping[int, tuple[float, float]]]
    prior: float

    @property
    def features(self) -> tuple[str, ...]:
        """The features in the order of a pattern of levels: `FEATURES`, then any identifier columns."""
        return tuple(self.mu)

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1 - self.prior))

    def weight(self, feature: str, level: int) -> float:
        if level < 0:
            return 0.0
        m, u = self.mu[feature][level]
        return math.log2(max(m, _EPS) / max(u, _EPS))

    def weights(self) -> dict[str, dict[int, float]]:
        return {f: {lv: self.weight(f, lv) for lv in self.mu[f]} | {-1: 0.0} for f in self.mu}

    def explain(self, levels: Sequence[int]) -> dict[str, float]:
        """Contribution of every feature (and the prior) in bits; the values sum to `score`."""
        explanation = {"prior": round(self.prior_weight, 4)}
        for feature, level in zip(self.mu, levels, strict=True):
            explanation[feature] = round(self.weight(feature, level), 4)
        return explanation

    def score(self, levels: Sequence[int]) -> float:
        return round(sum(self.explain(levels).values()), 4)

    def as_dict(self) -> dict[str, object]:
        return {
            "prior": self.prior,
            "mu": {f: {str(lv): list(mu) for lv, mu in self.mu[f].items()} for f in self.mu},
        }


def score_of(levels: Sequence[int], weights: Mapping[str, Mapping[int, float]], prior_weight: float) -> float:
    """A pair's score from its levels and `Model.weights`: the rounded contributions, summed and rounded.

    The same number as `Model.score`; both engines score through this function.
    """
    return round(
        round(prior_weight, 4) + sum(round(weights[f][lv], 4) for f, lv in zip(weights, levels, strict=True)), 4
    )


def adjusted_score(pattern_score: float, given_adjustment: float, surname_adjustment: float) -> float:
    """A pair's score with the term-frequency adjustments (`tf_adjustment`) of its given name and surname."""
    return round(pattern_score + given_adjustment + surname_adjustment, 4)


# A value's share of the records is floored here, so that a value seen once in a huge file does not get
# an unbounded weight; and adjustments are made only from this many records on (in a small file every
# value looks common).
TF_MIN_SHARE = 1e-6
TF_MIN_RECORDS = 1000


def tf_adjustment(u_exact: float, holders: int, n_records: int) -> float:
    """Bits added to an exact agreement on a value held by ``holders`` of ``n_records`` records.

    The weight of exact agreement is ``log2(m / u)`` with u the chance that two random records agree on
    *some* value; for one value that chance is its share of the records (as in Splink's term-frequency
    adjustment), so the weight becomes ``log2(m / share)``: the adjustment is ``log2(u / share)`` -
    positive for a rare surname, negative for a common one. Rounded to 4 decimals, as the weights are.
    """
    share = max(holders / max(n_records, 1), TF_MIN_SHARE)
    return round(math.log2(max(u_exact, _EPS) / share), 4)


def tf_tables(
    config: LinkConfig, model: Model, n_records: int, counts: Mapping[str, Mapping[str, int]]
) -> dict[str, dict[str, float]]:
    """Per feature ("given", "surname") the adjustment in bits of an exact agreement on each value, from
    ``counts`` (value -> number of records holding it); empty when term frequencies are off or the data
    is too small to tell a rare value from a common one (`scoring.TF_MIN_RECORDS`)."""
    if not config.term_frequencies or n_records < TF_MIN_RECORDS:
        return {"given": {}, "surname": {}}
    tables: dict[str, dict[str, float]] = {}
    for feature in ("given", "surname"):
        u_exact = model.mu[feature][3][1]
        tables[feature] = {
            value: tf_adjustment(u_exact, holders, n_records) for value, holders in counts[feature].items() if value
        }
    return tables


def tf_applies(feature: str, levels: Sequence[int]) -> bool:
    """Whether the term-frequency adjustment of ``feature`` ("given" or "surname") applies to a pair.

    Only to an exact agreement; and a surname only when the address does not agree (level below 2): people
    at one address share their surname far more often than random pairs do (a household), so there a
    rare surname is explained by the address and says nothing more about being the same person. Without
    this rule the benchmark's households with a rare surname and no birth date were linked.
    """
    if feature == "given":
        return levels[0] == 3
    return levels[1] == 3 and levels[3] < 2


def pattern_scores(model: Model) -> dict[Levels, float]:
    """The score of every possible level pattern (5^4 of them without identifier columns)."""
    weights = model.weights()
    return {
        levels: score_of(levels, weights, model.prior_weight)
        for levels in itertools.product(*(sorted(weights[f]) for f in weights))
    }


def estimate_u(level_counts: Mapping[Levels, int], features: Sequence[str] = FEATURES) -> dict[str, dict[int, float]]:
    """u per feature and level from level patterns of random pairs (missing levels left out)."""
    u: dict[str, dict[int, float]] = {}
    for index, feature in enumerate(features):
        counts: Counter[int] = Counter()
        for pattern, n in sorted(level_counts.items()):
            if pattern[index] >= 0:
                counts[pattern[index]] += n
        total = sum(counts.values())
        defaults = default_levels(feature)
        u[feature] = {
            level: (max(counts[level], 0.5) / total if total >= 1000 else defaults[level][1]) for level in defaults
        }
    return u


def estimate_model(
    candidate_patterns: Mapping[Levels, int],
    random_patterns: Mapping[Levels, int],
    *,
    n_records: int,
    iterations: int = 25,
    min_pairs: int = 2000,
    features: Sequence[str] = FEATURES,
) -> Model:
    """m by EM over the candidate pairs' patterns, u from random pairs; see the module docstring.
    ``features`` names the levels of a pattern: `FEATURES`, then any identifier columns."""
    features = tuple(features)
    n_candidates = sum(candidate_patterns.values())
    total_pairs = max(n_records * (n_records - 1) / 2, 1.0)
    if n_candidates < min_pairs:
        return Model(mu=default_model(features), prior=DEFAULT_PRIOR)
    u_random = estimate_u(random_patterns, features)
    m = anchored_m(candidate_patterns, features=features)
    u_cand = {f: dict(u_random[f]) for f in features}
    share = 0.1
    # Sorted, so that the floating-point sums do not depend on the order the patterns were counted in.
    patterns = sorted(candidate_patterns.items())
    # EM for the share of matches (and u among candidates) with m held at its anchored estimate: letting
    # EM move m too makes it find "same surname and address" (households) instead of "same person".
    for _ in range(iterations):
        u_acc = {f: dict.fromkeys(m[f], 1e-3) for f in features}
        matched = 0.0
        for pattern, n in patterns:
            log_m = math.log(share)
            log_u = math.log(1 - share)
            for feature, level in zip(features, pattern, strict=True):
                if level >= 0:
                    log_m += math.log(max(m[feature][level], _EPS))
                    log_u += math.log(max(u_cand[feature][level], _EPS))
            posterior = 1 / (1 + math.exp(min(log_u - log_m, 700)))
            matched += posterior * n
            for feature, level in zip(features, pattern, strict=True):
                if level >= 0:
                    u_acc[feature][level] += (1 - posterior) * n
        share = min(max(matched / n_candidates, 1e-6), 1 - 1e-6)
        for feature in features:
            u_total = sum(u_acc[feature].values())
            u_cand[feature] = {lv: c / u_total for lv, c in u_acc[feature].items()}
    prior = min(max(share * n_candidates / total_pairs, 1e-12), 0.5)
    mu = {f: {lv: (m[f][lv], u_random[f][lv]) for lv in m[f]} for f in features}
    return Model(mu=mu, prior=prior)


def anchored_m(
    patterns: Mapping[Levels, int], pseudo: float = 20.0, features: Sequence[str] = FEATURES
) -> dict[str, dict[int, float]]:
    """m per feature from the pairs that agree exactly on every other feature of `FEATURES` (all present).

    Such pairs are almost all true matches, so the levels of the remaining feature among them estimate
    its m; ``pseudo`` pairs distributed as in `DEFAULT_MODEL` keep rare levels away from zero. Identifier
    columns are anchored on the four `FEATURES` too, and are not part of any anchor: an identifier that
    agrees is strong evidence, but one that is often absent would leave too few anchors.
    """
    m: dict[str, dict[int, float]] = {}
    base = len(FEATURES)
    for index, feature in enumerate(features):
        counts = {lv: pseudo * mu[0] for lv, mu in default_levels(feature).items()}
        for pattern, n in sorted(patterns.items()):
            others = [lv for k, lv in enumerate(pattern[:base]) if k != index and lv >= 0]
            wanted = base - 1 if index < base else base
            if pattern[index] >= 0 and len(others) == wanted and all(lv == 3 for lv in others):
                counts[pattern[index]] += n
        total = sum(counts.values())
        m[feature] = {lv: c / total for lv, c in counts.items()}
    return m


RANDOM_PAIRS = 200_000  # random pairs for the u estimate, in every engine


def random_pair_arrays(n: int, count: int, seed: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``count`` index pairs drawn with a fixed seed, pairs of a record with itself left out (indices into
    records sorted by id), as two arrays."""
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    rng = np.random.default_rng(seed)
    i = rng.integers(0, n, count, dtype=np.int64)
    j = rng.integers(0, n, count, dtype=np.int64)
    keep = i != j
    return i[keep], j[keep]


def random_pairs(n: int, count: int, seed: int) -> list[tuple[int, int]]:
    """`random_pair_arrays` as a list of ``(i, j)``."""
    i, j = random_pair_arrays(n, count, seed)
    return list(zip(i.tolist(), j.tolist(), strict=True))
