# SPDX-License-Identifier: EUPL-1.2
"""The API's one JSON parser: bounded in size and nesting, and only well-formed Unicode text.

DRF's own parser reads the whole body however large (``DATA_UPLOAD_MAX_MEMORY_SIZE`` is not checked for
a stream), lets ``json`` recurse until Python gives up, and hands on strings with a lone UTF-16 surrogate
that no UTF-8 encoder (a hash, PostgreSQL) can take. Each of those is a 500 further on; here they are
a 400 or 413 problem before any view sees the data.
"""

import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

#: Far deeper than any request the API accepts (a signal's subjects sit at depth three).
MAX_DEPTH = 32


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Het verzoek is te groot."
    default_code = "verzoek-te-groot"


class NestedTooDeeplyError(ParseError):
    default_detail = "De JSON is te diep genest."
    default_code = "te-diep-genest"


class InvalidTextError(ParseError):
    default_detail = "De JSON bevat een ongeldig Unicode-teken (een losse surrogaat)."
    default_code = "ongeldige-tekst"


def _max_body_size() -> int:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return int(limit) if limit is not None else 2_621_440


def _check_depth_and_text(data: Any) -> None:
    """Iterative, so a deep document cannot exhaust the stack here either."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            _check_text(value)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise NestedTooDeeplyError
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key)
                stack.append((item, depth + 1))
        else:
            stack.extend((item, depth + 1) for item in value)


def _check_text(text: str) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidTextError from exc


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        limit = _max_body_size()
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and str(declared).isdigit() and int(declared) > limit:
            raise RequestTooLarge
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(raw.decode(encoding), parse_constant=self._reject_constant)
        except RecursionError as exc:
            raise NestedTooDeeplyError from exc
        except ValueError as exc:
            raise ParseError from exc
        _check_depth_and_text(data)
        return data

    @staticmethod
    def _reject_constant(name: str) -> Any:
        # NaN and Infinity are not JSON; DRF's strict mode refuses them the same way.
        raise ValueError(name)
