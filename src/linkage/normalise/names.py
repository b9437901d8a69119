# SPDX-License-Identifier: EUPL-1.2
"""Names: a folded comparison form, Dutch names split into given names, tussenvoegsel and surname, the
prefix-insensitive surname key and initials."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["DutchName", "given_initials", "normalise_name", "split_dutch_name", "surname_key"]

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
