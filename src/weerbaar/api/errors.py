# SPDX-License-Identifier: EUPL-1.2
"""A service's refusals in API terms, for every app's API views."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ValidationError

from weerbaar.core.workflow.versioning import StaleVersionError


class StaleVersion(APIException):
    """The object changed since the caller read it (optimistic locking, see ``core.workflow.versioning``)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Het object is intussen door iemand anders gewijzigd. Haal het opnieuw op en probeer het nog eens."
    default_code = "verouderde-versie"


@contextmanager
def service_errors(
    field_paths: Mapping[str, str] | None = None,
    *,
    stale: type[APIException] = StaleVersion,
) -> Iterator[None]:
    """Invalid -> 400 with the API's field names (``field_paths``: model field -> API field; errors not
    tied to a field go under ``body``), not allowed -> 404 (the resource is not there for this caller),
    a stale version -> 409 (``stale``: the API's 409 with a detail naming the object)."""
    paths = field_paths or {}
    try:
        yield
    except DjangoValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise ValidationError(
                {
                    paths.get(name, "body" if name == "__all__" else name): [str(m) for m in messages]
                    for name, messages in exc.message_dict.items()
                }
            ) from exc
        raise ValidationError({"body": exc.messages}) from exc
    except (PermissionDenied, Http404) as exc:
        raise NotFound from exc
    except StaleVersionError as exc:
        raise stale from exc
