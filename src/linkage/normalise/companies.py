# SPDX-License-Identifier: EUPL-1.2
"""Companies: the canonical code of a legal form (rechtsvorm) and the comparison key of a trade name."""

from __future__ import annotations

from typing import NamedTuple

from .names import normalise_name

__all__ = ["normalise_company_name", "normalise_legal_form"]

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
