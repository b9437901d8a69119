# SPDX-License-Identifier: EUPL-1.2
"""The audit trail's own routes beyond its list (which ``CORE_SPEC`` covers): the export and the chain check.

Both are for the auditor and the privacy officer, like the list; neither takes an object, so there is no
other organisation's object to refuse (the scope of the rows is tested in ``test_trail.py``).
"""

from tests.authz import AUDIT, Route

SPEC: dict[str, Route] = {
    "audit:export": Route("roles", AUDIT),
    "audit:verify": Route("roles", AUDIT, method="post", ok=(302,)),
}
