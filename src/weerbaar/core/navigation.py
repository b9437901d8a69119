# SPDX-License-Identifier: EUPL-1.2
"""Apps contribute their menu items, start-page tiles and sections, and role texts here (from
``AppConfig.ready``).

Each item names the permission that shows it, so navigation follows the same policy as the pages. Roles
are registered by the app that defines them (accounts), so the start page in core names them without
importing a domain app.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django_stubs_ext import StrOrPromise

from weerbaar.core.policy import Actor


@dataclass(frozen=True)
class NavItem:
    label: StrOrPromise
    url_name: str
    permission: str | None  # None: every logged-in actor
    order: int = 50
    #: The number of things waiting there, shown on the item; computed only when a page renders the menu,
    #: once per request, so it must be cheap (a few ``.count()`` queries).
    badge: Callable[[Actor], int] | None = None


@dataclass(frozen=True)
class Tile:
    title: StrOrPromise
    text: StrOrPromise
    url_name: str
    permission: str | None
    order: int = 50


@dataclass(frozen=True)
class StartSection:
    """A block of the start page that an app fills for the actor (its latest news, its figures).

    ``context`` returns what the app's ``template`` needs, or None when the actor has nothing there; it
    reads through the app's own selectors, so the start page shows nothing the app's pages would not.
    """

    name: str
    template: str
    context: Callable[[Actor], dict[str, Any] | None]
    permission: str | None
    order: int = 50


@dataclass(frozen=True)
class RoleText:
    label: StrOrPromise
    description: StrOrPromise


_NAV: list[NavItem] = []
_TILES: list[Tile] = []
_ROLES: dict[str, RoleText] = {}
_SECTIONS: dict[str, StartSection] = {}


def register_nav(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _NAV):
        _NAV.append(item)


def register_tile(tile: Tile) -> None:
    if all(existing.url_name != tile.url_name for existing in _TILES):
        _TILES.append(tile)


def nav_items() -> list[NavItem]:
    return sorted(_NAV, key=lambda i: i.order)


def tiles() -> list[Tile]:
    return sorted(_TILES, key=lambda t: t.order)


def register_start_section(section: StartSection) -> None:
    _SECTIONS.setdefault(section.name, section)


def start_sections() -> list[StartSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.name))


def register_role(code: str, label: StrOrPromise, description: StrOrPromise) -> None:
    _ROLES.setdefault(code, RoleText(label, description))


def role_texts(codes: Iterable[str]) -> list[RoleText]:
    """The label and description of each role code, in code order (as the start page lists them)."""
    return [_ROLES[code] for code in sorted(codes)]
