# SPDX-License-Identifier: EUPL-1.2
"""Optimistic concurrency for the API's transitions: an ETag from the object's version, ``If-Match`` required.

A detail resource whose object is versioned (:class:`weerbaar.core.workflow.versioning.VersionedModel`)
answers with a strong ``ETag`` naming that object and its version. A transition on it (a ``POST`` to one of
its sub-resources) must send that ETag back in ``If-Match``:

- no ``If-Match``, or ``If-Match: *`` → 428 Precondition Required;
- an ETag that is not the current one → 412 Precondition Failed, and nothing changes;
- otherwise the version goes to the service as ``expected_version``; the service re-reads the object under
  a row lock (``lock_for_update``), so a change that slips in between the check here and the lock is a 412
  as well.

The view finds the object in the caller's scope and checks the caller's right to act on it first (404
otherwise, exactly as its ``GET``), then the precondition, then the request body (RFC 9110 §13.2.2: the
precondition is evaluated before the content is processed). A service's refusal of the move itself — an
illegal step in the status machine, a missing privacy check, a closed case — is a 409 with the service's
reason as ``detail``.

The ETag identifies a version of the object's own state, the thing transitions act on; API responses are
``Cache-Control: no-store``, so it serves concurrency, not caching (``If-None-Match`` is not supported).
"""

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import set_rollback

from weerbaar.core.problems import PROBLEM_CONTENT_TYPE, problem_body
from weerbaar.core.workflow.versioning import StaleVersionError

IF_MATCH = "If-Match"
ETAG = "ETag"

#: An entity-tag in a header (RFC 9110 §8.8.3): optionally weak, always quoted.
_ENTITY_TAG = re.compile(r'\s*(W/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)')


class Versioned(Protocol):
    """A versioned object as the API knows it: a public UUID and a version (``VersionedModel``)."""

    @property
    def uuid(self) -> Any: ...

    @property
    def version(self) -> int: ...


class ConcurrencyProblem(APIException):
    """A problem with a title of its own (the shared handler knows the titles of the common statuses only)."""

    title = "Fout."

    def response(self) -> Response:
        body = problem_body(
            status=self.status_code, title=self.title, detail=str(self.detail), code=str(self.default_code)
        )
        response = Response(body, status=self.status_code)
        response.content_type = PROBLEM_CONTENT_TYPE
        return response


class PreconditionRequired(ConcurrencyProblem):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    title = "Voorwaarde vereist."
    default_detail = (
        "Stuur in de header If-Match de ETag die u bij het ophalen van dit object kreeg, zodat een wijziging "
        "van iemand anders niet ongemerkt wordt overschreven."
    )
    default_code = "if-match-vereist"


class PreconditionFailed(ConcurrencyProblem):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    title = "Voorwaarde niet vervuld."
    default_detail = (
        "Het object is intussen gewijzigd: de ETag in If-Match is niet meer de huidige. Er is niets veranderd. "
        "Haal het object opnieuw op, bekijk de wijziging en probeer het dan nog eens."
    )
    default_code = "verouderde-versie"


class TransitionRefused(ConcurrencyProblem):
    status_code = status.HTTP_409_CONFLICT
    title = "Niet mogelijk in de huidige toestand."
    default_detail = "Deze overgang is in de huidige toestand niet mogelijk."
    default_code = "overgang-geweigerd"


def etag(obj: Versioned) -> str:
    """The strong ETag of ``obj``: its version and a digest of its kind and UUID, so an ETag copied from one
    object never matches another that happens to have the same version."""
    label = type(obj).__name__
    digest = hashlib.sha256(f"{label}:{obj.uuid}".encode()).hexdigest()[:16]
    return f'"v{obj.version}-{digest}"'


def etag_response(data: Any, obj: Versioned, *, status_code: int = status.HTTP_200_OK) -> Response:
    """A response with ``obj``'s current ETag."""
    return Response(data, status=status_code, headers={ETAG: etag(obj)})


def _entity_tags(header: str) -> list[str] | None:
    """The strong entity-tags in an ``If-Match`` value, quoted as sent; weak ones never match (RFC 9110
    §13.1.1 compares strongly). None when the value is not a list of entity-tags."""
    tags: list[str] = []
    position = 0
    while position < len(header):
        match = _ENTITY_TAG.match(header, position)
        if match is None:
            return None
        if not match.group(1):
            tags.append(f'"{match.group(2)}"')
        position = match.end()
    return tags


