# SPDX-License-Identifier: EUPL-1.2
"""The API takes only what its OpenAPI document declares.

A query parameter the document does not list for the operation — a typo such as ``pagesize``, a filter
the endpoint does not have — is refused with 400 and ``invalidParams`` naming it, on every route, instead
of being ignored (and the caller believing the filter applied). So is a declared parameter given twice.
Request bodies get the same treatment from their serializers (:class:`weerbaar.api.fields.StrictSerializer`).
"""

from typing import Any

from rest_framework import permissions
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.request import Request

UNKNOWN_PARAMETER = "Onbekende queryparameter."
REPEATED_PARAMETER = "Geef deze queryparameter één keer."


class DeclaredQueryParameters(permissions.BasePermission):
    """Runs after the policy (``PolicyPermission``), so a caller learns nothing about a route it may not use."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.query_params or getattr(view, (request.method or "").lower(), None) is None:
            return True  # no parameters, or a method the view does not have (405 follows)
        # Imported here: DRF loads this class while ``rest_framework.views`` is still being imported, and the
        # schema module needs that module complete.
        from weerbaar.api.schema import declared_query_parameters

        declared = declared_query_parameters(view, request.method or "")
        errors: dict[str, list[ErrorDetail]] = {}
        for name in sorted(request.query_params):
            if name not in declared:
                errors[name] = [ErrorDetail(UNKNOWN_PARAMETER, code="unknown")]
            elif len(request.query_params.getlist(name)) > 1:
                errors[name] = [ErrorDetail(REPEATED_PARAMETER, code="repeated")]
        if errors:
            raise ValidationError(errors)
        return True
