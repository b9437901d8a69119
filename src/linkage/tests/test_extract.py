# SPDX-License-Identifier: EUPL-1.2
"""Extraction of identifiers from free text, on a synthetic report with decoys."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from linkage.extract import Extracted, extract_identifiers

FAST = settings(max_examples=200, deadline=None)

# Synthetic: the company, people, KvK number and phone numbers are made up; the IBAN is the ISO example.
REPORT = """Melding 2024-117, ontvangen 07-03-2024 via het meldpunt.
In de loods aan de Spoorlaan (5041 AB 12a, Tilburg) staan sinds 2024 's nachts busjes met kenteken vn-123-b.
Huurder is Bouwbedrijf De Zwaluw B.V., kvk-nummer: 12345678, rekening NL91 ABNA 0417 1643 00.
Een tweede rekening NL12 ABNA 0123 4567 89 klopt niet. Ordernummer 87654321 staat op de factuur.
Contact via 06-12345678 of j.de.vries@voorbeeld.nl. Tweede locatie: 5038CB, nr. 7."""


def kinds_and_values(found: list[Extracted]) -> list[tuple[str, str]]:
    return [(e.kind, e.value) for e in found]


def test_report_yields_one_of_each_kind_and_no_decoys() -> None:
    found = extract_identifiers(REPORT)
    assert kinds_and_values(found) == [
        ("postcode_huisnummer", "5041AB 12-A"),
        ("kenteken", "VN123B"),
        ("kvk", "12345678"),
        ("iban", "NL91ABNA0417164300"),
        ("telefoon", "+31612345678"),
        ("email", "j.de.vries@voorbeeld.nl"),
        ("postcode_huisnummer", "5038CB 7"),
    ]
    for item in found:
        assert REPORT[item.start : item.end] == item.raw
    raws = {e.raw for e in found}
    assert "87654321" not in raws  # eight digits without a KvK cue
    assert not any("2024" in raw for raw in raws)  # years and dates
    assert not any("0123" in raw for raw in raws)  # digits of the invalid IBAN are not a phone number


def test_raw_spans_point_into_text() -> None:
    found = extract_identifiers(REPORT)
    by_kind = {e.kind: e for e in found}
    assert by_kind["iban"].raw == "NL91 ABNA 0417 1643 00"
    assert by_kind["kvk"].raw == "12345678"
    assert by_kind["kenteken"].raw == "vn-123-b"


def test_kvk_cue_must_be_close() -> None:
    assert kinds_and_values(extract_identifiers("KvK 12345678")) == [("kvk", "12345678")]
    assert kinds_and_values(extract_identifiers("ingeschreven bij de K.v.K. onder 12345678")) == [("kvk", "12345678")]
    far = "KvK: zie de bijlage bij dit dossier, 12345678"
    assert extract_identifiers(far) == []


def test_plates_with_and_without_dashes() -> None:
    text = "Auto's: 12-ABC-3, XJ-12-TR en 5XJH12 en GZ123X. Niet: 2024, ABCDEF, A1-23-BC, 5041AB."
    assert kinds_and_values(extract_identifiers(text)) == [
        ("kenteken", "12ABC3"),
        ("kenteken", "XJ12TR"),
        ("kenteken", "5XJH12"),
        ("kenteken", "GZ123X"),
    ]


def test_phone_forms() -> None:
    text = "Bel +31 (0)10 123 4567, 0031 6 1234 5678 of (010) 765 43 21; niet 07-03-1980 of 112."
    assert kinds_and_values(extract_identifiers(text)) == [
        ("telefoon", "+31101234567"),
        ("telefoon", "+31612345678"),
        ("telefoon", "+31107654321"),
    ]


def test_postcode_and_house_number_forms() -> None:
    text = "Adressen: 5041 AB 12a; 5041AB, nr. 12; 1011 ab 3-2; 9999 ZZ 1 bis. Losse postcode 3511 AB te Utrecht."
    assert kinds_and_values(extract_identifiers(text)) == [
        ("postcode_huisnummer", "5041AB 12-A"),
        ("postcode_huisnummer", "5041AB 12"),
        ("postcode_huisnummer", "1011AB 3-2"),
        ("postcode_huisnummer", "9999ZZ 1-BIS"),
    ]


def test_email_wins_over_what_it_contains() -> None:
    text = "Mail naar ab-123-c.verhuur@voorbeeld.nl."
    assert kinds_and_values(extract_identifiers(text)) == [("email", "ab-123-c.verhuur@voorbeeld.nl")]


def test_empty_text() -> None:
    assert extract_identifiers("") == []


@FAST
@given(st.text(alphabet=st.sampled_from("NLAB0123456789 -@.,:kvKVphone\n"), max_size=120))
def test_results_never_overlap_and_match_their_span(text: str) -> None:
    found = extract_identifiers(text)
    for item in found:
        assert text[item.start : item.end] == item.raw
    for left, right in itertools.pairwise(found):
        assert left.end <= right.start


@st.composite
def nl_iban(draw: st.DrawFn) -> str:
    bank = draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4))
    account = draw(st.text(alphabet="0123456789", min_size=10, max_size=10))
    number = int("".join(str(int(ch, 36)) for ch in f"{bank}{account}NL00"))
    return f"NL{98 - number % 97:02d}{bank}{account}"


@FAST
@given(nl_iban(), st.sampled_from(["Rekening ", "IBAN: ", "betaald van "]), st.sampled_from([".", " op 3 mei.", ""]))
def test_generated_iban_is_found_in_a_sentence(iban: str, before: str, after: str) -> None:
    printed = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    found = extract_identifiers(f"{before}{printed}{after}")
    assert kinds_and_values(found) == [("iban", iban)]
