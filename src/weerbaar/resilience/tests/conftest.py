# SPDX-License-Identifier: EUPL-1.2
"""The services' refusals are asserted in English (their msgids); pages set their own language per request."""

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield
