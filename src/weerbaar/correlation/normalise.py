# SPDX-License-Identifier: EUPL-1.2
"""Normalisers that turn Dutch identifiers into comparison keys for correlation.

Unlike ``weerbaar.signals.validation`` (which validates form input and raises ``ValidationError``),
every function here is total: it returns ``None`` (or an empty string) for input it cannot use, because
matching must never fail on one odd record. The format rules (postcode shape, plate side-codes, IBAN
lengths and checksum, phone forms) are the same as in the signal forms; a parity test keeps them in step.
This module deliberately imports nothing from Django so the batch CLI and a Spark worker can use it on
data that never came from Weerbaar.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

__all__ = [
    "DutchName",
    "given_initials",
    "iban_checksum_ok",
    "normalise_birth_date",
    "normalise_email",
    "normalise_house_number",
    "normalise_iban",
    "normalise_kvk",
    "normalise_name",
    "normalise_phone",
    "normalise_plate",
    "normalise_postcode",
    "normalise_street",
    "split_dutch_name",
    "surname_key",
]

_TZ = ZoneInfo("Europe/Amsterdam")

# ---------------------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------------------

# Letters that NFKD does not decompose into a base letter plus marks.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i", "ĳ": "ij"}
)
_APOSTROPHES = "'’‘`´ʼ"  # noqa: RUF001 - the typographic apostrophes are the point.
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")


def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold()
    text = unicodedata.normalize("NFKD", text).translate(_FOLD)
    out: list[str] = []
    for ch in text:
        if unicodedata.category(ch).startswith("M"):
            continue  # combining mark: the diacritic of the preceding letter
        if ch in _APOSTROPHES:
            continue  # O'Brien and OBrien, 't and t compare equal
        out.append(ch if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def normalise_name(text: str | None) -> str:
    """Lower-case, diacritic-free, punctuation-free form of a name; hyphens and dots become spaces.

    "Anne-Marie" and "Anne Marie" compare equal, as do "José" and "Jose". Apostrophes are dropped rather than
    turned into spaces so that "d'Ancona" stays one word.
    """
    if not text:
        return ""
    result = _fold_once(text)
    # A few exotic code points only settle after a second pass (e.g. casefolding that yields a decomposable
    # letter); iterating to a fixed point is what makes this function idempotent.
    for _ in range(3):
        again = _fold_once(result)
        if again == result:
            break
        result = again
    return result


class DutchName(NamedTuple):
    """A name split by Dutch convention; parts keep their spelling, the prefix is lower-case."""

    given: str
    prefix: str
    surname: str


# Tussenvoegsels (after BRP table 36), as sequences of token keys: lower-case, typographic apostrophes
# straightened and dots removed, so "v.d." is "vd" and "V. d." is ("v", "d").
_PREFIX_WORDS = """
van|de|den|der|het|'t|t|ter|ten|te|d'|l'|la|le|les|du|des|di|da|del|della|dos|das|do|von|vom|zu|zum|zur|
op|in|uit|aan|bij|onder|over|tot|voor|'s|s|a|al|el|am|auf|im|lo|los|af|vd|vdn|v/d|v
""".replace("\n", "").split("|")
_PREFIX_PHRASES = """
van de|van der|van den|van het|van 't|van t|van ter|van ten|van de la|van la|van le|van du|
in 't|in t|in het|in de|in den|op de|op den|op het|op 't|op t|op ten|uit de|uit den|uit het|uit 't|uit t|
aan de|aan den|aan het|aan 't|bij de|bij den|bij het|bij 't|onder de|onder den|onder het|over de|over den|
over het|voor de|voor den|voor het|voor 't|voor in 't|de la|de le|de los|de las|von der|von dem|von den|
in der|auf der|v d|v dn|v d r|von
""".replace("\n", "").split("|")
_PREFIXES: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split()) for p in [*_PREFIX_WORDS, *_PREFIX_PHRASES] if p.strip()
)
_MAX_PREFIX_LEN = max(len(p) for p in _PREFIXES)
# Abbreviations and one-letter forms that are not a prefix when written as capital initials: "J. V. Berg" has
# two initials, "J. v. Berg" and "Jan Vd Berg" have a prefix.
_CASE_SENSITIVE_KEYS = frozenset({"v", "d", "dn", "r", "vd", "vdn", "v/d", "a", "s", "t"})
_GLUED_PREFIX = re.compile(r"^(d'|l'|'t|'s)(?=\w)", re.IGNORECASE)


def _token_key(token: str) -> str:
    return _APOSTROPHE_RE.sub("'", token).casefold().replace(".", "")


def _tokens(text: str) -> list[str]:
    """Whitespace tokens with glued prefixes ("d'Ancona", "'t Hart" written as "'tHart") split off."""
    out: list[str] = []
    for raw in _APOSTROPHE_RE.sub("'", text).split():
        glued = _GLUED_PREFIX.match(raw)
        if glued and len(raw) > len(glued.group(1)):
            out.extend((glued.group(1), raw[len(glued.group(1)) :]))
        else:
            out.append(raw)
    return out


def _is_prefix_token(token: str) -> bool:
    key = _token_key(token)
    # A capital single letter or a dotted capital abbreviation ("V.", "V.D.") reads as initials.
    return not (key in _CASE_SENSITIVE_KEYS and token != token.lower() and (len(key) == 1 or "." in token))


def _prefix_len_at(tokens: list[str], start: int) -> int:
    """Length of the longest tussenvoegsel starting at ``tokens[start]`` (0 if none)."""
    for length in range(min(_MAX_PREFIX_LEN, len(tokens) - start), 0, -1):
        window = tokens[start : start + length]
        if all(_is_prefix_token(t) for t in window) and tuple(_token_key(t) for t in window) in _PREFIXES:
            return length
    return 0


def _trailing_prefix_len(tokens: list[str]) -> int:
    """Length of the longest tussenvoegsel that ends the token list ("Jan van den")."""
    for length in range(min(_MAX_PREFIX_LEN, len(tokens)), 0, -1):
        if _prefix_len_at(tokens, len(tokens) - length) == length:
            return length
    return 0


def _leading_prefix_len(tokens: list[str]) -> int:
    """Leading prefix tokens, leaving at least one token for the surname itself."""
    taken = 0
    while taken < len(tokens) - 1:
        step = _prefix_len_at(tokens[: len(tokens) - 1], taken)
        if not step:
            break
        taken += step
    return taken


def _clean_prefix(tokens: list[str]) -> str:
    return " ".join(_APOSTROPHE_RE.sub("'", t).lower() for t in tokens)


def split_dutch_name(full: str | None) -> DutchName:
    """Split a full name into given names, tussenvoegsel and surname.

    Handles "Jan van den Berg", "J. v.d. Berg", "Berg, Jan van den", "van den Berg, Jan" and
    "Anne-Marie de Vries-Bakker". Without a recognisable prefix the last word is the surname (a hyphenated
    double surname is one word).
    """
    text = " ".join((full or "").split())
    if not text:
        return DutchName("", "", "")
    if "," in text:
        surname_part, _, given_part = (p.strip() for p in text.partition(","))
        s_tokens = _tokens(surname_part)
        g_tokens = _tokens(given_part)
        prefix_tokens: list[str] = []
        lead = _leading_prefix_len(s_tokens)
        if lead:
            prefix_tokens, s_tokens = s_tokens[:lead], s_tokens[lead:]
        else:
            trail = _trailing_prefix_len(s_tokens[1:])  # "Berg van den, Jan"
            if trail:
                prefix_tokens, s_tokens = s_tokens[len(s_tokens) - trail :], s_tokens[: len(s_tokens) - trail]
        if not prefix_tokens:
            trail = _trailing_prefix_len(g_tokens)  # "Berg, Jan van den"
            if trail:
                prefix_tokens, g_tokens = g_tokens[len(g_tokens) - trail :], g_tokens[: len(g_tokens) - trail]
        if s_tokens:
            return DutchName(" ".join(g_tokens), _clean_prefix(prefix_tokens), " ".join(s_tokens))
    tokens = _tokens(text)
    if len(tokens) == 1:
        return DutchName("", "", tokens[0])
    # Prefer a prefix after at least one given name; fall back to a name that starts with one ("De Vries").
    for start in [*range(1, len(tokens) - 1), 0]:
        length = _prefix_len_at(tokens, start)
        if length and start + length < len(tokens):
            if start == 0:
                length = _leading_prefix_len(tokens)
            return DutchName(
                " ".join(tokens[:start]),
                _clean_prefix(tokens[start : start + length]),
                " ".join(tokens[start + length :]),
            )
    return DutchName(" ".join(tokens[:-1]), "", tokens[-1])


def surname_key(prefix: str | None, surname: str | None) -> str:
    """Prefix-insensitive surname key: "van den Berg", "Berg", "vd Berg" and "Berg, van den" all give "berg"."""
    text = " ".join((surname or "").split())
    if "," in text:  # "Berg, van den" as in sorted lists
        text = text.partition(",")[0]
    tokens = _tokens(text)
    # The surname field may itself start with a prefix that belongs in the prefix field.
    tokens = tokens[_leading_prefix_len(tokens) :]
    trail = _trailing_prefix_len(tokens[1:])  # "Berg van den"
    if trail:
        tokens = tokens[: len(tokens) - trail]
    del prefix  # the point of the key is to ignore it
    return normalise_name(" ".join(tokens))


def given_initials(given: str | None) -> str:
    """Upper-case initials without dots: "Jan Pieter" and "J.P." give "JP"; "Anne-Marie" gives "AM"."""
    return "".join(word[0] for word in normalise_name(given).split()).upper()


# ---------------------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY_DATE = re.compile(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})")
_COMPACT_DATE = re.compile(r"\d{8}")
_EARLIEST = date(1900, 1, 1)


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def normalise_birth_date(value: date | str | None, *, today: date | None = None) -> date | None:
    """A plausible birth date from a date or "1980-03-07", "07-03-1980", "7/3/1980", "07031980" or "19800307".

    Day-first is the Dutch convention. None for anything unparseable, before 1900 or after ``today``.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        result: date | None = value.date()
    elif isinstance(value, date):
        result = value
    else:
        text = value.strip()
        result = None
        if match := _ISO_DATE.fullmatch(text):
            result = _make_date(int(match[1]), int(match[2]), int(match[3]))
        elif match := _DMY_DATE.fullmatch(text):
            result = _make_date(int(match[3]), int(match[2]), int(match[1]))
        elif _COMPACT_DATE.fullmatch(text):
            # YYYYMMDD and DDMMYYYY never both parse: in DDMMYYYY the "month" slot of YYYYMMDD holds 19/20.
            result = _make_date(int(text[:4]), int(text[4:6]), int(text[6:]))
            if result is None or result < _EARLIEST:
                result = _make_date(int(text[4:]), int(text[2:4]), int(text[:2]))
    if result is None:
        return None
    today = today or datetime.now(tz=_TZ).date()
    if result < _EARLIEST or result > today:
        return None
    return result


