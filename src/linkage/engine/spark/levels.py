# SPDX-License-Identifier: EUPL-1.2
"""The comparison levels of `scoring.compare` as Spark SQL, and the Splink settings built on them."""

from __future__ import annotations

from typing import Any

from ..blocking import KEYS
from ..records import FEATURES
from ..scoring import GIVEN_JW, JW_TOLERANCE, SURNAME_JW, SURNAME_JW_LOW, Model
from .session import JW_FUNCTION

__all__ = ["level_case_sql", "level_conditions", "splink_settings"]

_EPS = 1e-6  # the clamp of `scoring.Model.weight`


def _jw(left: str, right: str) -> str:
    return f"{JW_FUNCTION}({left}, {right})"


def _at_least(similarity: str, threshold: float) -> str:
    """`scoring.at_least` in SQL: the same double (threshold less `scoring.JW_TOLERANCE`) as Python uses."""
    return f"{similarity} >= CAST({threshold - JW_TOLERANCE!r} AS DOUBLE)"


def _hamming(left: str, right: str, length: int = 10) -> str:
    """Positions at which two ISO dates (always 10 characters) differ."""
    terms = (f"IF(substring({left}, {k}, 1) <> substring({right}, {k}, 1), 1, 0)" for k in range(1, length + 1))
    return "(" + " + ".join(terms) + ")"


def level_conditions() -> dict[str, list[tuple[int, str]]]:
    """Per feature, the levels in the order they are tried, with a Spark SQL condition on ``<col>_l/_r``.

    The first entry is the "missing" level -1; the last condition is ``ELSE``. This is `scoring.compare`
    (with `scoring.is_swapped`) written as SQL, like `duck._sql_levels`; the tests run it against
    `scoring.compare` on generated data.
    """
    gl, sl, gr, sr = "given_l", "surname_l", "given_r", "surname_r"
    swapped = (
        f"({gl} <> '' AND {sl} <> '' AND {gr} <> '' AND {sr} <> '' "
        f"AND NOT ({_at_least(_jw(gl, gr), GIVEN_JW)}) AND NOT ({_at_least(_jw(sl, sr), SURNAME_JW)}) "
        f"AND {_at_least(_jw(gl, sr), SURNAME_JW)} AND {_at_least(_jw(sl, gr), SURNAME_JW)})"
    )

    def pick(if_swapped: str, otherwise: str) -> str:
        return f"(CASE WHEN {swapped} THEN {if_swapped} ELSE {otherwise} END)"

    # The other side's given name, surname and surname key after undoing a swap, and the similarities that
    # use them - written as a choice between two plain calls, so that only four distinct calls remain.
    given_r, surname_r, key_r = pick(sr, gr), pick(gr, sr), pick("given_key_r", "surname_key_r")
    given_jw, surname_jw = pick(_jw(gl, sr), _jw(gl, gr)), pick(_jw(sl, gr), _jw(sl, sr))

    bd_l, bd_r = "birth_date_l", "birth_date_r"

    def part(column: str, start: int, length: int) -> str:
        return f"substring({column}, {start}, {length})"

    same_year = f"{part(bd_l, 1, 4)} = {part(bd_r, 1, 4)}"
    day_month_swapped = (
        f"({same_year} AND {part(bd_l, 6, 2)} = {part(bd_r, 9, 2)} AND {part(bd_l, 9, 2)} = {part(bd_r, 6, 2)})"
    )

    def no_address(side: str) -> str:
        return f"(postcode_{side} = '' AND street_{side} = '' AND city_{side} = '')"

    same_address = (
        "house_number_l <> '' AND house_number_l = house_number_r AND ("
        "(postcode_l <> '' AND postcode_l = postcode_r) "
        "OR (street_l <> '' AND street_l = street_r AND city_l <> '' AND city_l = city_r))"
    )
    crowded = "(address_crowded_l OR address_crowded_r)"

    return {
        "given": [
            (-1, f"{gl} = '' OR {given_r} = ''"),
            (3, f"{gl} = {given_r}"),
            (2, f"length({gl}) > 1 AND length({given_r}) > 1 AND {_at_least(given_jw, GIVEN_JW)}"),
            (1, f"substring({gl}, 1, 1) = substring({given_r}, 1, 1)"),
            (0, "ELSE"),
        ],
        "surname": [
            (-1, f"{sl} = '' OR {surname_r} = ''"),
            (3, f"{sl} = {surname_r}"),
            (2, f"{_at_least(surname_jw, SURNAME_JW)} OR surname_key_l = {key_r}"),
            (1, _at_least(surname_jw, SURNAME_JW_LOW)),
            (0, "ELSE"),
        ],
        "birth_date": [
            (-1, f"NOT (date_ok_l AND date_ok_r) OR {bd_l} = '' OR {bd_r} = ''"),
            (3, f"{bd_l} = {bd_r}"),
            (2, f"{_hamming(bd_l, bd_r)} <= 1 OR {day_month_swapped}"),
            (1, same_year),
            (0, "ELSE"),
        ],
        "address": [
            (
                -1,
                (
                    "NOT ((address_ok_l OR address_crowded_l) AND (address_ok_r OR address_crowded_r)) "
                    f"OR {no_address('l')} OR {no_address('r')}"
                ),
            ),
            # A crowded address (`blocking.Usability`) counts "same address" as "same area" (level 1).
            (3, f"({same_address}) AND NOT {crowded}"),
            (2, f"postcode_l <> '' AND postcode_l = postcode_r AND NOT ({crowded} AND ({same_address}))"),
            (
                1,
                (
                    f"({crowded} AND ({same_address})) OR (city_l <> '' AND city_l = city_r) "
                    "OR (postcode_l <> '' AND substring(postcode_l, 1, 4) = substring(postcode_r, 1, 4))"
                ),
            ),
            (0, "ELSE"),
        ],
    }


