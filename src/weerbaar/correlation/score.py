# SPDX-License-Identifier: EUPL-1.2
"""The score of a pair of subjects, explained per feature. No Django.

Every score is a match weight in bits — log2 of the odds that the two subjects are the same — and its
explanation maps each feature (plus ``prior``, the starting point for two random subjects) to its
contribution; the contributions add up to the score exactly (both rounded to 4 decimals).

- **Persons**: the linkage engine's Fellegi-Sunter model (``engine.scoring.compare`` + ``Model``), the
  same as the batch run uses, with m/u estimated by the newest batch run (``ResolutionRun.model``) or the
  documented defaults.
- **Companies, addresses, vehicles, phone numbers, e-mail addresses and IBANs**: identifiers decide, with
  the fixed weights below. They are set so that an equal identifier is a match on its own, an equal
  trade name without KvK number is a *possible* match for a person to judge, and a different BAG id,
  KvK number or house-number addition speaks strongly against.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from linkage.engine.records import FEATURES
from linkage.engine.scoring import DEFAULT_MODEL, DEFAULT_PRIOR, Model, compare, jaro_winkler
from linkage.keys import ADDRESS, COMPANY, PERSON, Form, house_number_only

Explanation = dict[str, float]

#: Company: prior; KvK equal / different; name equal / similar / somewhat similar / different; legal form
#: equal / different; establishment address (postcode and number) equal / different. A value missing on
#: either side contributes 0.
COMPANY_WEIGHTS: Mapping[str, float] = {
    "prior": -14.0,
    "kvk_equal": 24.0,
    "kvk_different": -12.0,
    "name_equal": 12.0,
    "name_similar": 8.0,
    "name_close": 2.0,
    "name_different": -6.0,
    "legal_form_equal": 1.0,
    "legal_form_different": -3.0,
    "address_equal": 6.0,
    "address_different": -1.0,
}
COMPANY_NAME_SIMILAR = 0.92
COMPANY_NAME_CLOSE = 0.85

ADDRESS_WEIGHTS: Mapping[str, float] = {
    "prior": -14.0,
    "bag_equal": 30.0,
    "bag_different": -20.0,
    "postcode_number_equal": 16.0,
    "postcode_number_different": -8.0,
    "addition_equal": 1.0,
    "addition_different": -20.0,
    "street_city_equal": 14.0,
    "street_city_different": -4.0,
}

IDENTIFIER_WEIGHTS: Mapping[str, float] = {"prior": -10.0, "identifier_equal": 30.0, "identifier_different": -10.0}


def model_from_dict(data: Mapping[str, Any] | None) -> Model:
    """The engine model from ``Model.as_dict()`` (a stored batch run); the defaults when empty."""
    if not data or "mu" not in data:
        return Model(mu=DEFAULT_MODEL, prior=DEFAULT_PRIOR)
    mu = {
        feature: {int(level): (float(pair[0]), float(pair[1])) for level, pair in data["mu"][feature].items()}
        for feature in FEATURES
    }
    return Model(mu=mu, prior=float(data["prior"]))


def _finish(explanation: Explanation) -> tuple[float, Explanation]:
    rounded = {k: round(v, 4) for k, v in explanation.items()}
    return round(sum(rounded.values()), 4), rounded


def _company(a: Form, b: Form) -> tuple[float, Explanation]:
    w = COMPANY_WEIGHTS
    out: Explanation = {"prior": w["prior"]}
    if a.n_value and b.n_value:
        out["kvk"] = w["kvk_equal"] if a.n_value == b.n_value else w["kvk_different"]
    if a.n_surname and b.n_surname:
        if a.n_surname == b.n_surname:
            out["name"] = w["name_equal"]
        else:
            similarity = jaro_winkler(a.n_surname, b.n_surname)
            if similarity >= COMPANY_NAME_SIMILAR:
                out["name"] = w["name_similar"]
            elif similarity >= COMPANY_NAME_CLOSE or a.n_surname_key == b.n_surname_key:
                out["name"] = w["name_close"]
            else:
                out["name"] = w["name_different"]
    if a.n_given and b.n_given:  # legal form code
        out["legal_form"] = w["legal_form_equal"] if a.n_given == b.n_given else w["legal_form_different"]
    if a.n_postcode and b.n_postcode and a.n_house_number and b.n_house_number:
        same = a.n_postcode == b.n_postcode and house_number_only(a.n_house_number) == house_number_only(
            b.n_house_number
        )
        out["address"] = w["address_equal"] if same else w["address_different"]
    return _finish(out)


def _address(a: Form, b: Form, *, usable: bool) -> tuple[float, Explanation]:
    w = ADDRESS_WEIGHTS
    out: Explanation = {"prior": w["prior"]}
    if a.n_value and b.n_value:
        out["bag"] = w["bag_equal"] if a.n_value == b.n_value else w["bag_different"]
    if usable:
        number_a, number_b = house_number_only(a.n_house_number), house_number_only(b.n_house_number)
        if a.n_postcode and b.n_postcode and number_a and number_b:
            same = a.n_postcode == b.n_postcode and number_a == number_b
            out["postcode_number"] = w["postcode_number_equal"] if same else w["postcode_number_different"]
        if a.n_street and b.n_street and a.n_city and b.n_city and number_a and number_b:
            same = a.n_street == b.n_street and a.n_city == b.n_city and number_a == number_b
            out["street_city"] = w["street_city_equal"] if same else w["street_city_different"]
        addition_a = a.n_house_number[len(number_a) :]
        addition_b = b.n_house_number[len(number_b) :]
        if number_a and number_a == number_b and (addition_a or addition_b):
            out["addition"] = w["addition_equal"] if addition_a == addition_b else w["addition_different"]
    return _finish(out)


def _identifier(a: Form, b: Form) -> tuple[float, Explanation]:
    w = IDENTIFIER_WEIGHTS
    out: Explanation = {"prior": w["prior"]}
    if a.n_value and b.n_value:
        out["identifier"] = w["identifier_equal"] if a.n_value == b.n_value else w["identifier_different"]
    return _finish(out)


def score_pair(
    kind: str,
    a: Form,
    b: Form,
    *,
    model: Model | None = None,
    a_address_usable: bool = True,
    b_address_usable: bool = True,
) -> tuple[float, Explanation]:
    """Score and explanation of two subjects of the same ``kind``; address usability applies the
    exclusion list and the frequency cut-off (an unusable address neither counts for nor against)."""
    if kind == PERSON:
        used = model or Model(mu=DEFAULT_MODEL, prior=DEFAULT_PRIOR)
        levels = compare(
            a.person("a"), b.person("b"), a_address_usable=a_address_usable, b_address_usable=b_address_usable
        )
        explanation = used.explain(levels)
        return round(sum(explanation.values()), 4), explanation
    if kind == COMPANY:
        return _company(a, b)
    if kind == ADDRESS:
        return _address(a, b, usable=a_address_usable and b_address_usable)
    return _identifier(a, b)
