# SPDX-License-Identifier: EUPL-1.2
"""The partnerships app's routes in the authorization matrix (merged from its parts)."""

from tests.authz import Route
from weerbaar.partnerships.tests import authz_spec_api, authz_spec_ui

SPEC: dict[str, Route] = {**authz_spec_ui.SPEC, **authz_spec_api.SPEC}