def level_case_sql(feature: str) -> str:
    """One CASE expression giving the level of ``feature`` (the same conditions Splink evaluates)."""
    whens = [f"WHEN {cond} THEN {level}" for level, cond in level_conditions()[feature] if cond != "ELSE"]
    else_level = next(level for level, cond in level_conditions()[feature] if cond == "ELSE")
    return "(CASE " + " ".join(whens) + f" ELSE {else_level} END)"


def splink_settings(model: Model) -> dict[str, Any]:
    """Splink settings for our model: custom SQL levels, m/u fixed from ``model``, blocking on our key columns.

    Splink numbers the non-null levels from the top down, so its gamma values are our levels; this is
    checked here against the model, so a level added to the engine fails loudly instead of shifting.
    """
    comparisons = []
    for feature in FEATURES:
        conditions = level_conditions()[feature]
        levels = [level for level, _ in conditions]
        if levels[0] != -1 or levels[1:] != sorted(model.mu[feature], reverse=True) or levels[-1] != 0:
            msg = f"Spark levels {levels} of {feature!r} do not match the model's {sorted(model.mu[feature])}"
            raise ValueError(msg)
        comparison_levels: list[dict[str, Any]] = []
        for level, condition in conditions:
            if level == -1:
                comparison_levels.append(
                    {"sql_condition": condition, "label_for_charts": "missing or not usable", "is_null_level": True}
                )
                continue
            m, u = model.mu[feature][level]
            comparison_levels.append(
                {
                    "sql_condition": condition,
                    "label_for_charts": f"level {level}",
                    "m_probability": max(m, _EPS),
                    "u_probability": max(u, _EPS),
                }
            )
        comparisons.append(
            {
                "output_column_name": feature,
                "comparison_description": f"weerbaar {feature} levels",
                "comparison_levels": comparison_levels,
            }
        )
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "id",
        "probability_two_random_records_match": model.prior,
        "blocking_rules_to_generate_predictions": [f"l.bk_{kind} = r.bk_{kind}" for kind in KEYS],
        "comparisons": comparisons,
        # Splink only returns the level (gamma) columns together with the compared values.
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": False,
    }
