# SPDX-License-Identifier: EUPL-1.2
"""Normalisers that turn Dutch identifiers into comparison keys for correlation.

Every function here is total: it returns ``None`` (or an empty string) for input it cannot use, because
matching must never fail on one odd record. ``weerbaar.correlation.validation`` turns these same rules
into form and API validation (a ``ValidationError`` with a reason), so what a form accepts and what
matching understands cannot drift apart.
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
    "normalise_bag_id",
    "normalise_birth_date",
    "normalise_company_name",
    "normalise_email",
    "normalise_house_number",
    "normalise_iban",
    "normalise_kvk",
    "normalise_legal_form",
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


_ASCII_NON_ALNUM = re.compile(r"[^a-z0-9]+")


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
    if text.isascii():
        # The common case, and the same result: for ASCII, folding is lower-casing, dropping the two
        # apostrophes and turning everything else that is not a letter or digit into a space.
        return " ".join(_ASCII_NON_ALNUM.sub(" ", text.lower().replace("'", "").replace("`", "")).split())
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
op|in|uit|aan|bij|onder|over|tot|voor|'s|s|a|al|el|am|auf|im|lo|los|af|vd|vdn|vdr|vden|v/d|v
""".replace("\n", "").split("|")
_PREFIX_PHRASES = """
van de|van der|van den|van het|van 't|van t|van ter|van ten|van de la|van la|van le|van du|
in 't|in t|in het|in de|in den|op de|op den|op het|op 't|op t|op ten|uit de|uit den|uit het|uit 't|uit t|
aan de|aan den|aan het|aan 't|bij de|bij den|bij het|bij 't|onder de|onder den|onder het|over de|over den|
over het|voor de|voor den|voor het|voor 't|voor in 't|de la|de le|de los|de las|von der|von dem|von den|
in der|auf der|v d|v dn|v d r|v de|v den|v der|von
""".replace("\n", "").split("|")
_PREFIXES: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split()) for p in [*_PREFIX_WORDS, *_PREFIX_PHRASES] if p.strip()
)
_MAX_PREFIX_LEN = max(len(p) for p in _PREFIXES)
# Abbreviations and one-letter forms that are not a prefix when written as capital initials: "J. V. Berg" has
# two initials, "J. v. Berg" and "Jan Vd Berg" have a prefix.
_CASE_SENSITIVE_KEYS = frozenset({"v", "d", "dn", "r", "vd", "vdn", "vdr", "v/d", "a", "s", "t"})
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


def _is_prefix_token(token: str, *, initials_possible: bool = True) -> bool:
    if not initials_possible:
        return True
    key = _token_key(token)
    # A capital single letter or a dotted capital abbreviation ("V.", "V.D.") reads as initials.
    return not (key in _CASE_SENSITIVE_KEYS and token != token.lower() and (len(key) == 1 or "." in token))


def _prefix_len_at(tokens: list[str], start: int, *, initials_possible: bool = True) -> int:
    """Length of the longest tussenvoegsel starting at ``tokens[start]`` (0 if none)."""
    for length in range(min(_MAX_PREFIX_LEN, len(tokens) - start), 0, -1):
        window = tokens[start : start + length]
        if (
            all(_is_prefix_token(t, initials_possible=initials_possible) for t in window)
            and tuple(_token_key(t) for t in window) in _PREFIXES
        ):
            return length
    return 0


def _trailing_prefix_len(tokens: list[str], *, initials_possible: bool = True) -> int:
    """Length of the longest tussenvoegsel that ends the token list ("Jan van den")."""
    for length in range(min(_MAX_PREFIX_LEN, len(tokens)), 0, -1):
        if _prefix_len_at(tokens, len(tokens) - length, initials_possible=initials_possible) == length:
            return length
    return 0


def _leading_prefix_len(tokens: list[str], *, initials_possible: bool = True) -> int:
    """Leading prefix tokens, leaving at least one token for the surname itself."""
    taken = 0
    while taken < len(tokens) - 1:
        step = _prefix_len_at(tokens[: len(tokens) - 1], taken, initials_possible=initials_possible)
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


# Prefixes that are sometimes written glued to the surname ("Vandermeer", "Terhorst"), longest first. They
# are only split off when no prefix was given or found and at least four letters remain, so "Vanes" and
# "Tenk" stay whole; a surname that merely starts with these letters ("Dekker") loses them on every record
# alike, which keeps such names comparable.
_GLUED_PREFIXES = ("vander", "vanden", "vande", "van", "den", "de", "ter", "ten")
_GLUED_MIN_REST = 4


