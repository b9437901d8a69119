# SPDX-License-Identifier: EUPL-1.2
"""Reporting pages: staff and partners, "My signals", the anonymous channel and its receipt code."""

import io
import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.correlation.constants import SubjectKind
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals import views_public
from weerbaar.signals.constants import Channel, LocationKind, MessageDirection, Status
from weerbaar.signals.models import Attachment, Signal, SignalMessage
from weerbaar.signals.services import message_to_reporter
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db

REPORT = reverse("signals:report")
PUBLIC = reverse("signals:public_report")
RECEIVED = reverse("signals:public_received")
FOLLOW_UP = reverse("signals:public_follow_up")


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    """Assertions read the English msgids, whatever the Dutch translation will say."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def tilburg(geography: None, make_org: Any) -> Any:
    return make_org("Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))


@pytest.fixture
def farmer(tilburg: Any, make_org: Any, make_user: Any) -> Any:
    zlto = make_org("ZLTO afdeling Hart van Brabant", OrganisationType.AGRARISCH)
    return make_user(organisation=zlto, role=Role.PARTNERVERTEGENWOORDIGER, screened=False, username="boer")


@pytest.fixture
def staff(tilburg: Any, make_user: Any) -> Any:
    return make_user(organisation=tilburg, role=Role.MEDEWERKER, username="medewerker")


@pytest.fixture
def intake_officer(tilburg: Any, make_user: Any) -> Any:
    return make_user(organisation=tilburg, role=Role.MELDPUNT, username="meldpunt")


def form_data(**overrides: Any) -> dict[str, Any]:
    """A complete, valid staff report: an offer to rent a barn, at an address in Tilburg."""
    data: dict[str, Any] = {
        "phenomenon": "hennepteelt",
        "indicators": ["huuraanbod"],
        "description": "Een onbekende man bood contant geld om mijn schuur te huren.",
        "occurred_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "location_kind": LocationKind.ADRES,
        "street": "Hoevenseweg",
        "house_number": "12a",
        "postcode": "5017ab",
        "city": "Tilburg",
        "latitude": "",
        "longitude": "",
        "municipality": "",
        "subjects-TOTAL_FORMS": "5",
        "subjects-INITIAL_FORMS": "0",
        "subjects-MIN_NUM_FORMS": "0",
        "subjects-MAX_NUM_FORMS": "5",
        "subjects-0-kind": SubjectKind.VOERTUIG,
        "subjects-0-plate": "ab-123-c",
    }
    data.update(overrides)
    return data


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker with a name"  # Make
    gps = exif.get_ifd(0x8825)  # GPSInfo
    gps[1] = "N"
    gps[2] = (51.0, 33.0, 20.0)
    gps[3] = "E"
    gps[4] = (5.0, 5.0, 28.0)
    buffer = io.BytesIO()
    image.save(buffer, "jpeg", exif=exif.tobytes())
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(0x8825), "the test photo must carry GPS data"
    return data


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- Staff and partners ----------------------------------------------------------------------------


def test_form_shows_phenomena_indicators_and_location_choices(client_for: Callable[..., Client], farmer: Any) -> None:
    response = client_for(farmer).get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    for expected in ('name="phenomenon"', 'value="huuraanbod"', 'name="location_kind"', 'name="subjects-0-kind"'):
        assert expected in html
    assert "multiple" in html and 'name="attachments"' in html
    assert 'name="forwarded_channel"' not in html  # only the intake team registers forwarded signals
    assert "<script>" not in html and "style=" not in html


def test_partner_reports_with_address_and_sees_the_confirmation(
    client_for: Callable[..., Client], farmer: Any, tilburg: Any
) -> None:
    client = client_for(farmer)
    response = client.post(REPORT, form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("signals:report_done")
    signal = Signal.objects.get()
    assert signal.channel == Channel.GEBIEDSPARTNER
    assert signal.reporter == farmer
    # The house number is stored in its canonical form (number and addition, addition upper-case).
    assert (signal.postcode, signal.house_number, signal.city) == ("5017 AB", "12A", "Tilburg")
    assert signal.municipality.code == "GM0855"  # looked up from the place
    assert signal.organisation == tilburg
    assert signal.indicators == ["huuraanbod"]
    assert list(signal.subjects.values_list("kind", "plate")) == [(SubjectKind.VOERTUIG, "AB123C")]

    done = client.get(response["Location"])
    assert done.status_code == 200
    assert signal.number in done.content.decode()
    assert reverse("signals:my_list") in done.content.decode()
    assert client.get(reverse("signals:report_done")).status_code == 302  # shown once


@pytest.mark.parametrize(
    ("org_type", "channel"),
    [
        (OrganisationType.GEMEENTE, Channel.MEDEWERKER),
        (OrganisationType.POLITIE, Channel.KETENPARTNER),
        (OrganisationType.BELASTINGDIENST, Channel.KETENPARTNER),
        (OrganisationType.JACHT, Channel.GEBIEDSPARTNER),
    ],
)
def test_channel_follows_the_reporters_organisation(
    client_for: Callable[..., Client], tilburg: Any, make_org: Any, make_user: Any, org_type: str, channel: str
) -> None:
    user = make_user(organisation=make_org("Partner", org_type), role=Role.PARTNERVERTEGENWOORDIGER)
    assert client_for(user).post(REPORT, form_data()).status_code == 302
    assert Signal.objects.get().channel == channel


def test_point_and_area_only(client_for: Callable[..., Client], staff: Any) -> None:
    client = client_for(staff)
    point = form_data(location_kind=LocationKind.PUNT, latitude="51.55551", longitude="5.09130", street="")
    assert client.post(REPORT, point).status_code == 302
    area = form_data(location_kind=LocationKind.GEBIED, municipality="GM0363", street="", city="")
    assert client.post(REPORT, area).status_code == 302
    by_kind = {s.location_kind: s for s in Signal.objects.all()}
    assert by_kind[LocationKind.PUNT].municipality.code == "GM0855"
    assert by_kind[LocationKind.PUNT].street == ""  # only the chosen kind of location is kept
    assert by_kind[LocationKind.GEBIED].municipality.code == "GM0363"
    assert by_kind[LocationKind.GEBIED].latitude is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"postcode": "0123 AB"}, "postcode", "postcode"),
        ({"house_number": "twaalf"}, "house_number", "house number"),
        ({"street": ""}, "street", "street"),
        ({"occurred_on": (timezone.localdate() + timedelta(days=3)).isoformat()}, "occurred_on", "future"),
        ({"location_kind": "punt", "latitude": "48.1", "longitude": "5.1"}, "latitude", "outside the Netherlands"),
        ({"location_kind": "punt"}, "location_kind", "Pick a point"),
        ({"location_kind": "gebied"}, "municipality", "municipality"),
        ({"city": "Atlantis"}, "municipality", "municipality"),
        ({"phenomenon": "iets"}, "phenomenon", "select a valid choice"),
    ],
)
def test_bad_signal_fields_get_a_message_and_keep_what_was_typed(
    client_for: Callable[..., Client], staff: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    response = client_for(staff).post(REPORT, form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    html = response.content.decode()
    assert "weerbaar-error-summary" in html
    assert "Een onbekende man bood contant geld" in html  # kept
    assert 'value="AB-123-C"' in html or 'value="ab-123-c"' in html
    assert not Signal.objects.exists()


@pytest.mark.parametrize(
    ("subject", "field", "message"),
    [
        ({"kind": "bedrijf", "company_name": "Schuur BV", "kvk_number": "1234567"}, "kvk_number", "8 digits"),
        ({"kind": "voertuig", "plate": "XYZ"}, "plate", "licence plate"),
        ({"kind": "iban", "iban": "NL91ABNA0417164301"}, "iban", "not valid"),
        ({"kind": "iban", "iban": "12345"}, "iban", "IBAN such as"),
        ({"kind": "telefoon", "phone": "12"}, "phone", "phone number"),
        ({"kind": "email", "email": "geen-adres"}, "email", "valid email address"),
        ({"kind": "adres", "street": "Dorpsstraat", "house_number": "1", "postcode": "12"}, "postcode", "postcode"),
        ({"kind": "persoon", "given_names": "Jan"}, "surname", "surname"),
        ({"kind": "persoon", "surname": "Jansen", "birth_date": "2999-01-01"}, "birth_date", "past"),
        ({"kind": "", "surname": "Jansen"}, "kind", "kind"),
    ],
)
def test_bad_subject_fields_get_a_message_on_that_field(
    client_for: Callable[..., Client], staff: Any, subject: dict[str, str], field: str, message: str
) -> None:
    data = form_data(**{f"subjects-1-{k}": v for k, v in subject.items()})
    response = client_for(staff).post(REPORT, data)
    assert response.status_code == 200
    errors = response.context["subjects"].forms[1].errors
    assert field in errors, errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert "Subject 2" in response.content.decode()  # named in the error summary
    assert not Signal.objects.exists()


def test_every_kind_of_subject_is_normalised_and_stored(client_for: Callable[..., Client], staff: Any) -> None:
    rows = [
        {"kind": "persoon", "given_names": "Jan", "surname_prefix": "van", "surname": "Dijk", "birth_date": "1970-5-1"},
        {"kind": "bedrijf", "company_name": "Schuurverhuur BV", "kvk_number": "1234 5678"},
        {"kind": "telefoon", "phone": "06 12345678"},
        {"kind": "iban", "iban": "nl91 abna 0417 1643 00"},
        {"kind": "adres", "street": "Dorpsstraat", "house_number": "3", "postcode": "5051ab", "plate": "ignored"},
    ]
    data = form_data(**{f"subjects-{i}-{k}": v for i, row in enumerate(rows) for k, v in row.items()})
    assert client_for(staff).post(REPORT, data).status_code == 302
    subjects = list(Signal.objects.get().subjects.all())
    assert [s.kind for s in subjects] == ["persoon", "bedrijf", "telefoon", "iban", "adres"]
    assert subjects[1].kvk_number == "12345678"
    assert subjects[2].phone == "+31612345678"
    assert subjects[3].iban == "NL91ABNA0417164300"
    assert (subjects[4].postcode, subjects[4].plate) == ("5051 AB", "")


def test_staff_must_name_a_subject_but_anonymous_reporters_need_not(
    client: Client, client_for: Callable[..., Client], staff: Any
) -> None:
    data = form_data(**{"subjects-0-kind": "", "subjects-0-plate": ""})
    response = client_for(staff).post(REPORT, data)
    assert response.status_code == 200
    assert "Name at least one subject" in response.content.decode()
    assert client.post(PUBLIC, data).status_code == 302
    assert Signal.objects.get().channel == Channel.ANONIEM


def test_more_than_five_subjects_is_refused(client_for: Callable[..., Client], staff: Any) -> None:
    data = form_data(**{"subjects-TOTAL_FORMS": "6", "subjects-5-kind": "telefoon", "subjects-5-phone": "0612345678"})
    response = client_for(staff).post(REPORT, data)
    assert response.status_code == 200
    assert not Signal.objects.exists()


def test_intake_officer_registers_a_forwarded_signal_without_reporter(
    client_for: Callable[..., Client], intake_officer: Any
) -> None:
    client = client_for(intake_officer)
    assert 'name="forwarded_channel"' in client.get(REPORT).content.decode()
    missing = client.post(REPORT, form_data(forwarded_channel=Channel.MMA))
    assert "forwarded_reference" in missing.context["form"].errors
    assert (
        client.post(REPORT, form_data(forwarded_channel=Channel.MMA, forwarded_reference="MMA-2026-118")).status_code
        == 302
    )
    signal = Signal.objects.get()
    assert (signal.channel, signal.forwarded_reference, signal.reporter) == (Channel.MMA, "MMA-2026-118", None)


def test_others_cannot_choose_the_forwarded_channel(client_for: Callable[..., Client], farmer: Any) -> None:
    assert client_for(farmer).post(REPORT, form_data(forwarded_channel=Channel.MMA)).status_code == 302
    signal = Signal.objects.get()
    assert (signal.channel, signal.reporter) == (Channel.GEBIEDSPARTNER, farmer)


# --- My signals ------------------------------------------------------------------------------------


def test_my_signals_lists_only_my_own_with_status(
    client_for: Callable[..., Client], farmer: Any, staff: Any, intake_officer: Any
) -> None:
    mine = make_signal(actor_for(user=farmer), channel=Channel.GEBIEDSPARTNER)
    theirs = make_signal(actor_for(user=staff))
    client = client_for(farmer)
    html = client.get(reverse("signals:my_list")).content.decode()
    assert mine.number in html and theirs.number not in html
    assert str(Status.ONTVANGEN.label) in html
    assert client.get(reverse("signals:my_detail", kwargs={"uuid": mine.uuid})).status_code == 200
    assert client.get(reverse("signals:my_detail", kwargs={"uuid": theirs.uuid})).status_code == 404
    # Even the intake team's own officer does not see the signal through "My signals".
    assert client_for(intake_officer).get(reverse("signals:my_detail", kwargs={"uuid": mine.uuid})).status_code == 404


def test_detail_shows_status_and_questions_but_not_the_handling(
    client_for: Callable[..., Client], farmer: Any, intake_officer: Any
) -> None:
    signal = make_signal(
        actor_for(user=farmer), channel=Channel.GEBIEDSPARTNER, subjects=[{"kind": "voertuig", "plate": "AB123C"}]
    )
    message_to_reporter(actor=actor_for(user=intake_officer), signal=signal, body="Welke kleur had de bus?")
    client = client_for(farmer)
    url = reverse("signals:my_detail", kwargs={"uuid": signal.uuid})
    html = client.get(url).content.decode()
    assert "Welke kleur had de bus?" in html
    assert "AB123C" not in html  # no subjects, no handling
    response = client.post(url, {"body": "Wit, met een blauwe streep."})
    assert response.status_code == 302
    answer = SignalMessage.objects.get(direction=MessageDirection.FROM_REPORTER)
    assert (answer.signal, answer.body, answer.author) == (signal, "Wit, met een blauwe streep.", farmer)
    assert client.post(url, {"body": ""}).status_code == 200  # re-rendered with the error


# --- Anonymous -------------------------------------------------------------------------------------


def _report_anonymously(client: Client, **overrides: Any) -> str:
    response = client.post(PUBLIC, form_data(**overrides))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert response["Location"] == RECEIVED
    page = client.get(RECEIVED)
    code = page.context["code"]
    assert code and code in page.content.decode()
    return str(code)


def test_anonymous_report_shows_the_receipt_code_once_never_in_a_url(client: Client, tilburg: Any) -> None:
    response = client.get(PUBLIC)
    assert response.status_code == 200
    html = response.content.decode()
    assert "We cannot call or e-mail you back" in html
    submitted = client.post(PUBLIC, form_data())
    assert submitted.status_code == 302 and submitted["Location"] == RECEIVED
    first = client.get(RECEIVED)
    code = first.context["code"]
    assert code and len(code.replace("-", "")) >= 16  # 80+ bits in base32
    second = client.get(RECEIVED)
    assert second.context["code"] is None and code not in second.content.decode()
    signal = Signal.objects.get()
    assert (signal.channel, signal.reporter, signal.reporter_organisation) == (Channel.ANONIEM, None, None)
    assert code not in str(Session.objects.values_list("session_data", flat=True))


def test_logged_in_user_reporting_anonymously_stays_anonymous(client_for: Callable[..., Client], staff: Any) -> None:
    client = client_for(staff)
    _report_anonymously(client)
    signal = Signal.objects.get()
    assert (signal.channel, signal.reporter) == (Channel.ANONIEM, None)


def test_honeypot_stores_nothing(client: Client, tilburg: Any) -> None:
    response = client.post(PUBLIC, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Signal.objects.exists()
    assert client.get(RECEIVED).context["code"] is None


def test_follow_up_with_the_code_reads_questions_and_adds_information(
    client: Client, tilburg: Any, intake_officer: Any
) -> None:
    code = _report_anonymously(client)
    signal = Signal.objects.get()
    message_to_reporter(actor=actor_for(user=intake_officer), signal=signal, body="Hoeveel vaten waren het?")

    assert client.get(FOLLOW_UP).status_code == 200
    found = client.post(FOLLOW_UP, {"code": code.lower().replace("-", " ")})
    html = found.content.decode()
    assert found.status_code == 200
    assert "Hoeveel vaten waren het?" in html
    assert f'value="{code.lower().replace("-", " ")}"' in html  # the code goes along in the POST body only

    photo = SimpleUploadedFile("vaten.jpg", jpeg_with_gps(), content_type="image/jpeg")
    answered = client.post(
        FOLLOW_UP, {"action": "reply", "code": code, "body": "Zeker twintig.", "attachments": [photo]}
    )
    # Post/redirect/get: the answer is shown once after a redirect, so a reload cannot send it twice.
    assert (answered.status_code, answered["Location"]) == (302, FOLLOW_UP)
    shown = client.get(FOLLOW_UP)
    assert shown.context["sent"] and "Zeker twintig." in shown.content.decode()
    reloaded = client.get(FOLLOW_UP)
    assert "sent" not in (reloaded.context or {}) and "Zeker twintig." not in reloaded.content.decode()
    answer = SignalMessage.objects.get(direction=MessageDirection.FROM_REPORTER)
    assert (answer.signal, answer.body, answer.author) == (signal, "Zeker twintig.", None)
    assert signal.attachments.count() == 1
    # Status is coarse: what other authorities do is not told.
    assert found.context["status_label"] == views_public.public_status_label(Status.ONTVANGEN)
    assert str(views_public.public_status_label(Status.EXTERN_DOORGEZET)) == str(
        views_public.public_status_label(Status.BRONNENONDERZOEK)
    )


def test_wrong_codes_get_a_generic_message_and_are_throttled_per_session(client: Client, tilburg: Any) -> None:
    for attempt in range(views_public.MAX_FAILED_LOOKUPS_PER_SESSION):
        response = client.post(FOLLOW_UP, {"code": f"AAAA-BBBB-CCCC-{attempt:04d}"})
        assert response.status_code == 200
        assert "This code is not known" in response.content.decode()
    blocked = client.post(FOLLOW_UP, {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert blocked.status_code == 429
    # A reply with a wrong code is a lookup too.
    assert Client().post(FOLLOW_UP, {"action": "reply", "code": "nope", "body": "x"}).status_code == 200


def test_wrong_codes_are_throttled_globally_without_identifying_anyone(
    tilburg: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weerbaar.core.tests.cache_keys import stored_cache_keys

    monkeypatch.setattr(views_public, "MAX_FAILED_LOOKUPS_GLOBAL", 3)
    for _attempt in range(3):
        assert Client().post(FOLLOW_UP, {"code": "AAAA-BBBB"}).status_code == 200  # fresh session each time
    assert Client().post(FOLLOW_UP, {"code": "AAAA-BBBB"}).status_code == 429
    keys = stored_cache_keys()
    assert keys and all("127.0.0.1" not in k for k in keys)


def test_no_ip_address_or_user_agent_is_stored_anywhere(
    client: Client, tilburg: Any, intake_officer: Any, caplog: pytest.LogCaptureFixture
) -> None:
    ip, agent = "203.0.113.77", "unique-marker"
    meta = {"REMOTE_ADDR": ip, "HTTP_USER_AGENT": f"Test-UA/9.9 {agent}", "HTTP_X_FORWARDED_FOR": ip}
    caplog.set_level(logging.DEBUG)
    # Our own loggers and Pillow's do not propagate to the root logger caplog listens on: listen on them too.
    for name in ("weerbaar", "django.request", "PIL"):
        logging.getLogger(name).addHandler(caplog.handler)
    client.get(PUBLIC, **meta)
    photo = SimpleUploadedFile("foto.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(PUBLIC, {**form_data(), "attachments": [photo]}, **meta)
    assert response.status_code == 302
    code = client.get(RECEIVED, **meta).context["code"]
    client.post(FOLLOW_UP, {"code": code}, **meta)
    client.post(FOLLOW_UP, {"code": "WRONG-CODE"}, **meta)
    client.post(FOLLOW_UP, {"action": "reply", "code": code, "body": "Nog iets."}, **meta)
    assert Signal.objects.count() == 1 and SignalMessage.objects.count() == 1

    found: list[str] = []
    for model in apps.get_models():
        for row in model._default_manager.all():
            for field in model._meta.concrete_fields:
                value = str(field.value_from_object(row))
                if ip in value or agent in value:
                    found.append(f"{model._meta.label}.{field.name}")
    for session in Session.objects.all():
        decoded = str(session.get_decoded())
        if ip in decoded or agent in decoded:
            found.append("session data")
    assert not found, found
    for name in ("weerbaar", "django.request", "PIL"):
        logging.getLogger(name).removeHandler(caplog.handler)
    # Pillow's debug lines (the photo's EXIF tags) used to be all there was to capture here; now nothing is.
    assert logging.getLogger().isEnabledFor(logging.DEBUG), "logging at DEBUG was in force"
    assert not [r for r in caplog.records if r.name.startswith("PIL")]
    logged = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    assert ip not in logged and agent not in logged


def test_anonymous_form_errors_keep_the_text_and_ask_for_files_again(client: Client, tilburg: Any) -> None:
    photo = SimpleUploadedFile("foto.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(PUBLIC, {**form_data(postcode="99"), "attachments": [photo]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "choose them again" in html
    assert "Een onbekende man bood contant geld" in html


# --- Attachments -----------------------------------------------------------------------------------


def test_photo_is_stored_without_exif(client: Client, tilburg: Any, media_root: Path) -> None:
    photo = SimpleUploadedFile("schuur.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert client.post(PUBLIC, {**form_data(), "attachments": [photo]}).status_code == 302
    attachment = Attachment.objects.get()
    stored = media_root / attachment.path
    assert stored.is_file()
    with Image.open(stored) as image:
        assert not image.getexif()
        assert "exif" not in image.info
    assert b"Camera maker" not in stored.read_bytes()


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n this is not really a pdf", b"\x00\x01garbage" * 100, b"<html><script>alert(1)</script></html>"],
    ids=["broken-pdf", "random-bytes", "html"],
)
def test_rejected_files_are_named_and_nothing_is_written(
    client_for: Callable[..., Client], staff: Any, media_root: Path, content: bytes
) -> None:
    good = SimpleUploadedFile("goed.jpg", jpeg_with_gps(), content_type="image/jpeg")
    bad = SimpleUploadedFile("vakantie.jpg", content, content_type="image/jpeg")
    response = client_for(staff).post(REPORT, {**form_data(), "attachments": [good, bad]})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "vakantie.jpg" in errors and "goed.jpg" not in errors
    assert not Signal.objects.exists()
    assert files_under(media_root) == []


def test_at_most_five_files(client_for: Callable[..., Client], staff: Any, media_root: Path) -> None:
    photos = [SimpleUploadedFile(f"f{i}.jpg", jpeg_with_gps(), content_type="image/jpeg") for i in range(6)]
    response = client_for(staff).post(REPORT, {**form_data(), "attachments": photos})
    assert response.status_code == 200
    assert "attachments" in response.context["form"].errors
    assert files_under(media_root) == []


# --- The base layer --------------------------------------------------------------------------------


def test_boundaries_are_public_and_cacheable(client: Client) -> None:
    response = client.get(reverse("signals:boundaries_geojson"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "public" in response["Cache-Control"] and "no-store" not in response["Cache-Control"]
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) > 300


def test_a_code_in_the_url_is_ignored(client: Client, tilburg: Any) -> None:
    code = _report_anonymously(client)
    response = client.get(FOLLOW_UP, {"code": code})
    assert response.status_code == 200
    assert "signal" not in response.context
    assert code not in response.content.decode()
