# SPDX-License-Identifier: EUPL-1.2
"""Rules resolved once per read-only request, and never remembered where something may be written."""

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from weerbaar.core.middleware import ReadMemoMiddleware
from weerbaar.core.scopes import memo_while_reading, remembered, remembering


def _counting() -> tuple[list[int], Any]:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    return calls, compute


def test_outside_a_request_every_call_resolves_afresh() -> None:
    calls, compute = _counting()
    assert not remembering()
    assert [remembered("key", compute), remembered("key", compute)] == [1, 2]
    assert len(calls) == 2


def test_inside_a_read_the_first_answer_per_key_is_kept_and_forgotten_afterwards() -> None:
    _calls, compute = _counting()
    with memo_while_reading():
        assert remembering()
        assert [remembered("a", compute), remembered("a", compute), remembered("b", compute)] == [1, 1, 2]
    assert not remembering()
    assert remembered("a", compute) == 3


@pytest.mark.parametrize(("method", "remembers"), [("get", True), ("head", True), ("post", False), ("delete", False)])
def test_the_middleware_remembers_only_while_serving_a_safe_method(method: str, remembers: bool) -> None:
    seen: list[bool] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(remembering())
        return HttpResponse("ok")

    ReadMemoMiddleware(view)(getattr(RequestFactory(), method)("/"))
    assert seen == [remembers]
    assert not remembering()
