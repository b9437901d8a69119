# SPDX-License-Identifier: EUPL-1.2
"""The demo's tests share one load of it per test process.

Loading the demo takes tens of seconds; loading it again on top takes about one (it is idempotent). So the
first test of this package in a process loads it in a transaction that stays open while the package's tests
run, and rolls it back after the last. Each test's own transaction nests inside as a savepoint, so a test
still sees none of another test's changes, and nothing of the demo is left for the tests of other packages.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from weerbaar.demo.services import demo_load


@pytest.fixture(scope="package", autouse=True)
def demo_loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            demo_load()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
