# SPDX-License-Identifier: EUPL-1.2
"""The start page (core) names roles through the registry that accounts fills: every role, its own text."""

from weerbaar.accounts.constants import ROLE_DESCRIPTIONS, Role
from weerbaar.core.navigation import role_texts


def test_every_role_is_registered_with_its_label_and_description() -> None:
    codes = sorted(role.value for role in Role)
    texts = role_texts(reversed(codes))
    assert [text.label for text in texts] == [Role(code).label for code in codes]
    assert [text.description for text in texts] == [ROLE_DESCRIPTIONS.get(code, "") for code in codes]