def expected_version(request: Request, obj: Versioned) -> int:
    """The version the caller acts on: 428 without ``If-Match`` (or with ``*``), 412 when it does not name
    ``obj``'s current version."""
    header = request.headers.get(IF_MATCH, "").strip()
    if not header or header == "*":
        raise PreconditionRequired
    tags = _entity_tags(header)
    if tags is None or etag(obj) not in tags:
        raise PreconditionFailed
    return obj.version


@contextmanager
def transition_errors(field_paths: Mapping[str, str] | None = None) -> Iterator[None]:
    """A service's answer to a transition in API terms.

    A stale version (changed after the ``If-Match`` check) → 412; not allowed → 404 (the resource is not
    there for this caller); an error on a field the caller sent → 400 with that field's API name
    (``field_paths``: model field → API field); a refusal of the move itself (no field) → 409.
    """
    paths = field_paths or {}
    try:
        yield
    except StaleVersionError as exc:
        raise PreconditionFailed from exc
    except (PermissionDenied, Http404) as exc:
        raise NotFound from exc
    except DjangoValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        sent = {name: messages for name, messages in fields.items() if name in paths}
        if sent:
            raise ValidationError({paths[name]: [str(m) for m in messages] for name, messages in sent.items()}) from exc
        raise TransitionRefused(" ".join(str(m) for m in exc.messages)) from exc


def transition[T](
    request: Request,
    obj: Versioned,
    *,
    apply: Callable[[dict[str, Any], int], T],
    serializer_class: type[serializers.Serializer[Any]],
    field_paths: Mapping[str, str] | None = None,
) -> T:
    """Run one transition on ``obj``, which the view found in the caller's scope and may act on: the
    precondition (428/412), the body (400), then ``apply(validated_data, expected_version)`` — the service
    call — with its refusals mapped by :func:`transition_errors`."""
    version = expected_version(request, obj)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    with transition_errors(field_paths):
        return apply(dict(serializer.validated_data), version)


class ConditionalMixin:
    """For API views with an ETag: renders this module's problems (409, 412, 428) with their own titles."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, ConcurrencyProblem):
            set_rollback()
            response = exc.response()
            response.exception = True
            return response
        return super().handle_exception(exc)  # type: ignore[misc]


# --- OpenAPI --------------------------------------------------------------------------------------

_PROBLEM = {"$ref": "#/components/schemas/Problem"}

IF_MATCH_PARAMETER = OpenApiParameter(
    IF_MATCH,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="De ETag uit het laatste antwoord over dit object (GET of een eerdere overgang), precies zoals "
    'ontvangen, met aanhalingstekens: `"v3-…"`. Zonder deze header volgt 428; met een ETag die niet meer de '
    "huidige is volgt 412 en verandert er niets.",
)


def etag_header(*codes: int) -> OpenApiParameter:
    """The ``ETag`` response header of the given status codes."""
    return OpenApiParameter(
        ETAG,
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=list(codes),
        description="De huidige versie van het object (sterke ETag). Stuur hem in If-Match mee bij een overgang.",
    )


TRANSITION_RESPONSES: dict[Any, OpenApiResponse] = {
    (409, PROBLEM_CONTENT_TYPE): OpenApiResponse(
        response=_PROBLEM,
        description="De overgang is in de huidige toestand niet mogelijk (code `overgang-geweigerd`); `detail` zegt "
        "waarom. Er is niets veranderd.",
    ),
    (412, PROBLEM_CONTENT_TYPE): OpenApiResponse(
        response=_PROBLEM,
        description="De ETag in If-Match is niet meer de huidige (code `verouderde-versie`): iemand anders wijzigde "
        "het object. Er is niets veranderd; haal het opnieuw op.",
    ),
    (428, PROBLEM_CONTENT_TYPE): OpenApiResponse(
        response=_PROBLEM, description="If-Match ontbreekt (code `if-match-vereist`)."
    ),
}


def transition_schema(
    *,
    summary: str,
    description: str,
    request: Any,
    response: Any,
    code: int = status.HTTP_200_OK,
    with_etag: bool = True,
) -> Callable[[Any], Any]:
    """``extend_schema`` for a transition: the required If-Match, the ETag on success (``with_etag``), 409/412/428."""
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        parameters=[IF_MATCH_PARAMETER, *([etag_header(code)] if with_etag else [])],
        responses={code: response, **TRANSITION_RESPONSES},
    )
