# SPDX-License-Identifier: EUPL-1.2
"""Frequency cut-offs relative to the data: when is an address crowded, when is a birth date a placeholder?

An address held by many records (a shelter, student housing, a business centre) says little about two of
them being the same person, and its block would cost quadratic work; a birth date held by many (1 January,
a placeholder) says nothing at all. What "many" is depends on the data: a file of tenants of flats without
a house-number suffix has larger households than a permit register, and at a million records a real birth
date is shared by 30 people where at five thousand it is shared by one.

So the cut-off is a multiple of what the *typical record* sees: the number of holders of the value of the
median record (records without the value are left out). A value is too frequent when it is held by more
than ``factor`` times that, and never below a ``floor`` that keeps a large family or a day's births in a
small file usable:

- address: more than ``max(12, 4 x typical)`` holders (a household of 3 puts it at 12; flats of 8 at 32);
- birth date: more than ``max(20, 10 x typical)`` holders (at a million records, where a real date is held
  by about 34, at 340; at five thousand, where a date is held by one, at 20). Births are not spread evenly
  over the days of a century, but no real date is held by ten times as many people as the typical one;
  1 January 1900 in a file of placeholders is.

The median is robust: up to half of the records can sit on crowded addresses or placeholder dates without
moving it. A number set in `LinkConfig` (``--max-address-frequency`` on the command line) replaces the rule.
Every engine counts the holders its own way and asks `cut_offs` for the numbers, so all of them cut at the
same place; the run reports the numbers and how many records each removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .records import LinkConfig

__all__ = ["ADDRESS", "BIRTH_DATE", "ONLINE", "CutOffs", "Rule", "cut_offs", "histogram", "online", "typical"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A value is too frequent when more than ``max(floor, factor x typical)`` records hold it."""

    floor: int
    factor: int

    def limit(self, typical_holders: int) -> int:
        return max(self.floor, self.factor * typical_holders)


ADDRESS = Rule(floor=12, factor=4)
BIRTH_DATE = Rule(floor=20, factor=10)


@dataclass(frozen=True, slots=True)
class CutOffs:
    """The cut-offs of one run: a value held by more records than this is too frequent."""

    address: int
    birth_date: int
    address_typical: int | None = None  # the holders of the median record's value; None: set in the config
    birth_date_typical: int | None = None

    def describe(self) -> dict[str, str]:
        """How the run report explains each number."""
        return {
            "address": _how(self.address, self.address_typical, ADDRESS),
            "birth date": _how(self.birth_date, self.birth_date_typical, BIRTH_DATE),
        }


def _how(limit: int, typical_holders: int | None, rule: Rule) -> str:
    if typical_holders is None:
        return f"{limit} records (set)"
    return (
        f"{limit} records: max({rule.floor}, {rule.factor} x {typical_holders}), "
        f"the median record's value being held by {typical_holders}"
    )


def histogram(holders: Iterable[int]) -> dict[int, int]:
    """``{n: how many values are held by exactly n records}`` from the holder count of each value."""
    counted: dict[int, int] = {}
    for n in holders:
        if n > 0:
            counted[n] = counted.get(n, 0) + 1
    return counted


def typical(by_holders: Mapping[int, int]) -> int:
    """The number of holders of the median record's value, from ``{n: values held by n records}``.

    Each value held by n records stands for n records, so the records are walked in order of how many
    share their value; 0 when no record has a value.
    """
    total = sum(n * values for n, values in by_holders.items())
    if not total:
        return 0
    seen = 0
    for n in sorted(by_holders):
        seen += n * by_holders[n]
        if 2 * seen >= total:
            return n
    return max(by_holders)  # not reached: the walk ends at the last value


def cut_offs(config: LinkConfig, addresses: Mapping[int, int], dates: Mapping[int, int]) -> CutOffs:
    """The cut-offs of a run from the histograms of address and birth-date holders (`histogram`); a
    number set in ``config`` is used as it is. Excluded addresses must be left out of ``addresses``."""
    address, address_typical = _limit(config.max_address_frequency, addresses, ADDRESS)
    birth_date, date_typical = _limit(config.max_birth_date_frequency, dates, BIRTH_DATE)
    return CutOffs(address, birth_date, address_typical, date_typical)


def _limit(fixed: int | None, by_holders: Mapping[int, int], rule: Rule) -> tuple[int, int | None]:
    """The cut-off and the typical holders it came from (None when ``fixed`` is set)."""
    if fixed is not None:
        return fixed, None
    holders = typical(by_holders)
    return rule.limit(holders), holders


#: An index filled one record at a time (screening) has no whole data set to be relative to when it starts:
#: unless the configuration sets its own numbers, it cuts where the rule cuts on a million Dutch records.
ONLINE = CutOffs(address=ADDRESS.floor, birth_date=BIRTH_DATE.factor * 34)


def online(config: LinkConfig) -> CutOffs:
    """The cut-offs of an index that grows one record at a time: the configured numbers, else `ONLINE`."""
    address = config.max_address_frequency
    birth_date = config.max_birth_date_frequency
    return CutOffs(
        address=ONLINE.address if address is None else address,
        birth_date=ONLINE.birth_date if birth_date is None else birth_date,
    )