# ---------------------------------------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------------------------------------

_POSTCODE = re.compile(r"([1-9][0-9]{3})\s*-?\s*([A-Za-z]{2})")
_HOUSE_NUMBER = re.compile(
    r"(?:(?:nr|no|huisnummer)\.?\s*)?(\d{1,5})\s*(?:[-/]\s*)?([A-Za-z0-9]{1,4}(?:[\s-]+[A-Za-z0-9]{1,4})?)?",
    re.IGNORECASE,
)


def normalise_postcode(text: str | None) -> str | None:
    """Compact postcode, "1234 ab" -> "1234AB"; None unless it has the Dutch shape (first digit 1-9)."""
    if not text:
        return None
    match = _POSTCODE.fullmatch(text.strip())
    if not match:
        return None
    return f"{match[1]}{match[2].upper()}"


def normalise_house_number(text: str | int | None) -> tuple[int, str] | None:
    """(number, addition): "12a" -> (12, "A"), "12-2" -> (12, "2"), "12 bis" -> (12, "BIS"), "12" -> (12, "")."""
    if text is None:
        return None
    if isinstance(text, int):
        return (text, "") if 0 < text <= 99999 else None
    match = _HOUSE_NUMBER.fullmatch(text.strip())
    if not match:
        return None
    number = int(match[1])
    if not 0 < number <= 99999:
        return None
    addition = re.sub(r"[\s-]", "", match[2] or "").upper()
    return number, addition


