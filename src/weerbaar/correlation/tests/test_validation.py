# SPDX-License-Identifier: EUPL-1.2
"""Validation of typed values: exactly the normalisers' rules, with a reason on failure. Synthetic values only."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from linkage.normalise import normalise_plate
from linkage.tests.test_normalise import nl_ibans, plates, spaced
from weerbaar.correlation import validation

FAST = settings(max_examples=200, deadline=None)


@FAST
@given(plates(), st.sampled_from(["-", "", " ", " - "]))
def test_plate_validation_stores_the_compact_form(groups: list[str], separator: str) -> None:
    assert validation.validate_plate(separator.join(groups)) == "".join(groups)  # what the forms and the API store


@FAST
@given(st.text(alphabet="ABXZ0129- ", max_size=9))
def test_plate_validation_refuses_exactly_what_does_not_normalise(raw: str) -> None:
    expected = normalise_plate(raw)
    if expected is None:
        with pytest.raises(ValidationError) as refused:
            validation.validate_plate(raw)
        assert refused.value.code == "plate"
    else:
        assert validation.validate_plate(raw) == expected


@FAST
@given(nl_ibans)
def test_valid_iban_validates_to_its_compact_form(iban: str) -> None:
    assert validation.validate_iban(spaced(iban)) == iban
