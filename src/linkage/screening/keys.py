# SPDX-License-Identifier: EUPL-1.2
"""The blocking keys of the index: the engine's, plus keys that need no birth date."""

from __future__ import annotations

import dataclasses

from ..engine.blocking import block_keys
from ..engine.records import Normalised, phonetic_key
from ..keys import name_keys


def _keys(record: Normalised, address_ok: bool, date_ok: bool, *, query: bool = False) -> list[str]:
    """The engine's blocking keys plus keys that need no birth date (see the package docstring)."""
    keys = list(block_keys(record, address_ok, date_ok))
    keys += name_keys(record, query=query)
    if address_ok and record.street and record.house_number and record.city:
        keys.append(f"street:{record.street}|{record.house_number}|{record.city}")
    return keys


def _query_keys(record: Normalised, address_ok: bool, date_ok: bool) -> list[str]:
    """A query's keys, and those of its names read the other way round (given and surname swapped)."""
    keys = _keys(record, address_ok, date_ok, query=True)
    if record.given and record.surname:
        swapped = dataclasses.replace(
            record, given=record.surname, surname=record.given, surname_key=phonetic_key(record.given)
        )
        keys += _keys(swapped, address_ok, date_ok, query=True)
    return list(dict.fromkeys(keys))
