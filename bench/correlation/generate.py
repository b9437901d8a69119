# SPDX-License-Identifier: EUPL-1.2
"""Synthetic Dutch person records with known truth, for the correlation benchmark.

Every person (entity) gets 1 to 4 records, as if from different sources, with realistic noise:
typos in names (substitution, deletion, transposition, doubled letter), given and surname swapped,
initials instead of a given name, missing fields, prefix variants ("van der", "vd", "v.d.", none,
glued), moved addresses, and birth-date typos (one digit, day/month swapped). Households put
relatives (same surname, same address, other given name and birth date) next to each other, and
common names recur, so there are plenty of hard non-matches. Names come from Faker's nl_NL lists
plus generated surnames for a long tail; no real person's data is used.

    python bench/correlation/generate.py --records 100000 --out var/bench/people_100000.csv [--profile hard]

The ``hard`` profile makes the data look less like a Dutch register, as data from partners and abroad
does: a fifth of the households live abroad (postcodes such as "SW1A 1AA", "10115", "B-2000" and foreign
places), a quarter of the records have no birth date, and a third of the households live on a crowded
address (shelters, student housing, business addresses: about 60 records each).

Columns: id, voornaam, tussenvoegsel, achternaam, geboortedatum, straat, huisnummer, postcode, plaats,
entity (the truth: records with the same entity are the same person).
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from faker.providers.address.nl_NL import Provider as AddressProvider
from faker.providers.person.nl_NL import Provider as PersonProvider

PREFIXES = ["", "", "", "", "", "", "van", "de", "van der", "van den", "van de", "ter", "den", "van 't"]
PREFIX_VARIANTS = {
    "van der": ["van der", "vd", "v.d.", "", "Van Der"],
    "van den": ["van den", "vd", "v.d.", ""],
    "van de": ["van de", "vd", ""],
    "van": ["van", "v.", ""],
    "de": ["de", "", "De"],
}
STEMS = ["berg", "veld", "hof", "kamp", "dijk", "broek", "beek", "bosch", "meer", "laan", "hout", "horst", "heuvel"]
HEADS = [
    "Groen",
    "Zand",
    "Holt",
    "Oost",
    "West",
    "Wit",
    "Rood",
    "Hoog",
    "Molen",
    "Kerk",
    "Linde",
    "Esch",
    "Ham",
    "Brink",
    "Eik",
    "Haar",
    "Ryp",
    "Stok",
    "Vlier",
    "Dom",
    "Reig",
    "Wolf",
    "Kol",
    "Sloot",
    "Ven",
    "Burg",
]


def _surnames(rng: random.Random) -> list[str]:
    base = [n for n in PersonProvider.last_names if " " not in n and n.isalpha()]
    generated = [h + s for h in HEADS for s in STEMS] + [h + s + "er" for h in HEADS for s in STEMS[:6]]
    return base + generated


def typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.random()
    if kind < 0.3:
        return text[:i] + rng.choice("aeiouykstnrl") + text[i + 1 :]
    if kind < 0.55:
        return text[:i] + text[i + 1 :]
    if kind < 0.8:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def _date_typo(rng: random.Random, iso: str) -> str:
    y, m, d = iso.split("-")
    if rng.random() < 0.4 and int(d) <= 12 and d != m:
        return f"{y}-{d}-{m}"
    pos = rng.choice([2, 3, 6, 8, 9])
    digits = list(iso)
    digits[pos] = str((int(digits[pos]) + rng.randrange(1, 9)) % 10)
    return "".join(digits)


def _format_date(rng: random.Random, iso: str) -> str:
    y, m, d = iso.split("-")
    style = rng.random()
    if style < 0.6:
        return iso
    if style < 0.9:
        return f"{d}-{m}-{y}"
    return f"{int(d)}/{int(m)}/{y}"


FOREIGN_CITIES = ["London", "Berlin", "Antwerpen", "Paris", "Warszawa", "Istanbul", "Porto", "Sofia", "Bremen", "Gent"]


def _foreign_postcode(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUWXYZ"
    style = rng.random()
    if style < 0.4:
        area = f"{rng.choice(letters)}{rng.choice(letters)}{rng.randrange(1, 20)}"
        return f"{area} {rng.randrange(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    if style < 0.8:
        return f"{rng.randrange(10000, 99999)}"
    return f"B-{rng.randrange(1000, 9999)}"


def generate(records: int, seed: int = 7, *, profile: str = "dutch") -> list[dict[str, str]]:
    """Records with their truth (``entity``); ``profile`` is "dutch" or "hard" (see the module docstring)."""
    hard = profile == "hard"
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    surnames = _surnames(rng)
    weights = [1 / (i + 8) for i in range(len(surnames))]  # a few very common surnames, a long tail
    given_names = list(PersonProvider.first_names_male) + list(PersonProvider.first_names_female)
    streets = [
        f"{h}{s}".capitalize()
        for h in HEADS + STEMS
        for s in ("straat", "laan", "weg", "plein", "singel", "dreef", "kade")
    ]
    cities = list(AddressProvider.cities)

    def address() -> tuple[str, str, str, str]:
        if hard and rng.random() < 0.2:
            return rng.choice(streets), str(rng.randrange(1, 200)), _foreign_postcode(rng), rng.choice(FOREIGN_CITIES)
        pc4 = rng.randrange(1000, 9999)
        pc = f"{pc4}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}"
        return rng.choice(streets), str(rng.randrange(1, 200)), pc, cities[pc4 % len(cities)]

    crowded = [address() for _ in range(max(10, records // 200))] if hard else []

    rows: list[dict[str, str]] = []
    entity = 0
    while len(rows) < records:
        # A household of 1-4 people sharing surname and address; each person 1-4 records.
        home = rng.choice(crowded) if crowded and rng.random() < 0.33 else address()
        surname = rng.choices(surnames, weights)[0]
        prefix = rng.choice(PREFIXES)
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
            entity += 1
            given = rng.choice(given_names)
            birth = f"{rng.randrange(1935, 2007)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            copies = rng.choices([1, 2, 3, 4], [0.45, 0.3, 0.15, 0.1])[0]
            for copy in range(copies):
                if len(rows) >= records:
                    break
                g, p, s, b = given, prefix, surname, birth
                street, number, pc, city = home
                if copy:
                    if rng.random() < 0.15:
                        g = typo(rng, g)
                    if rng.random() < 0.12:
                        s = typo(rng, s)
                    if rng.random() < 0.08:
                        g = g[0] + "."
                    if p in PREFIX_VARIANTS and rng.random() < 0.5:
                        p = rng.choice(PREFIX_VARIANTS[p])
                    if p and rng.random() < 0.1:
                        s, p = (p + s).replace(" ", "").replace(".", "").capitalize(), ""
                    if rng.random() < 0.08:
                        b = _date_typo(rng, b)
                    if rng.random() < 0.25:
                        street, number, pc, city = address()  # moved
                    if rng.random() < 0.04:
                        g, s, p = s, g, ""  # swapped given and surname
                if rng.random() < (0.25 if hard else 0.06):
                    b = ""
                if rng.random() < 0.08:
                    street = number = pc = city = ""
                elif rng.random() < 0.06:
                    pc = ""
                if rng.random() < 0.02:
                    g = ""
                if len(rows) % 3 == 0:
                    pc = pc[:4] + " " + pc[4:].lower() if pc else pc
                rows.append(
                    {
                        "id": f"r{len(rows):07d}",
                        "voornaam": g,
                        "tussenvoegsel": p,
                        "achternaam": s,
                        "geboortedatum": _format_date(rng, b) if b and len(b) == 10 else b,
                        "straat": street,
                        "huisnummer": number,
                        "postcode": pc,
                        "plaats": city,
                        "entity": f"e{entity}",
                    }
                )
    rng.shuffle(rows)
    return rows


def write(rows: list[dict[str, str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--profile", choices=("dutch", "hard"), default="dutch")
    args = parser.parse_args()
    write(generate(args.records, args.seed, profile=args.profile), args.out)


if __name__ == "__main__":
    main()