# Abbreviations that end a street name ("Kerkstr.", "Stationsln"); these letter clusters end no Dutch word,
# so they are expanded with or without the dot.
_STREET_SUFFIXES = {"str": "straat", "ln": "laan", "pln": "plein", "wg": "weg", "kd": "kade", "sngl": "singel"}
# Only expanded when written with a dot, because without one they are ordinary words or names.
_STREET_DOTTED_SUFFIXES = {"gr": "gracht", "dk": "dijk", "pl": "plein", "st": "straat"}
_STREET_WORDS = {
    "burg": "burgemeester",
    "prof": "professor",
    "dr": "doctor",
    "mr": "meester",
    "st": "sint",
    "pr": "prins",
    "kon": "koning",
    "gen": "generaal",
    "ir": "ingenieur",
    "ds": "dominee",
    "v": "van",
}


def _expand_street_token(token: str, *, first: bool) -> str:
    dotted = token.endswith(".")
    word = token.rstrip(".")
    if word in _STREET_SUFFIXES:
        return _STREET_SUFFIXES[word]
    if dotted and first and word in _STREET_WORDS:
        return _STREET_WORDS[word]
    if dotted and not first and word in _STREET_DOTTED_SUFFIXES:
        return _STREET_DOTTED_SUFFIXES[word]
    if dotted and word in _STREET_WORDS and word not in _STREET_DOTTED_SUFFIXES:
        return _STREET_WORDS[word]
    for abbr, full in sorted(_STREET_SUFFIXES.items(), key=lambda item: -len(item[0])):
        if word.endswith(abbr) and len(word) > len(abbr) + 1:
            return word[: -len(abbr)] + full
    if dotted:
        for abbr, full in _STREET_DOTTED_SUFFIXES.items():
            if word.endswith(abbr) and len(word) > len(abbr) + 1:
                return word[: -len(abbr)] + full
    return word