def surname_key(prefix: str | None, surname: str | None) -> str:
    """Prefix-insensitive comparison key of a surname, folded like `normalise_name` and without spaces.

    "van den Berg", "Berg", "vd Berg", "V.d. Berg", "Berg van den" and "Berg, van den" all give "berg";
    so does a glued "Vandenberg" when the prefix field is empty. "de Vries-Bakker" gives "vriesbakker".
    In a surname field there are no initials, so "V.d." is a prefix here, unlike in `split_dutch_name`.
    """
    if surname and surname.isascii() and surname.isalpha():
        # One plain word (most surnames): no prefix can be split off inside it, only a glued one.
        return _unglued(surname.lower(), prefix)
    text = " ".join((surname or "").split())
    split = False
    if "," in text:  # "Berg, van den" as in sorted lists
        text = text.partition(",")[0]
        split = True
    tokens = _tokens(text)
    # The surname field may itself start with a prefix that belongs in the prefix field.
    lead = _leading_prefix_len(tokens, initials_possible=False)
    tokens = tokens[lead:]
    trail = _trailing_prefix_len(tokens[1:], initials_possible=False)  # "Berg van den"
    if trail:
        tokens = tokens[: len(tokens) - trail]
    key = normalise_name(" ".join(tokens)).replace(" ", "")
    return key if split or lead or trail else _unglued(key, prefix)


def _unglued(key: str, prefix: str | None) -> str:
    """``key`` without a glued prefix ("vandermeer" -> "meer"), unless a prefix was given separately."""
    if normalise_name(prefix):
        return key
    for glued in _GLUED_PREFIXES:
        if key.startswith(glued) and len(key) - len(glued) >= _GLUED_MIN_REST:
            return key[len(glued) :]
    return key


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


# Legal forms (rechtsvormen) by canonical code: the phrases as written out, and their abbreviations. An
# abbreviation counts written with or without dots ("B.V.", "BV"), except those marked ambiguous below.
_LEGAL_FORM_PHRASES: dict[str, tuple[str, ...]] = {
    "bv": ("besloten vennootschap met beperkte aansprakelijkheid", "besloten vennootschap", "bv"),
    "nv": ("naamloze vennootschap", "nv"),
    "vof": ("vennootschap onder firma", "vof"),
    "cv": ("commanditaire vennootschap", "cv"),
    "eenmanszaak": ("eenmanszaak", "eenmanzaak"),
    "stichting": ("stichting", "stg"),
    "vereniging": (
        "vereniging met volledige rechtsbevoegdheid",
        "vereniging met beperkte rechtsbevoegdheid",
        "vereniging",
    ),
    "cooperatie": ("cooperatieve vereniging", "cooperatie", "cooperatieve", "ua", "wa", "ba"),
    "maatschap": ("maatschap",),
}
# Undotted, these are also ordinary words or other abbreviations ("CV-ketel", "CV Service", "BA" as a
# degree), so they only count as a legal form written with dots or as the last word of a name.
_AMBIGUOUS_FORMS = frozenset({"cv", "ua", "wa", "ba", "stg"})
# "In oprichting" (being founded) belongs to the legal form ("B.V. i.o.") and is no part of the name.
_NO_CODE_PHRASES = ("in oprichting", "io")
_LEGAL_FORMS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): code for code, phrases in _LEGAL_FORM_PHRASES.items() for phrase in phrases
} | {tuple(phrase.split()): "" for phrase in _NO_CODE_PHRASES}
_MAX_FORM_LEN = max(len(phrase) for phrase in _LEGAL_FORMS)
# "Handelend onder de naam": the trade name that follows is the one to compare.
_TRADING_AS = (("handelend", "onder", "de", "naam"), ("hodn",), ("thodn",))
_DOTTED_WORDS = frozenset({p[0] for p in _LEGAL_FORMS if len(p) == 1} | {"hodn", "thodn"})
# Every start of such a word, so that "B. V." (two dotted chunks) can be joined into "bv".
_DOTTED_STARTS = frozenset(word[:end] for word in _DOTTED_WORDS for end in range(1, len(word) + 1))


class _Token(NamedTuple):
    word: str
    # Written with dots ("C.V.", "Stg."): then an ambiguous abbreviation is a legal form wherever it stands.
    dotted: bool = False


def _company_tokens(text: str) -> list[_Token]:
    """Folded words of a trade name; dotted abbreviations ("B.V.", "B. V.", "h.o.d.n.") become one word."""
    out: list[_Token] = []
    for chunk in text.replace("&", " en ").split():
        letters = [part for part in (normalise_name(p) for p in chunk.split(".")) if part]
        single_words = letters and all(" " not in p for p in letters)
        if "." in chunk and single_words and (len(letters) == 1 or all(len(p) == 1 for p in letters)):
            out.append(_Token("".join(letters), dotted=True))
        else:
            out.extend(_Token(word) for word in normalise_name(chunk).split())
    # "B. V." is written as two dotted chunks; join runs of dotted letters that together spell a known word.
    merged: list[_Token] = []
    for token in out:
        if token.dotted and merged and merged[-1].dotted and merged[-1].word + token.word in _DOTTED_STARTS:
            merged[-1] = _Token(merged[-1].word + token.word, dotted=True)
        else:
            merged.append(token)
    return merged


