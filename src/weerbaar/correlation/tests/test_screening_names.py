# SPDX-License-Identifier: EUPL-1.2
"""Screening without birth date: the name keys (filed, looked up, backfilled) and the tie at the last place."""

from io import StringIO
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from linkage import keys
from tests.helpers import verified_client
from weerbaar.api.services import api_token_issue
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Subject, SubjectKey
from weerbaar.correlation.services import screening_run
from weerbaar.correlation.tests.factories import World, case_subject, make_world

pytestmark = pytest.mark.django_db

CITIES = ("Breda", "Tilburg", "Goes", "Venlo", "Assen", "Zwolle", "Delft", "Gouda", "Hoorn", "Emmen", "Sneek", "Weert")


@pytest.fixture
def world(geography: None) -> World:
    return make_world()


def _namesakes(world: World, count: int) -> list[Subject]:
    """``count`` different persons called Jan Berg (other birth dates and places): level on the name alone."""
    return [
        case_subject(
            world.director,
            world.case,
            SubjectKind.PERSOON,
            {
                "given_names": "Jan",
                "surname": "Berg",
                "birth_date": f"19{50 + n}-0{1 + n % 9}-1{n % 9}",
                "street": "Markt",
                "house_number": str(n + 1),
                "city": CITIES[n],
            },
        )
        for n in range(count)
    ]


def test_person_keys_include_the_name_keys_filed_and_looked_up() -> None:
    full = keys.comparison_form(keys.PERSON, {"given_names": "Jan", "surname": "Bakker"})
    filed = set(keys.candidate_keys(keys.PERSON, full))
    looked_up = set(keys.candidate_keys(keys.PERSON, full, lookup=True))
    name_keys = {
        "persoon:name:ajn|bkr",
        "persoon:sound:jn|bkr",
        "persoon:prefix:ja|bkr",
        "persoon:tail:jan|kker",
        "persoon:head:jan|bakk",
        "persoon:initials:j|bkr",
        "persoon:surname:bkr",
    }
    assert set(keys.person_name_keys(full)) == name_keys and filed >= name_keys
    # A full given name looks up the few known by an initial alone, not every J. Bakker, nor every Bakker.
    # Every query looks up the Bakkers stored without a given name.
    assert looked_up - filed == {"persoon:initial:j|bkr", "persoon:bare:bkr"}
    assert filed - looked_up == {"persoon:initials:j|bkr", "persoon:surname:bkr"}
    # Only a query without a given name looks up every Bakker (and is filed with those without one).
    nameless = keys.comparison_form(keys.PERSON, {"surname": "Bakker", "city": "Goes"})
    assert set(keys.candidate_keys(keys.PERSON, nameless, lookup=True)) & filed == {"persoon:surname:bkr"}
    assert "persoon:bare:bkr" in set(keys.candidate_keys(keys.PERSON, nameless))
    initial = keys.comparison_form(keys.PERSON, {"given_names": "J.", "surname": "Bakker"})
    assert set(keys.candidate_keys(keys.PERSON, initial)) & looked_up == {"persoon:initial:j|bkr"}
    assert set(keys.candidate_keys(keys.PERSON, initial, lookup=True)) & filed == {"persoon:initials:j|bkr"}


def test_a_transposed_given_name_is_found_without_birth_date_or_address(world: World) -> None:
    stored = case_subject(
        world.director,
        world.case,
        SubjectKind.PERSOON,
        {"given_names": "Jna", "surname": "Bakker", "birth_date": "1971-05-04", "city": "Breda"},
    )
    result = screening_run(
        actor=world.director, kind=SubjectKind.PERSOON, values={"given_names": "Jan", "surname": "Bakker"}, purpose="x"
    )
    # Only the sorted letters of the given name are shared ("ajn"): the engine's keys need the same given
    # name, a birth date or a place.
    assert [f.subject for f in result.found] == [stored]
    # An initial finds the full given name (and the other way round).
    initial = screening_run(
        actor=world.director, kind=SubjectKind.PERSOON, values={"given_names": "J.", "surname": "Bakker"}, purpose="x"
    )
    assert [f.subject for f in initial.found] == [stored]


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        # A typo near the end of the surname changes its sound; the given name and the surname's head remain.
        (
            {"given_names": "Karlijn", "surname": "Woudenberg", "city": "Breda"},
            {"given_names": "Karlijn", "surname": "Woudenyerg"},
        ),
        # No given name, and another address: the surname alone (a rare one).
        (
            {
                "given_names": "Alex",
                "surname": "Westerbeek",
                "street": "Wolfsingel",
                "house_number": "131",
                "city": "Goes",
            },
            {"surname": "Westerbeek", "street": "Boschdreef", "house_number": "174", "city": "Assen"},
        ),
        # The given name misspelt past its first two letters, in letters and in sound.
        (
            {"given_names": "Charlotte", "surname": "Beijring", "city": "Goes"},
            {"given_names": "Chaalotte", "surname": "Beiering"},
        ),
        # Stored without a given name, at another address.
        (
            {
                "surname": "Boudewijns",
                "birth_date": "1956-04-03",
                "street": "Oostlaan",
                "house_number": "83",
                "city": "Goes",
            },
            {
                "given_names": "Elena",
                "surname": "Boudewijns",
                "street": "Reiglaan",
                "house_number": "103",
                "city": "Weesp",
            },
        ),
    ],
    ids=["head-of-the-surname", "surname-alone", "given-name-typo-after-two-letters", "stored-without-given-name"],
)
def test_a_query_sharing_no_other_name_key_is_found(
    world: World, stored: dict[str, str], query: dict[str, str]
) -> None:
    subject = case_subject(world.director, world.case, SubjectKind.PERSOON, stored)
    result = screening_run(actor=world.director, kind=SubjectKind.PERSOON, values=query, purpose="x")
    assert [f.subject for f in result.found] == [subject]


