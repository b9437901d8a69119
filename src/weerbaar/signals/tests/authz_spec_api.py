# SPDX-License-Identifier: EUPL-1.2
from tests.authz import Route

SPEC: dict[str, Route] = {}
