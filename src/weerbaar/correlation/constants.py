# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of subjects and correlation (docs/domain.md §9)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from linkage.engine.records import Verdict as EngineVerdict


class SubjectKind(models.TextChoices):
    PERSOON = "persoon", _("Person")
    BEDRIJF = "bedrijf", _("Company")
    ADRES = "adres", _("Address")
    VOERTUIG = "voertuig", _("Vehicle")
    TELEFOON = "telefoon", _("Phone number")
    EMAIL = "email", _("E-mail address")
    IBAN = "iban", _("Bank account (IBAN)")


#: The values each kind of subject has, in the order forms and tables show them.
_ADDRESS = ("street", "house_number", "house_number_addition", "postcode", "city")
SUBJECT_FIELDS: dict[str, tuple[str, ...]] = {
    SubjectKind.PERSOON: ("given_names", "surname_prefix", "surname", "birth_date", *_ADDRESS),
    SubjectKind.BEDRIJF: ("company_name", "legal_form", "kvk_number", *_ADDRESS),
    SubjectKind.ADRES: (*_ADDRESS, "bag_id"),
    SubjectKind.VOERTUIG: ("plate",),
    SubjectKind.TELEFOON: ("phone",),
    SubjectKind.EMAIL: ("email",),
    SubjectKind.IBAN: ("iban",),
}

#: Every value field of a subject.
VALUE_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f for fields in SUBJECT_FIELDS.values() for f in fields))


class LegalForm(models.TextChoices):
    """Dutch legal forms; the codes are what ``normalise.normalise_legal_form`` returns."""

    BV = "bv", _("Private limited company (B.V.)")
    NV = "nv", _("Public limited company (N.V.)")
    VOF = "vof", _("General partnership (V.O.F.)")
    CV = "cv", _("Limited partnership (C.V.)")
    EENMANSZAAK = "eenmanszaak", _("Sole proprietorship")
    STICHTING = "stichting", _("Foundation")
    VERENIGING = "vereniging", _("Association")
    COOPERATIE = "cooperatie", _("Cooperative")
    MAATSCHAP = "maatschap", _("Partnership (maatschap)")


class SubjectSource(models.TextChoices):
    """How a subject came in (its provenance next to the supplier and the legal regime)."""

    MELDER = "melder", _("Named by the reporter")
    TEKST = "tekst", _("Found in the text and confirmed")
    INVOER = "invoer", _("Entered by staff")
    API = "api", _("Supplied through the API")
    IMPORT = "import", _("Imported")


class ContextKind(models.TextChoices):
    """Where a subject was named. Each kind is provided by the app that owns it (see ``contexts.py``)."""

    MELDING = "melding", _("signal")
    CASUS = "casus", _("case")


class Verdict(models.TextChoices):
    """A person's judgement on whether two subjects are the same; it always wins over the model."""

    ZELFDE = "zelfde", _("Same")
    NIET_ZELFDE = "niet_zelfde", _("Not the same")
    ONZEKER = "onzeker", _("Unsure")


class LinkMethod(models.TextChoices):
    MODEL = "model", _("Scoring model")
    IDENTIFIER = "identificatie", _("Same identifier")
    BATCH = "batch", _("Batch resolution")


#: Verdict codes of the engine (``engine.records.Verdict``) for ours.
ENGINE_VERDICT: dict[str, EngineVerdict] = {
    Verdict.ZELFDE: EngineVerdict.SAME,
    Verdict.NIET_ZELFDE: EngineVerdict.NOT_SAME,
    Verdict.ONZEKER: EngineVerdict.UNSURE,
}

#: Labels of the features of a score explanation, for people.
FEATURE_LABELS = {
    "prior": _("Starting point (how rare a match is)"),
    "given": _("Given name"),
    "surname": _("Surname"),
    "birth_date": _("Date of birth"),
    "address": _("Address"),
    "kvk": _("KvK number"),
    "name": _("Company name"),
    "legal_form": _("Legal form"),
    "bag": _("BAG identifier"),
    "postcode_number": _("Postcode and house number"),
    "addition": _("House number addition"),
    "street_city": _("Street, number and place"),
    "identifier": _("Identifier"),
}

#: Screening and hit disclosures a person may make per hour (enumeration brake; see ``limits.py``).
DEFAULT_SCREENINGS_PER_HOUR = 30
DEFAULT_HIT_DISCLOSURES_PER_HOUR = 120