def test_the_backfill_files_stored_persons_under_the_name_keys_once(world: World) -> None:
    person = case_subject(world.director, world.case, SubjectKind.PERSOON, {"given_names": "Jan", "surname": "Berg"})
    phone = case_subject(world.director, world.case, SubjectKind.TELEFOON, {"phone": "06 12345678"})
    name_keys = {keys.key_hash(k) for k in keys.person_name_keys(keys.Form.of(person.__dict__))}
    assert len(name_keys) == 7 and name_keys <= set(person.keys.values_list("key", flat=True))
    SubjectKey.objects.filter(subject=person, key__in=name_keys).delete()  # as stored before the name keys
    before_phone = set(phone.keys.values_list("key", flat=True))
    out = StringIO()
    call_command("correlation_name_keys", stdout=out)
    assert "7 name-key rows added" in out.getvalue()
    assert name_keys <= set(person.keys.values_list("key", flat=True))
    assert set(phone.keys.values_list("key", flat=True)) == before_phone
    again = StringIO()
    call_command("correlation_name_keys", stdout=again)
    assert "0 name-key rows added" in again.getvalue()
    assert SubjectKey.objects.filter(subject=person, key__in=name_keys).count() == 7


def test_a_tie_at_the_last_place_is_reported(world: World) -> None:
    _namesakes(world, 3)
    name = {"given_names": "Jan", "surname": "Berg"}
    cut = screening_run(actor=world.director, kind=SubjectKind.PERSOON, values=name, purpose="x", limit=2)
    assert len(cut.found) == 2 and cut.tied
    whole = screening_run(actor=world.director, kind=SubjectKind.PERSOON, values=name, purpose="x", limit=3)
    assert len(whole.found) == 3 and not whole.tied
    # With a birth date one of them stands out: no tie at the first place.
    dated = screening_run(
        actor=world.director,
        kind=SubjectKind.PERSOON,
        values=name | {"birth_date": "1950-01-10"},
        purpose="x",
        limit=1,
    )
    assert dated.found[0].subject.birth_date.isoformat() == "1950-01-10" and not dated.tied
    # Below a match at the top, the two namesakes level at the second place are not reported as a tie.
    matched = screening_run(
        actor=world.director,
        kind=SubjectKind.PERSOON,
        values=name | {"birth_date": "1950-01-10"},
        purpose="x",
        limit=2,
    )
    threshold = django_settings.CORRELATION_MATCH_THRESHOLD
    assert matched.found[0].score >= threshold > matched.found[1].score and not matched.tied
    # Tied persons the actor may not see do not count: the outsider sees none of them.
    hidden = screening_run(actor=world.outsider, kind=SubjectKind.PERSOON, values=name, purpose="x", limit=1)
    assert hidden.found == [] and not hidden.tied


def test_the_api_and_the_page_say_when_the_top_is_a_tie(world: World, settings: Any) -> None:
    _namesakes(world, 11)
    assert world.director.user is not None
    _token, raw = api_token_issue(user=world.director.user)
    body = {"soort": "persoon", "voornamen": "Jan", "achternaam": "Berg", "doel": "Bibob", "maxResultaten": 5}
    url = reverse("api:subjecten-zoeken")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    answer = api.post(url, data=body, content_type="application/json")
    assert answer.status_code == 200
    assert len(answer.json()["resultaten"]) == 5 and answer.json()["meerMetGelijkeScore"] is True
    all_of_them = api.post(url, data=body | {"maxResultaten": 11}, content_type="application/json")
    assert all_of_them.json()["meerMetGelijkeScore"] is False
    TOTPDevice.objects.create(user=world.director.user, name="authenticator", confirmed=True)
    client = verified_client(world.director.user)
    form = {"kind": "persoon", "given_names": "Jan", "surname": "Berg", "purpose": "Bibob"}
    page = client.post(reverse("correlation:screening"), data=form)
    hint = "Meer personen met dezelfde naam dan getoond; voeg een geboortedatum of adres toe"
    assert page.status_code == 200 and hint in page.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.post(reverse("correlation:screening"), data=form)
    assert "More persons with the same name than shown; add a date of birth" in english.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    # One person of that name: shown, no tie, no hint.
    case_subject(world.director, world.case, SubjectKind.PERSOON, {"given_names": "Klaas", "surname": "Visser"})
    alone = client.post(reverse("correlation:screening"), data=form | {"given_names": "Klaas", "surname": "Visser"})
    assert alone.status_code == 200 and "Visser" in alone.content.decode() and hint not in alone.content.decode()