def normalise_street(text: str | None) -> str:
    """Lower-case, diacritic-free street name with common abbreviations written out.

    "Burg. Jansenstr." -> "burgemeester jansenstraat", "Stationsln" -> "stationslaan".
    """
    if not text:
        return ""
    # Fold diacritics but keep the dots, which mark abbreviations.
    parts = text.split(".")
    tokens: list[str] = []
    for i, part in enumerate(parts):
        words = normalise_name(part).split()
        if words and i < len(parts) - 1:
            words[-1] += "."
        tokens.extend(words)
    words = [_expand_street_token(t, first=i == 0) for i, t in enumerate(tokens)]
    return normalise_name(" ".join(words))


# ---------------------------------------------------------------------------------------------------------
# Vehicles, money, companies, contact details
# ---------------------------------------------------------------------------------------------------------

# Side-codes of Dutch licence plates (RDW), the same table as the signal forms use.
PLATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"[A-Z]{2}\d{2}\d{2}",
        r"\d{2}\d{2}[A-Z]{2}",
        r"\d{2}[A-Z]{2}\d{2}",
        r"[A-Z]{2}\d{2}[A-Z]{2}",
        r"[A-Z]{2}[A-Z]{2}\d{2}",
        r"\d{2}[A-Z]{2}[A-Z]{2}",
        r"\d{2}[A-Z]{3}\d",
        r"\d[A-Z]{3}\d{2}",
        r"[A-Z]{2}\d{3}[A-Z]",
        r"[A-Z]\d{3}[A-Z]{2}",
        r"[A-Z]{3}\d{2}[A-Z]",
        r"[A-Z]\d{2}[A-Z]{3}",
        r"\d[A-Z]{2}\d{3}",
        r"\d{3}[A-Z]{2}\d",
    )
)


