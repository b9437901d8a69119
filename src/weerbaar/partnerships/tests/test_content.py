# SPDX-License-Identifier: EUPL-1.2
"""The content check of area A's free texts: what points at a person is refused with a readable reason."""

import pytest
from django.core.exceptions import ValidationError

from weerbaar.partnerships.content import content_check, personal_identifiers_in


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Witte bestelbus met kenteken VX-123-Z bij de schuur", "kenteken"),
        ("Busje 12-ABC-3 reed twee keer langs", "kenteken"),
        ("Mail gerust naar j.de.vries@voorbeeld.nl", "email"),
        ("Bel de boer op 06-12345678", "telefoon"),
        ("Of op 013 123 45 67", "telefoon"),
        ("Bereikbaar via +31 6 1234 5678", "telefoon"),
        ("Vaten gevonden bij 5281 AB 12", "postcode_huisnummer"),
        ("Betaald op NL91 ABNA 0417 1643 00", "iban"),
    ],
)
def test_what_points_at_a_person_is_found(text: str, kind: str) -> None:
    assert [found for found, _raw in personal_identifiers_in(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Drugsafval gedumpt langs de Esschestroom, bij de brug over de Dommel.",
        "Zie je iets verdachts? Bel 112, of 0900-8844 als het geen spoed heeft.",
        "Meld Misdaad Anoniem: 0800-7000.",
        "Donkerblauwe bestelbus, merk Ford, 's nachts bij leegstaande schuren.",
        "Postcodegebied 5281 AB en omgeving.",
        "KvK 12345678 is het bedrijf dat de schuur verhuurt.",
    ],
)
def test_what_names_no_person_passes(text: str) -> None:
    assert personal_identifiers_in(text) == []
    content_check(text=text)


def test_the_refusal_names_the_field_and_says_what_to_write_instead() -> None:
    with pytest.raises(ValidationError) as caught:
        content_check(text="Kenteken VX-123-Z", location_text="5281 AB 12", guidance="Bel 112")
    errors = caught.value.message_dict
    assert set(errors) == {"text", "location_text"}
    assert "colour and make" in errors["text"][0] and "VX-123-Z" in errors["text"][0]
    assert "approximate location" in errors["location_text"][0]
