# SPDX-License-Identifier: EUPL-1.2
"""The signals app's routes in the authorization matrix (merged from its parts)."""

from tests.authz import Route
from weerbaar.signals.tests import authz_spec_api, authz_spec_intake, authz_spec_public

SPEC: dict[str, Route] = {**authz_spec_public.SPEC, **authz_spec_intake.SPEC, **authz_spec_api.SPEC}
