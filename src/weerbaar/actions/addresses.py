# SPDX-License-Identifier: EUPL-1.2
"""Premises addresses as planners type them ("Industrieweg 12, 5431 AB Cuijk"): parsed into parts, written
back as one line, and compared by postcode and house number where there are both."""

import re
from dataclasses import dataclass

from linkage.normalise.addresses import normalise_house_number, normalise_postcode

_LINE = re.compile(
    r"^\s*(?P<street>.*?[^\d\s,][^,]*?)\s+(?P<number>\d{1,5}\s*[-/]?\s*[A-Za-z0-9]{0,4})\s*"
    r"(?:,\s*(?P<postcode>[1-9]\d{3}\s*[A-Za-z]{2})?\s*(?P<city>[^,]*))?\s*$"
)


@dataclass(frozen=True)
class Address:
    street: str
    house_number: str = ""
    postcode: str = ""
    city: str = ""

    @property
    def line(self) -> str:
        return address_line(self.street, self.house_number, self.postcode, self.city)

    @property
    def key(self) -> str:
        return address_key(self.street, self.house_number, self.postcode)


def _postcode_display(postcode: str) -> str:
    compact = normalise_postcode(postcode)
    return f"{compact[:4]} {compact[4:]}" if compact else postcode.strip()


def address_line(street: str, house_number: str = "", postcode: str = "", city: str = "") -> str:
    first = " ".join(p for p in (street.strip(), house_number.strip()) if p)
    second = " ".join(p for p in (_postcode_display(postcode) if postcode else "", city.strip()) if p)
    return ", ".join(p for p in (first, second) if p)


def address_key(street: str, house_number: str = "", postcode: str = "") -> str:
    """Postcode and house number (with addition) where both are known, else the lower-cased line."""
    compact = normalise_postcode(postcode) if postcode else None
    number = normalise_house_number(house_number) if house_number else None
    if compact and number:
        return f"{compact}|{number[0]}{number[1]}"
    return " ".join(f"{street} {house_number}".lower().split())[:200]


def parse_address(text: str) -> Address | None:
    """One typed line as parts; None for an empty line. A line without a house number is kept as a street
    (a spot on a business park without a number)."""
    text = " ".join(text.split())
    if not text:
        return None
    match = _LINE.match(text)
    if match is None:
        street, _sep, rest = text.partition(",")
        return Address(street=street.strip()[:120], city=rest.strip()[:80])
    return Address(
        street=match["street"].strip()[:120],
        house_number=match["number"].replace(" ", "")[:10],
        postcode=_postcode_display(match["postcode"] or "")[:7],
        city=(match["city"] or "").strip()[:80],
    )
