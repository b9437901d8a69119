# SPDX-License-Identifier: EUPL-1.2
"""Permission codes and what they demand of the person holding them.

Each app declares its own codes with :func:`declare` at the top of its ``permissions.py``, next to the
rules it registers for them (:func:`weerbaar.core.policy.register`). The declaration says which area of
work a code belongs to and two conditions that hold whatever roles someone is given:

``screening_required``
    only someone with a passed screening (e.g. a VOG or a Bibob-grade check) holds it;
``private_allowed``
    someone acting for a private partner (a farmers' organisation, a contractor) may hold it.

:func:`permitted_codes` applies both; the roles' grants are filtered through it, and the authorization
matrix reads the same declarations to choose whom it probes each route with. A code with a rule but
no declaration, or a declaration without a rule, stops the application at start-up
(:func:`weerbaar.core.policy.check_declarations`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Area(enum.StrEnum):
    """The areas of work. Codes of different areas never grant access to each other's data."""

    #: Shared by every area: organisations, accounts, audit trail, geography.
    PLATFORM = "platform"
    #: A: area partnerships (rural areas), where private partners take part with real permissions.
    A = "a"
    #: B: signals of undermining, integrated cases and their subjects.
    B = "b"
    #: C: aggression and threats against office holders and staff.
    C = "c"
    #: D: organisational resilience.
    D = "d"


@dataclass(frozen=True)
class PermissionSpec:
    code: str
    area: Area
    private_allowed: bool
    screening_required: bool
    description: str

    def permitted(self, *, private: bool, screened: bool) -> bool:
        """Whether someone acting for a private (or public) organisation, screened or not, may hold it."""
        return (screened or not self.screening_required) and (self.private_allowed or not private)


_SPECS: dict[str, PermissionSpec] = {}


def declare(
    code: str, *, area: Area, private_allowed: bool, screening_required: bool, description: str
) -> PermissionSpec:
    """Declare a permission code and its conditions. Declaring a code twice differently is an error."""
    spec = PermissionSpec(
        code=code,
        area=area,
        private_allowed=private_allowed,
        screening_required=screening_required,
        description=description,
    )
    existing = _SPECS.get(code)
    if existing is not None and existing != spec:
        raise ValueError(f"Permission {code!r} is already declared differently: {existing}.")
    _SPECS[code] = spec
    return spec


def permission_spec(code: str) -> PermissionSpec:
    """The declaration of ``code``; ``LookupError`` for a code nobody declared."""
    try:
        return _SPECS[code]
    except KeyError:
        raise LookupError(f"Permission {code!r} is not declared (declare it in its app's permissions.py).") from None


def permission_specs() -> tuple[PermissionSpec, ...]:
    """Every declared code, sorted by code."""
    return tuple(spec for _code, spec in sorted(_SPECS.items()))


def declared_codes() -> frozenset[str]:
    return frozenset(_SPECS)


def codes_in_area(area: Area) -> frozenset[str]:
    return frozenset(code for code, spec in _SPECS.items() if spec.area == area)


def codes_requiring_screening() -> frozenset[str]:
    return frozenset(code for code, spec in _SPECS.items() if spec.screening_required)


def codes_for_private() -> frozenset[str]:
    """The codes someone acting for a private partner may hold (if a role grants them)."""
    return frozenset(code for code, spec in _SPECS.items() if spec.private_allowed)


def permitted_codes(codes: Iterable[str], *, private: bool, screened: bool) -> frozenset[str]:
    """The subset of ``codes`` that someone acting for a private (or public) organisation, screened or
    not, may hold. Undeclared codes raise ``LookupError``: a grant of an unknown code is a mistake."""
    return frozenset(code for code in codes if permission_spec(code).permitted(private=private, screened=screened))