def _form_at(tokens: list[_Token], start: int) -> tuple[int, str | None]:
    """(length, code) of the longest legal-form phrase starting at ``start``; code "" for "i.o.", None if none."""
    for length in range(min(_MAX_FORM_LEN, len(tokens) - start), 0, -1):
        window = tokens[start : start + length]
        code = _LEGAL_FORMS.get(tuple(t.word for t in window))
        if code is None:
            continue
        # Only the last word, so that the decision can be made again on the result (idempotence).
        ambiguous = length == 1 and window[0].word in _AMBIGUOUS_FORMS and not window[0].dotted
        if ambiguous and start != len(tokens) - 1:
            continue
        return length, code
    return 0, None


def _trading_name(tokens: list[_Token]) -> list[_Token]:
    """What follows the last "h.o.d.n." / "handelend onder de naam" (all tokens when there is none)."""
    for start in range(len(tokens) - 1, -1, -1):
        for marker in _TRADING_AS:
            end = start + len(marker)
            if end < len(tokens) and tuple(t.word for t in tokens[start:end]) == marker:
                return tokens[end:]
    return tokens


def _without_forms(tokens: list[_Token]) -> tuple[list[_Token], list[str]]:
    """The tokens without legal forms, and the codes of the forms found."""
    codes: list[str] = []
    kept: list[_Token] = []
    position = 0
    while position < len(tokens):
        length, code = _form_at(tokens, position)
        if length:
            if code:
                codes.append(code)
            position += length
        else:
            kept.append(tokens[position])
            position += 1
    return kept, codes


def normalise_legal_form(text: str | None) -> str | None:
    """Canonical code of a Dutch legal form: "bv", "nv", "vof", "cv", "eenmanszaak", "stichting", "vereniging",
    "cooperatie" or "maatschap".

    Accepts the form on its own ("B.V.", "BV", "besloten vennootschap", "V.O.F.", "Coöperatie U.A.") or as
    part of a trade name ("Transport B.V.", "Stichting Buurtwerk"). None when there is none, or when the
    text names two different forms.
    """
    if not text:
        return None
    _, codes = _without_forms(_company_tokens(text))
    found = set(codes)
    return found.pop() if len(found) == 1 else None


def normalise_company_name(text: str | None) -> str:
    """Comparison key of a trade name: folded like names, legal forms removed wherever they stand.

    "Transport B.V.", "B.V. Transport" and "Transport BV" give "transport"; "Jansen B.V. h.o.d.n. Snel
    Transport" gives "snel transport" (the name it trades under); "&" and "en" are the same word. A name
    that is nothing but a legal form gives "".
    """
    if not text:
        return ""
    tokens = _company_tokens(text)
    # Removing a form can bring two halves of another together ("besloten BV vennootschap"): repeat until
    # nothing changes, which is what makes the key idempotent.
    while True:
        kept, _ = _without_forms(_trading_name(tokens))
        if kept == tokens:
            break
        tokens = kept
    return " ".join(t.word for t in tokens)


# BAG object types that identify one address: verblijfsobject, ligplaats, standplaats, nummeraanduiding.
_BAG_ADDRESS_TYPES = frozenset({"01", "02", "03", "20"})
_BAG_URI = re.compile(r"nl\.imbag\.[a-z]+\.", re.IGNORECASE)


def normalise_bag_id(text: str | int | None) -> str | None:
    """The 16-digit identifier of a BAG nummeraanduiding or verblijfsobject (or ligplaats/standplaats).

    Spaces and dots are ignored ("0363 2000 0012 3456", "0363.200.000.123.456"), as is the
    "NL.IMBAG.Nummeraanduiding." prefix of the BAG's own URIs. The digits are municipality code (4), object
    type (2: 01 verblijfsobject, 02 ligplaats, 03 standplaats, 20 nummeraanduiding) and serial (10). None
    for anything else, including a pand or openbare ruimte id.
    """
    if text is None or isinstance(text, bool):
        return None
    raw = f"{text:016d}" if isinstance(text, int) else _BAG_URI.sub("", text.strip(), count=1)
    digits = re.sub(r"[\s.]", "", raw)
    if not re.fullmatch(r"[0-9]{16}", digits, flags=re.ASCII):
        return None
    if digits[:4] == "0000" or digits[4:6] not in _BAG_ADDRESS_TYPES or digits[6:] == "0" * 10:
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