def normalise_plate(text: str | None) -> str | None:
    """Compact plate, "ab-123-c" -> "AB123C"; None unless it fits a Dutch side-code."""
    if not text:
        return None
    plate = re.sub(r"[\s.-]", "", text).upper()
    if len(plate) != 6 or not any(p.fullmatch(plate) for p in PLATE_PATTERNS):
        return None
    return plate


IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "LU": 20, "ES": 24, "IT": 27, "GB": 22, "PL": 28}
_IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}")
_NL_IBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")


def iban_checksum_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check on a compact, upper-case IBAN."""
    rearranged = iban[4:] + iban[:4]
    try:
        digits = "".join(str(int(ch, 36)) for ch in rearranged)
    except ValueError:
        return False
    return int(digits) % 97 == 1


def normalise_iban(text: str | None) -> str | None:
    """Compact IBAN, "nl91 abna 0417 1643 00" -> "NL91ABNA0417164300"; None for a wrong shape, length or checksum."""
    if not text:
        return None
    iban = re.sub(r"[\s.-]", "", text).upper()
    if iban.startswith("IBAN"):
        iban = iban[4:].lstrip(":")
    if not _IBAN_SHAPE.fullmatch(iban):
        return None
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return None
    if iban.startswith("NL") and not _NL_IBAN.fullmatch(iban):
        return None
    return iban if iban_checksum_ok(iban) else None


def normalise_kvk(text: str | int | None) -> str | None:
    """Eight digits, leading zeros kept; spaces and dots ("1234 5678", "12.34.56.78") are ignored."""
    if text is None:
        return None
    digits = f"{text:08d}" if isinstance(text, int) else re.sub(r"[\s.]", "", text)
    if not re.fullmatch(r"\d{8}", digits) or digits == "00000000":
        return None
    return digits


_NL_SERVICE = re.compile(r"(?:800|900|906|909)(?:\d{4}|\d{7})")


def normalise_phone(text: str | None) -> str | None:
    """E.164: "06-12345678", "010 123 4567", "+31 (0)6 1234 5678" and "0031 6 12345678" -> "+31612345678".

    Other countries are accepted in international form (+ and 8 to 15 digits). Numbers without an area code
    are None.
    """
    if not text:
        return None
    compact = re.sub(r"[\s().-]", "", text.strip().replace("(0)", ""))
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if re.fullmatch(r"0\d{9}", compact) or re.fullmatch(r"0(?:800|900|906|909)\d{4}(?:\d{3})?", compact):
        compact = "+31" + compact[1:]
    if not re.fullmatch(r"\+[1-9]\d{7,14}", compact):
        return None
    if compact.startswith("+31"):
        national = compact[3:]
        if national.startswith("0"):
            national = national[1:]  # "+31 06..." is a common mistake
        if not (re.fullmatch(r"[1-9]\d{8}", national) or _NL_SERVICE.fullmatch(national)):
            return None
        compact = "+31" + national
    return compact


_EMAIL = re.compile(
    r"(?P<local>[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})"
)


def normalise_email(text: str | None) -> str | None:
    """Trimmed, lower-case address; None unless it looks like local@domain.tld. Gmail dots are kept."""
    if not text:
        return None
    email = text.strip().strip("<>").strip().lower()
    if email.startswith("mailto:"):
        email = email[len("mailto:") :]
    if len(email) > 254 or not _EMAIL.fullmatch(email):
        return None
    return email
