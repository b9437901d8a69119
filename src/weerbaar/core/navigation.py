# SPDX-License-Identifier: EUPL-1.2
"""Apps contribute their menu items and start-page tiles here (from ``AppConfig.ready``).

Each item names the permission that shows it, so navigation follows the same policy as the pages.
"""

from dataclasses import dataclass

from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class NavItem:
    label: StrOrPromise
    url_name: str
    permission: str | None  # None: every logged-in actor
    order: int = 50


@dataclass(frozen=True)
class Tile:
    title: StrOrPromise
    text: StrOrPromise
    url_name: str
    permission: str | None
    order: int = 50


_NAV: list[NavItem] = []
_TILES: list[Tile] = []


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
